import type { StoredSession } from '../events.ts'
import { SignInError } from './errors.ts'
import { discoverEndpoints } from './metadata.ts'
import { refreshAccessToken, type TokenResponse } from './token.ts'

/** An access token this close to its expiry is renewed before it is sent. */
export const RENEW_BEFORE_EXPIRY_MS = 60 * 1000

/** What the REST client needs: the token to send, and a new one after the server refused it. */
export type AccessTokens = {
  current(): Promise<string>
  /**
   * A token to retry with after `rejected` was refused (401), or undefined when there is none;
   * rejects when the server cannot be reached.
   */
  renewAfter(rejected: string): Promise<string | undefined>
}

/** The session the token endpoint's answer makes, at `now` (epoch ms). */
export function sessionFrom(serverUrl: string, token: TokenResponse, now: number): StoredSession {
  return {
    serverUrl,
    accessToken: token.access_token,
    scope: token.scope ?? '',
    obtainedAt: new Date(now).toISOString(),
    ...(token.refresh_token ? { refreshToken: token.refresh_token } : {}),
    ...(token.expires_in
      ? { expiresAt: new Date(now + token.expires_in * 1000).toISOString() }
      : {}),
  }
}

/**
 * The signed-in session's access token, short-lived, renewed with the refresh token shortly
 * before it expires and after the server refuses it. The server rotates the refresh token on
 * every use, so each renewal is stored at once (`onRenewed`) and never made twice at a time: a
 * used refresh token presented again would end the sign-in. A session without a refresh token
 * (from an older build of the plugin) is used until it is refused.
 */
export class SessionTokens implements AccessTokens {
  #session: StoredSession
  #renewing: Promise<string | undefined> | undefined

  constructor(
    session: StoredSession,
    private readonly deps: {
      fetch: typeof fetch
      now: () => number
      onRenewed: (session: StoredSession) => void
    },
  ) {
    this.#session = session
  }

  /** The session as last renewed. */
  get session(): StoredSession {
    return this.#session
  }

  async current(): Promise<string> {
    const expiresAt = this.#session.expiresAt ? Date.parse(this.#session.expiresAt) : Number.NaN
    if (this.#session.refreshToken && expiresAt - this.deps.now() < RENEW_BEFORE_EXPIRY_MS) {
      return (await this.#renew()) ?? this.#session.accessToken
    }
    return this.#session.accessToken
  }

  async renewAfter(rejected: string): Promise<string | undefined> {
    // another request renewed it meanwhile: retry with that token
    if (this.#session.accessToken !== rejected) return this.#session.accessToken
    return this.#renew()
  }

  #renew(): Promise<string | undefined> {
    this.#renewing ??= this.#refresh().finally(() => {
      this.#renewing = undefined
    })
    return this.#renewing
  }

  async #refresh(): Promise<string | undefined> {
    const { serverUrl, refreshToken } = this.#session
    if (!refreshToken) return undefined
    let token: TokenResponse
    try {
      const endpoints = await discoverEndpoints(serverUrl, this.deps.fetch)
      token = await refreshAccessToken(endpoints.token, refreshToken, this.deps.fetch)
    } catch (error) {
      // refused (revoked, expired, used already): no token, the sign-in is over; a server that
      // cannot be reached is the caller's error, and the refresh token stays for the next try
      if (error instanceof SignInError && error.failure === 'exchange') return undefined
      throw error
    }
    this.#session = sessionFrom(serverUrl, token, this.deps.now())
    this.deps.onRenewed(this.#session)
    return this.#session.accessToken
  }
}
