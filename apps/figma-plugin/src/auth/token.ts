import { CLIENT_ID, redirectUri } from './client.ts'
import { SignInError } from './errors.ts'

export type TokenResponse = {
  access_token: string
  token_type: string
  scope?: string
  expires_in?: number
}

/** The authorization-code grant with the PKCE verifier (OAuth 2.1 §4.1.3, RFC 7636 §4.5). */
export async function exchangeCode(
  serverUrl: string,
  code: string,
  verifier: string,
  fetchFn: typeof fetch,
): Promise<TokenResponse> {
  let response: Response
  try {
    response = await fetchFn(`${serverUrl}/api/oauth/mcp/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        code,
        redirect_uri: redirectUri(serverUrl),
        client_id: CLIENT_ID,
        code_verifier: verifier,
      }),
    })
  } catch (error) {
    throw new SignInError('network', error instanceof Error ? `(${error.message})` : undefined)
  }
  const body = (await response.json().catch(() => ({}))) as Partial<TokenResponse> & {
    error?: string
    error_description?: string
  }
  if (!response.ok || typeof body.access_token !== 'string') {
    // RFC 6749 §5.2 error response.
    throw new SignInError(
      'exchange',
      body.error_description ?? body.error ?? `(HTTP ${response.status})`,
    )
  }
  return body as TokenResponse
}

/** Revokes the token (RFC 7009 §2.1); true when the server confirmed it. */
export async function revokeToken(
  serverUrl: string,
  token: string,
  fetchFn: typeof fetch,
): Promise<boolean> {
  try {
    const response = await fetchFn(`${serverUrl}/api/oauth/mcp/revoke`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token, token_type_hint: 'access_token', client_id: CLIENT_ID }),
    })
    return response.ok
  } catch {
    return false
  }
}
