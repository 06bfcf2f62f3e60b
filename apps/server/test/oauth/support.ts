/**
 * What the OAuth tests share: a signed-in browser without a browser (fetch with a cookie jar),
 * registration, PKCE pairs and the consent round trip. Everything goes through the real server.
 */
import { createHash, randomBytes } from 'node:crypto'
import {
  createRateLimits,
  DEFAULT_POLICIES,
  type Policy,
  type RateLimits,
} from '../../src/auth/rate-limit/index.ts'

/**
 * The per-address OAuth limit set to `limit`: the flow tests make more OAuth requests from one
 * address per minute than the production limit allows; the limit itself is tested on its own.
 */
export function oauthLimit(limit: number): RateLimits {
  const oauth: Policy = { ...DEFAULT_POLICIES.oauth, limit }
  return createRateLimits(undefined, { ...DEFAULT_POLICIES, oauth })
}

export class CookieJar {
  readonly #cookies = new Map<string, string>()

  store(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair = ''] = line.split(';')
      const eq = pair.indexOf('=')
      const name = pair.slice(0, eq)
      const value = pair.slice(eq + 1)
      if (value === '') this.#cookies.delete(name)
      else this.#cookies.set(name, value)
    }
  }

  header(): string {
    return [...this.#cookies].map(([name, value]) => `${name}=${value}`).join('; ')
  }

  /** fetch with the jar's cookies, never following redirects. */
  async fetch(url: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers)
    if (this.#cookies.size > 0) headers.set('Cookie', this.header())
    const response = await fetch(url, { ...init, headers, redirect: 'manual' })
    this.store(response)
    return response
  }
}

export function hiddenField(html: string, name: string): string {
  const match = html.match(new RegExp(`name="${name}" value="([^"]*)"`))
  if (!match?.[1]) throw new Error(`no ${name} field in the page`)
  return match[1].replace(/&amp;/g, '&')
}

/** Signs a new user up through the sign-up form; the jar then holds the session. */
export async function signedUpJar(baseUrl: string, email: string): Promise<CookieJar> {
  const jar = new CookieJar()
  const form = await jar.fetch(`${baseUrl}/signup`)
  const csrf = hiddenField(await form.text(), '_csrf')
  const done = await jar.fetch(`${baseUrl}/signup`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ _csrf: csrf, email, password: 'correct horse battery staple' }),
  })
  if (done.status !== 303) throw new Error(`sign-up answered ${done.status}`)
  return jar
}

export function pkcePair(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString('base64url')
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') }
}

export type RegisteredClient = {
  client_id: string
  client_secret?: string
  [field: string]: unknown
}

export async function registerClient(
  baseUrl: string,
  metadata: Record<string, unknown>,
): Promise<RegisteredClient> {
  const response = await fetch(`${baseUrl}/api/oauth/mcp/register`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(metadata),
  })
  if (response.status !== 201) throw new Error(`registration answered ${response.status}`)
  return (await response.json()) as RegisteredClient
}

/**
 * Sends the authorization request and answers the consent page with `decision` (and the form's
 * other `fields`, such as the Figma plugin's user code). Returns where the browser was sent in
 * the end (the client's redirect URI with code or error).
 */
export async function consent(
  baseUrl: string,
  jar: CookieJar,
  params: Record<string, string>,
  decision: 'approve' | 'deny' = 'approve',
  fields: Record<string, string> = {},
): Promise<URL> {
  const start = await jar.fetch(`${baseUrl}/api/oauth/mcp/authorize?${new URLSearchParams(params)}`)
  const location = start.headers.get('Location')
  if (start.status !== 302 || !location) throw new Error(`authorize answered ${start.status}`)
  const consentUrl = new URL(location, baseUrl)
  if (consentUrl.pathname !== '/mcp/authorize') return consentUrl
  const page = await jar.fetch(consentUrl.href)
  const html = await page.text()
  const answer = await jar.fetch(`${baseUrl}/mcp/authorize`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      _csrf: hiddenField(html, '_csrf'),
      request_id: hiddenField(html, 'request_id'),
      decision,
      ...fields,
    }),
  })
  const target = answer.headers.get('Location')
  if (answer.status !== 303 || !target) throw new Error(`consent answered ${answer.status}`)
  return new URL(target)
}

export async function tokenRequest(
  baseUrl: string,
  params: Record<string, string>,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: Record<string, unknown>; headers: Headers }> {
  const response = await fetch(`${baseUrl}/api/oauth/mcp/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams(params),
  })
  return {
    status: response.status,
    body: (await response.json()) as Record<string, unknown>,
    headers: response.headers,
  }
}

/** The JSON-RPC `initialize` request of an MCP 2025-06-18 client. */
export const INITIALIZE_REQUEST = {
  jsonrpc: '2.0',
  id: 1,
  method: 'initialize',
  params: {
    protocolVersion: '2025-06-18',
    capabilities: {},
    clientInfo: { name: 'test', version: '1.0.0' },
  },
} as const

/** An MCP `initialize` over Streamable HTTP with a bearer token. */
export function initialize(baseUrl: string, token: string | undefined): Promise<Response> {
  return fetch(`${baseUrl}/api/mcp`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      Accept: 'application/json, text/event-stream',
      'MCP-Protocol-Version': '2025-06-18',
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify(INITIALIZE_REQUEST),
  })
}
