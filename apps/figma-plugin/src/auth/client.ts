/** The public client pre-registered on every Tokencraft server for this plugin. */
export const CLIENT_ID = 'figma-plugin-v1'

/** Browsing and pulling need read; pushing needs write. */
export const REQUESTED_SCOPE = 'read:tokens write:tokens'

/** The server forgets a sign-in after 10 minutes, so waiting longer is pointless. */
export const SIGN_IN_TIMEOUT_MS = 10 * 60 * 1000

/** The longest long-poll the bridge allows (`wait` ≤ 25 seconds). */
export const MAX_POLL_WAIT_S = 25

/** The bridge's callback, the redirect URI the plugin is registered with. */
export function redirectUri(serverUrl: string): string {
  return `${serverUrl}/mcp/figma-callback`
}

/**
 * The authorization request (OAuth 2.1 §4.1.1) the system browser opens, at the authorization
 * endpoint the server's metadata advertises.
 */
export function authorizeUrl(
  authorizationEndpoint: string,
  serverUrl: string,
  request: { state: string; codeChallenge: string; scope?: string },
): string {
  const url = new URL(authorizationEndpoint)
  const params = {
    client_id: CLIENT_ID,
    redirect_uri: redirectUri(serverUrl),
    response_type: 'code',
    scope: request.scope ?? REQUESTED_SCOPE,
    state: request.state,
    code_challenge: request.codeChallenge,
    code_challenge_method: 'S256',
  }
  for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value)
  return url.href
}
