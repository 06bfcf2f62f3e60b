/**
 * Validation of an authorization request (OAuth 2.1 §4.1.1, RFC 6749 §4.1.2.1), shared by
 * `/api/oauth/mcp/authorize` and `/mcp/authorize` so that both refuse exactly the same requests.
 * Pure: the client is looked up by the caller.
 */
import type { Scope } from '@tokencraft/shared'
import { OAuthError } from '../errors.ts'
import { checkCodeChallenge } from './pkce.ts'
import { redirectUriMatches } from './redirect-uri.ts'
import { checkResource } from './resource.ts'
import { parseScope } from './scope.ts'

export type AuthorizationParams = Record<string, unknown>

/** What is kept of a valid request until the user consents. */
export type ValidAuthorizationRequest = {
  clientId: string
  redirectUri: string
  scopes: Scope[]
  state: string | undefined
  codeChallenge: string
  resource: string | undefined
}

export type KnownClient = { id: string; redirectUris: readonly string[] }

export type AuthorizationCheck =
  | { kind: 'valid'; request: ValidAuthorizationRequest }
  /** RFC 6749 §4.1.2.1: the user is told, and the browser is NOT sent to the redirect URI */
  | { kind: 'error_page'; message: string }
  /** every other error goes back to the client's redirect URI, when that is trusted */
  | {
      kind: 'error_redirect'
      clientId: string
      redirectUri: string
      state: string | undefined
      error: OAuthError
    }

/** RFC 6749 §3.1: parameters sent without a value are treated as omitted; none may repeat. */
function single(params: AuthorizationParams, name: string): string | undefined {
  const value = params[name]
  if (Array.isArray(value)) throw new OAuthError('invalid_request', `${name} is repeated`)
  return typeof value === 'string' && value !== '' ? value : undefined
}

/**
 * @param client the registered client named by client_id, if there is one
 */
export function checkAuthorizationRequest(
  params: AuthorizationParams,
  client: KnownClient | undefined,
  publicUrl: string,
): AuthorizationCheck {
  let clientId: string | undefined
  let redirectUri: string | undefined
  try {
    clientId = single(params, 'client_id')
    redirectUri = single(params, 'redirect_uri')
  } catch (error) {
    return { kind: 'error_page', message: (error as OAuthError).description }
  }
  if (!clientId) return { kind: 'error_page', message: 'The request names no client (client_id).' }
  if (!client || client.id !== clientId) {
    return {
      kind: 'error_page',
      message: 'The application asking for access is not registered here.',
    }
  }
  if (!redirectUri) {
    return { kind: 'error_page', message: 'The request names no redirect_uri.' }
  }
  if (!redirectUriMatches(redirectUri, client.redirectUris)) {
    return {
      kind: 'error_page',
      message:
        'The redirect_uri is not one the application registered, so it will not be sent there.',
    }
  }
  let state: string | undefined
  try {
    state = single(params, 'state')
    const responseType = single(params, 'response_type')
    if (responseType !== 'code') {
      throw new OAuthError('unsupported_response_type', 'response_type must be code')
    }
    const scopes = parseScope(single(params, 'scope'))
    const codeChallenge = checkCodeChallenge(
      single(params, 'code_challenge'),
      single(params, 'code_challenge_method'),
    )
    const resource = checkResource(single(params, 'resource'), publicUrl)
    return {
      kind: 'valid',
      request: { clientId, redirectUri, scopes, state, codeChallenge, resource },
    }
  } catch (error) {
    if (!(error instanceof OAuthError)) throw error
    return { kind: 'error_redirect', clientId, redirectUri, state, error }
  }
}

/**
 * The authorization response URI (RFC 6749 §4.1.2): the redirect URI with the parameters added
 * to its query, keeping the query it had, and `iss` (RFC 9207 §2) so that a client talking to
 * several servers can tell which one answered.
 */
export function authorizationResponseUri(
  redirectUri: string,
  params: Record<string, string | undefined>,
  issuer: string,
): string {
  const url = new URL(redirectUri)
  for (const [name, value] of Object.entries(params)) {
    if (value !== undefined) url.searchParams.set(name, value)
  }
  url.searchParams.set('iss', issuer)
  return url.toString()
}

/** The error response of RFC 6749 §4.1.2.1, as a redirect URI. */
export function errorResponseUri(
  redirectUri: string,
  error: OAuthError,
  state: string | undefined,
  issuer: string,
): string {
  return authorizationResponseUri(
    redirectUri,
    { error: error.code, error_description: error.description, state },
    issuer,
  )
}
