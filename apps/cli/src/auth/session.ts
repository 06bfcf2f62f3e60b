/**
 * Which server a command talks to and with which credential. `TOKENCRAFT_TOKEN` (an API key, for
 * CI) wins, and is used as it is. Otherwise the sign-in `tokencraft login` stored for the server:
 * refreshed shortly before it expires and once after a 401 (RFC 6749 §6; the server replaces
 * the refresh token on every use, so the new one is stored at once).
 */
import { CliError, EXIT, usageError } from '../errors.ts'
import { ApiClient, type Auth } from '../http/api-client.ts'
import type { Runtime } from '../runtime.ts'
import { normalizeServerUrl } from '../server-url.ts'
import { OAuthRefusal, requestTokens, type TokenAnswer } from './authorization-server.ts'
import { configDir } from './config-dir.ts'
import { CredentialStore, type SignIn } from './credentials.ts'

/** Refresh this long before the access token expires, so that no request races its expiry. */
const REFRESH_MARGIN_MS = 60_000

export const credentialStore = (runtime: Runtime) =>
  new CredentialStore(configDir(runtime.env, runtime.home, runtime.cwd))

/** Where the server may be named, most specific first. */
export type ServerChoice = { flag?: string | undefined; configFile?: string | undefined }

/** The server named by --server, TOKENCRAFT_URL or the config file, else `fallback`. */
export function chosenServer(
  runtime: Runtime,
  choice: ServerChoice,
  fallback?: string,
): string | undefined {
  if (choice.flag) return normalizeServerUrl(choice.flag, '--server')
  const fromEnv = runtime.env.TOKENCRAFT_URL?.trim()
  if (fromEnv) return normalizeServerUrl(fromEnv, 'TOKENCRAFT_URL')
  if (choice.configFile) return normalizeServerUrl(choice.configFile, 'tokencraft.config.json')
  return fallback
}

const NO_SERVER =
  'name the server: --server URL, TOKENCRAFT_URL, or "server" in tokencraft.config.json'

/** The stored form of a token answer; what the answer leaves out is kept from `before`. */
export function signInFromAnswer(
  before: Omit<SignIn, 'access_token' | 'scope'> & { scope?: string },
  answer: TokenAnswer,
  now: number,
): SignIn {
  const signIn: SignIn = {
    ...before,
    access_token: answer.access_token,
    // RFC 6749 §5.1: scope may be omitted when it is the one requested
    scope: answer.scope ?? before.scope ?? '',
  }
  // RFC 6749 §6: the server may issue a new refresh token; without one, the old one stays
  if (answer.refresh_token) signIn.refresh_token = answer.refresh_token
  if (answer.expires_in !== undefined) {
    signIn.expires_at = new Date(now + answer.expires_in * 1000).toISOString()
  } else {
    delete signIn.expires_at
  }
  return signIn
}

class ApiKey implements Auth {
  readonly source = { kind: 'key', name: 'TOKENCRAFT_TOKEN' } as const
  readonly #key: string

  constructor(key: string) {
    this.#key = key
  }

  async accessToken() {
    return this.#key
  }

  async renew() {
    return false
  }
}

class StoredSignIn implements Auth {
  readonly source = { kind: 'sign-in' } as const
  readonly #store: CredentialStore
  readonly #server: string
  #signIn: SignIn

  constructor(store: CredentialStore, server: string, signIn: SignIn) {
    this.#store = store
    this.#server = server
    this.#signIn = signIn
  }

  async accessToken() {
    const expiresAt = this.#signIn.expires_at ? Date.parse(this.#signIn.expires_at) : Infinity
    if (this.#signIn.refresh_token && expiresAt - Date.now() < REFRESH_MARGIN_MS) {
      await this.#refresh(this.#signIn.refresh_token)
    }
    return this.#signIn.access_token
  }

  async renew() {
    if (!this.#signIn.refresh_token) return false
    await this.#refresh(this.#signIn.refresh_token)
    return true
  }

  async #refresh(refreshToken: string) {
    let answer: TokenAnswer
    try {
      answer = await requestTokens(this.#server, this.#signIn.token_endpoint, {
        grant_type: 'refresh_token',
        refresh_token: refreshToken,
        client_id: this.#signIn.client_id,
        resource: this.#signIn.resource,
      })
    } catch (error) {
      if (!(error instanceof OAuthRefusal && error.error === 'invalid_grant')) throw error
      // the sign-in was revoked or has expired: a stored one that can never work is forgotten
      await this.#store.remove(this.#server)
      throw new CliError(
        EXIT.auth,
        'signed_out',
        `your sign-in to ${this.#server} has ended (revoked, or unused for too long); run: tokencraft login --server ${this.#server}`,
      )
    }
    this.#signIn = signInFromAnswer(this.#signIn, answer, Date.now())
    await this.#store.save(this.#server, this.#signIn, false)
  }
}

/** An API client for the server the command names, with the credential that goes with it. */
export async function connect(runtime: Runtime, choice: ServerChoice): Promise<ApiClient> {
  const onWait = (ms: number, reason: string) =>
    runtime.out.note(`${reason}: waiting ${Math.ceil(ms / 1000)} s before trying again`)
  const key = runtime.env.TOKENCRAFT_TOKEN?.trim()
  if (key) {
    const server = chosenServer(runtime, choice)
    if (!server) throw usageError(`TOKENCRAFT_TOKEN is set: ${NO_SERVER}`)
    return new ApiClient(server, new ApiKey(key), { onWait })
  }
  const store = credentialStore(runtime)
  const credentials = await store.read()
  const server = chosenServer(runtime, choice, credentials.default_server)
  if (!server) {
    throw new CliError(
      EXIT.auth,
      'not_signed_in',
      `not signed in: run tokencraft login --server URL, or set TOKENCRAFT_TOKEN and TOKENCRAFT_URL (CI); or ${NO_SERVER}`,
    )
  }
  const signIn = credentials.servers[server]
  if (!signIn) {
    throw new CliError(
      EXIT.auth,
      'not_signed_in',
      `not signed in to ${server}: run tokencraft login --server ${server}, or set TOKENCRAFT_TOKEN to an API token`,
    )
  }
  return new ApiClient(server, new StoredSignIn(store, server, signIn), { onWait })
}
