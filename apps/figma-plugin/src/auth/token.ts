import { CLIENT_ID, redirectUri } from './client.ts'
import { SignInError } from './errors.ts'

export type TokenResponse = {
  access_token: string
  token_type: string
  scope?: string
  expires_in?: number
  refresh_token?: string
}

/** A token request (RFC 6749 §4.1.3, §6) of this public client; errors as in RFC 6749 §5.2. */
async function tokenRequest(
  tokenEndpoint: string,
  params: Record<string, string>,
  fetchFn: typeof fetch,
): Promise<TokenResponse> {
  let response: Response
  try {
    response = await fetchFn(tokenEndpoint, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
      body: new URLSearchParams({ ...params, client_id: CLIENT_ID }),
    })
  } catch (error) {
    throw new SignInError('network', error instanceof Error ? `(${error.message})` : undefined)
  }
  const body = (await response.json().catch(() => ({}))) as Partial<TokenResponse> & {
    error?: string
    error_description?: string
  }
  if (!response.ok || typeof body.access_token !== 'string') {
    throw new SignInError(
      'exchange',
      body.error_description ?? body.error ?? `(HTTP ${response.status})`,
    )
  }
  return body as TokenResponse
}

/** The authorization-code grant with the PKCE verifier (OAuth 2.1 §4.1.3, RFC 7636 §4.5). */
export function exchangeCode(
  tokenEndpoint: string,
  serverUrl: string,
  code: string,
  verifier: string,
  fetchFn: typeof fetch,
): Promise<TokenResponse> {
  return tokenRequest(
    tokenEndpoint,
    {
      grant_type: 'authorization_code',
      code,
      redirect_uri: redirectUri(serverUrl),
      code_verifier: verifier,
    },
    fetchFn,
  )
}

/**
 * The refresh-token grant (RFC 6749 §6): a new access token and a new refresh token, the one
 * presented being used up (the server rotates it on every use).
 */
export function refreshAccessToken(
  tokenEndpoint: string,
  refreshToken: string,
  fetchFn: typeof fetch,
): Promise<TokenResponse> {
  return tokenRequest(
    tokenEndpoint,
    { grant_type: 'refresh_token', refresh_token: refreshToken },
    fetchFn,
  )
}

/**
 * Revokes a token (RFC 7009 §2.1), which ends the whole sign-in on the server (access and
 * refresh tokens alike); true when the server confirmed it.
 */
export async function revokeToken(
  revocationEndpoint: string,
  token: { value: string; hint: 'access_token' | 'refresh_token' },
  fetchFn: typeof fetch,
): Promise<boolean> {
  try {
    const response = await fetchFn(revocationEndpoint, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        token: token.value,
        token_type_hint: token.hint,
        client_id: CLIENT_ID,
      }),
    })
    return response.ok
  } catch {
    return false
  }
}
