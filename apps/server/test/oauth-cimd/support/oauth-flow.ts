/**
 * The client side of the authorization code flow, spelled out with fetch so that each test
 * shows what it sends: PKCE (RFC 7636), the authorization request through a TestBrowser, and
 * token requests (RFC 6749 §4.1.3 and §6).
 */
import { createHash, randomBytes } from 'node:crypto'
import { approveConsent, type Page, type TestBrowser } from './browser.ts'

export type Pkce = { verifier: string; challenge: string }

export function pkce(): Pkce {
  const verifier = randomBytes(32).toString('base64url')
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') }
}

export type AuthorizationStart = {
  clientId: string
  redirectUri: string
  scope?: string
  pkce?: Pkce
}

/** Opens the authorization request; returns the page the browser ends on (consent or error). */
export async function openAuthorization(
  browser: TestBrowser,
  serverUrl: string,
  start: AuthorizationStart,
): Promise<{ page: Page; pkce: Pkce; state: string }> {
  const challenge = start.pkce ?? pkce()
  const state = randomBytes(8).toString('hex')
  const query = new URLSearchParams({
    response_type: 'code',
    client_id: start.clientId,
    redirect_uri: start.redirectUri,
    scope: start.scope ?? 'read:tokens',
    state,
    code_challenge: challenge.challenge,
    code_challenge_method: 'S256',
    resource: `${serverUrl}/api/mcp`,
  })
  const page = await browser.open(`${serverUrl}/api/oauth/mcp/authorize?${query}`)
  return { page, pkce: challenge, state }
}

/** Runs the authorization request through consent and returns the code and verifier. */
export async function authorize(
  browser: TestBrowser,
  serverUrl: string,
  start: AuthorizationStart,
): Promise<{ code: string; verifier: string }> {
  const { page, pkce: challenge, state } = await openAuthorization(browser, serverUrl, start)
  if (page.status !== 200 || !page.html.includes('Approve')) {
    throw new Error(`no consent page: HTTP ${page.status} ${page.html.slice(0, 300)}`)
  }
  const back = await approveConsent(browser, page)
  if (back.searchParams.get('state') !== state) throw new Error('state did not come back')
  const code = back.searchParams.get('code')
  if (!code) throw new Error(`no code: ${back.href}`)
  return { code, verifier: challenge.verifier }
}

export type TokenAnswer = { status: number; body: Record<string, unknown> }

export async function tokenRequest(
  serverUrl: string,
  params: Record<string, string>,
  headers: Record<string, string> = {},
): Promise<TokenAnswer> {
  const res = await fetch(`${serverUrl}/api/oauth/mcp/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams(params),
  })
  return { status: res.status, body: (await res.json()) as Record<string, unknown> }
}

export function exchangeCode(
  serverUrl: string,
  input: { clientId: string; redirectUri: string; code: string; verifier: string },
  extra: Record<string, string> = {},
): Promise<TokenAnswer> {
  return tokenRequest(serverUrl, {
    grant_type: 'authorization_code',
    client_id: input.clientId,
    redirect_uri: input.redirectUri,
    code: input.code,
    code_verifier: input.verifier,
    resource: `${serverUrl}/api/mcp`,
    ...extra,
  })
}

/** The whole code flow: consent in the browser, then the code exchanged at the token endpoint. */
export async function authorizeAndExchange(
  browser: TestBrowser,
  serverUrl: string,
  start: AuthorizationStart,
  extra: Record<string, string> = {},
): Promise<TokenAnswer> {
  const { code, verifier } = await authorize(browser, serverUrl, start)
  return exchangeCode(serverUrl, { ...start, code, verifier }, extra)
}

export function refresh(
  serverUrl: string,
  clientId: string,
  refreshToken: string,
  extra: Record<string, string> = {},
): Promise<TokenAnswer> {
  return tokenRequest(serverUrl, {
    grant_type: 'refresh_token',
    client_id: clientId,
    refresh_token: refreshToken,
    ...extra,
  })
}

/** The status of an authenticated request to the MCP server, the resource these tokens are
 * issued for (200, or 401 once the token is expired or revoked): an MCP `ping`. */
export async function apiStatus(serverUrl: string, accessToken: string): Promise<number> {
  const res = await fetch(`${serverUrl}/api/mcp`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${accessToken}`,
      'content-type': 'application/json',
      accept: 'application/json, text/event-stream',
    },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'ping' }),
  })
  await res.body?.cancel()
  return res.status
}
