/**
 * Requests to the REST API (`/api/v1`) with the bearer token: waits out rate limits as
 * `Retry-After` asks, renews an OAuth sign-in once after a 401, checks every JSON answer against
 * the shared schema, and turns every failure into a CliError (failures.ts).
 */
import type { z } from 'zod'
import { CliError, EXIT } from '../errors.ts'
import { type CredentialSource, failureError, networkError, notTokencraft } from './failures.ts'
import { retryAfterMs } from './retry-after.ts'

/** The credential behind the requests. */
export type Auth = {
  source: CredentialSource
  /** The bearer token to send (an OAuth sign-in refreshes it first when it is about to expire). */
  accessToken(): Promise<string>
  /** After a 401: obtains a new access token if it can (refresh), false when it cannot. */
  renew(): Promise<boolean>
}

export type ApiOptions = {
  /** Told before each wait, so that the user sees why nothing happens. */
  onWait?: (ms: number, reason: string) => void
}

/** Waits for a 429 (or a 503 with Retry-After) before giving up. */
const MAX_WAITS = 5
/** Longest single wait; the server's own windows are a minute. */
const MAX_WAIT_MS = 120_000
const REQUEST_TIMEOUT_MS = 60_000

const API_PREFIX = '/api/v1'

/** The REST API as an RFC 8707 resource: what the CLI's OAuth tokens are bound to. */
export const restApiResource = (server: string) => `${server}${API_PREFIX}`

export class ApiClient {
  readonly server: string
  readonly #auth: Auth
  readonly #options: ApiOptions

  constructor(server: string, auth: Auth, options: ApiOptions = {}) {
    this.server = server
    this.#auth = auth
    this.#options = options
  }

  /** GET a JSON answer, checked against `schema`. */
  async get<S extends z.ZodType>(path: string, schema: S): Promise<z.output<S>> {
    return this.#json('GET', path, schema)
  }

  /** PUT a JSON body; the JSON answer is checked against `schema`. */
  async put<S extends z.ZodType>(path: string, body: string, schema: S): Promise<z.output<S>> {
    return this.#json('PUT', path, schema, body)
  }

  /** GET a file as the server sent it, byte for byte. */
  async file(path: string): Promise<Uint8Array> {
    const response = await this.#send('GET', path)
    return new Uint8Array(await response.arrayBuffer())
  }

  async #json<S extends z.ZodType>(
    method: string,
    path: string,
    schema: S,
    body?: string,
  ): Promise<z.output<S>> {
    const response = await this.#send(method, path, body)
    const what = `${method} ${path} answered ${response.headers.get('content-type') ?? 'without a content type'}`
    if (!response.headers.get('content-type')?.toLowerCase().startsWith('application/json')) {
      await response.body?.cancel()
      throw notTokencraft(this.server, what)
    }
    const parsed = schema.safeParse(await response.json().catch(() => undefined))
    if (!parsed.success) {
      throw new CliError(
        EXIT.unavailable,
        'unexpected_answer',
        `${this.server} answered ${method} ${path} with something this version of tokencraft does not understand: ${parsed.error.issues[0]?.message ?? 'invalid'}`,
      )
    }
    return parsed.data
  }

  async #send(method: string, path: string, body?: string): Promise<Response> {
    const url = `${this.server}${API_PREFIX}${path}`
    let renewed = false
    for (let waits = 0; ; ) {
      const headers: Record<string, string> = {
        Authorization: `Bearer ${await this.#auth.accessToken()}`,
        Accept: 'application/json, */*',
      }
      if (body !== undefined) headers['Content-Type'] = 'application/json'
      let response: Response
      try {
        response = await fetch(url, {
          method,
          headers,
          body,
          signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
        })
      } catch (error) {
        throw networkError(error, this.server, REQUEST_TIMEOUT_MS)
      }
      if (response.ok) return response

      // RFC 6585 §4 and RFC 9110 §15.6.4: the server says when to come back
      const wait = retryAfterMs(response.headers.get('retry-after'), Date.now())
      const limited = response.status === 429 || (response.status === 503 && wait !== undefined)
      if (limited && waits < MAX_WAITS) {
        await response.body?.cancel()
        waits++
        const ms = Math.min(wait ?? 1000 * 2 ** waits, MAX_WAIT_MS)
        this.#options.onWait?.(
          ms,
          response.status === 429
            ? 'the server limits requests (HTTP 429)'
            : 'the server is busy (HTTP 503)',
        )
        await sleep(ms)
        continue
      }
      if (response.status === 401 && !renewed && (await this.#auth.renew())) {
        await response.body?.cancel()
        renewed = true
        continue
      }
      throw failureError(
        {
          method,
          path: `${API_PREFIX}${path}`,
          status: response.status,
          contentType: response.headers.get('content-type'),
          wwwAuthenticate: response.headers.get('www-authenticate'),
          body: await response.text().catch(() => ''),
        },
        this.server,
        this.#auth.source,
      )
    }
  }
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))
