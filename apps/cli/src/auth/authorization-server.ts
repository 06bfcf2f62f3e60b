/**
 * Talking to the server's OAuth endpoints: its metadata (RFC 8414), the authorization request
 * URL (RFC 6749 §4.1.1 with PKCE, RFC 7636 §4.3, and a resource, RFC 8707 §2), the token
 * endpoint (code exchange and refresh, RFC 6749 §4.1.3 and §6) and revocation (RFC 7009).
 */
import { z } from 'zod'
import { CliError, EXIT } from '../errors.ts'
import { networkError, notTokencraft } from '../http/failures.ts'

const TIMEOUT_MS = 30_000

const metadataSchema = z.object({
  issuer: z.string(),
  authorization_endpoint: z.string(),
  token_endpoint: z.string(),
  revocation_endpoint: z.string().optional(),
})
export type ServerMetadata = z.infer<typeof metadataSchema>

/** RFC 8414 §3.1: the well-known segment goes between the host and the issuer's path. */
export function metadataUrl(server: string): string {
  const url = new URL(server)
  const path = url.pathname === '/' ? '' : url.pathname
  return `${url.origin}/.well-known/oauth-authorization-server${path}`
}

async function fetchOrExplain(server: string, url: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(url, { ...init, signal: AbortSignal.timeout(TIMEOUT_MS) })
  } catch (error) {
    throw networkError(error, server, TIMEOUT_MS)
  }
}

async function jsonOf(response: Response): Promise<unknown> {
  if (!response.headers.get('content-type')?.toLowerCase().startsWith('application/json')) {
    await response.body?.cancel()
    return undefined
  }
  return response.json().catch(() => undefined)
}

export async function discover(server: string): Promise<ServerMetadata> {
  const url = metadataUrl(server)
  const response = await fetchOrExplain(server, url, { headers: { Accept: 'application/json' } })
  if (!response.ok) await response.body?.cancel()
  const parsed = metadataSchema.safeParse(response.ok ? await jsonOf(response) : undefined)
  if (!parsed.success) {
    throw notTokencraft(server, `no OAuth server metadata at ${url}: HTTP ${response.status}`)
  }
  // RFC 8414 §3.3: the issuer must be the URL the metadata was derived from
  if (parsed.data.issuer !== server) {
    throw new CliError(
      EXIT.usage,
      'issuer_mismatch',
      `${server} says its address is ${parsed.data.issuer}; use --server ${parsed.data.issuer}`,
    )
  }
  return parsed.data
}

export type AuthorizationRequest = {
  clientId: string
  redirectUri: string
  scopes: readonly string[]
  state: string
  codeChallenge: string
  resource: string
}

export function authorizationUrl(metadata: ServerMetadata, request: AuthorizationRequest): string {
  const url = new URL(metadata.authorization_endpoint)
  const params = {
    response_type: 'code',
    client_id: request.clientId,
    redirect_uri: request.redirectUri,
    scope: request.scopes.join(' '),
    state: request.state,
    code_challenge: request.codeChallenge,
    code_challenge_method: 'S256',
    resource: request.resource,
  }
  for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value)
  return url.href
}

const tokenAnswerSchema = z.object({
  access_token: z.string().min(1),
  // RFC 6749 §7.1: the type is case-insensitive; only Bearer is usable here
  token_type: z.string().regex(/^bearer$/i),
  expires_in: z.number().optional(),
  refresh_token: z.string().optional(),
  scope: z.string().optional(),
})
export type TokenAnswer = z.infer<typeof tokenAnswerSchema>

const oauthErrorSchema = z.object({
  error: z.string(),
  error_description: z.string().optional(),
})

/** The refusal of the token endpoint (RFC 6749 §5.2), e.g. `invalid_grant`, as an auth error. */
export class OAuthRefusal extends CliError {
  constructor(
    readonly error: string,
    description: string | undefined,
  ) {
    super(EXIT.auth, error, `the server refused: ${description ?? error}`)
  }
}

function postForm(server: string, endpoint: string, form: Record<string, string>) {
  return fetchOrExplain(server, endpoint, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
    body: new URLSearchParams(form),
  })
}

/** A token request (RFC 6749 §4.1.3 or §6): the new tokens, or an OAuthRefusal. */
export async function requestTokens(
  server: string,
  endpoint: string,
  form: Record<string, string>,
): Promise<TokenAnswer> {
  const response = await postForm(server, endpoint, form)
  const body = await jsonOf(response)
  if (!response.ok) {
    const refusal = oauthErrorSchema.safeParse(body)
    if (refusal.success) throw new OAuthRefusal(refusal.data.error, refusal.data.error_description)
    throw new CliError(
      EXIT.unavailable,
      'token_endpoint',
      `${endpoint} answered HTTP ${response.status}; try again later`,
    )
  }
  const answer = tokenAnswerSchema.safeParse(body)
  if (!answer.success) throw notTokencraft(server, `${endpoint} answered no usable token`)
  return answer.data
}

/** RFC 7009 §2.1: a public client names itself; the server answers 200 even for a dead token. */
export async function revokeToken(
  server: string,
  endpoint: string,
  form: { token: string; token_type_hint: string; client_id: string },
): Promise<void> {
  const response = await postForm(server, endpoint, form)
  await response.body?.cancel()
  if (!response.ok) {
    throw new CliError(
      EXIT.unavailable,
      'revocation',
      `${endpoint} answered HTTP ${response.status}; the sign-in may still be valid (delete it under ${server}/settings/api)`,
    )
  }
}
