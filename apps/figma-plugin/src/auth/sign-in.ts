import type { StoredSession } from '../events.ts'
import { type BridgeDeps, startBridgeSignIn, waitForCode } from './bridge.ts'
import { authorizeUrl, SIGN_IN_TIMEOUT_MS } from './client.ts'
import { discoverEndpoints } from './metadata.ts'
import { createPkce } from './pkce.ts'
import { sessionFrom } from './session-tokens.ts'
import { exchangeCode, revokeToken } from './token.ts'

export type SignInDeps = BridgeDeps & {
  crypto: Crypto
  /** Opens the URL in the system browser (the sandbox's `figma.openExternal`). */
  openExternal: (url: string) => void
  /** Shows the code the person types on the consent page; called before the browser opens. */
  showCode: (userCode: string) => void
}

/**
 * The plugin's sign-in through the polling bridge: the endpoints from the server's metadata, a
 * sign-in started on the bridge (state, poll secret, user code), a fresh PKCE pair, the
 * authorization request opened in the browser while the plugin shows the code, a long-poll for
 * the code, then the exchange. Rejects with a SignInError (cancelled, timeout, denied, network,
 * exchange).
 */
export async function signIn(serverUrl: string, deps: SignInDeps): Promise<StoredSession> {
  const endpoints = await discoverEndpoints(serverUrl, deps.fetch, deps.signal)
  const bridge = await startBridgeSignIn(serverUrl, deps)
  const pkce = await createPkce(deps.crypto)
  const deadline = deps.now() + SIGN_IN_TIMEOUT_MS
  deps.showCode(bridge.userCode)
  deps.openExternal(
    authorizeUrl(endpoints.authorization, serverUrl, {
      state: bridge.state,
      codeChallenge: pkce.challenge,
    }),
  )
  const code = await waitForCode(serverUrl, bridge, deadline, deps)
  const token = await exchangeCode(endpoints.token, serverUrl, code, pkce.verifier, deps.fetch)
  return sessionFrom(serverUrl, token, deps.now())
}

/**
 * Signs out: revokes the sign-in on the server (its refresh token when it has one, which ends
 * the access tokens too); true when the server confirmed it.
 */
export async function signOut(session: StoredSession, fetchFn: typeof fetch): Promise<boolean> {
  try {
    const endpoints = await discoverEndpoints(session.serverUrl, fetchFn)
    const token = session.refreshToken
      ? { value: session.refreshToken, hint: 'refresh_token' as const }
      : { value: session.accessToken, hint: 'access_token' as const }
    return await revokeToken(endpoints.revocation, token, fetchFn)
  } catch {
    return false
  }
}

/** A delay that ends early, rejecting, when the sign-in is cancelled. */
export function abortableDelay(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms)
    signal.addEventListener('abort', () => {
      clearTimeout(timer)
      reject(new Error('aborted'))
    })
  })
}
