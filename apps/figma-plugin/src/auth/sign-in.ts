import type { StoredSession } from '../events.ts'
import { type BridgeDeps, waitForCode } from './bridge.ts'
import { authorizeUrl, SIGN_IN_TIMEOUT_MS } from './client.ts'
import { createPkce, randomToken } from './pkce.ts'
import { exchangeCode } from './token.ts'

export type SignInDeps = BridgeDeps & {
  crypto: Crypto
  /** Opens the URL in the system browser (the sandbox's `figma.openExternal`). */
  openExternal: (url: string) => void
}

/**
 * The plugin's sign-in through the polling bridge: a fresh 256-bit `state` and PKCE pair, the
 * authorization request opened in the browser, a long-poll for the code, then the exchange.
 * Rejects with a SignInError (cancelled, timeout, denied, network, exchange).
 */
export async function signIn(serverUrl: string, deps: SignInDeps): Promise<StoredSession> {
  const state = randomToken(deps.crypto)
  const pkce = await createPkce(deps.crypto)
  const deadline = deps.now() + SIGN_IN_TIMEOUT_MS
  deps.openExternal(authorizeUrl(serverUrl, { state, codeChallenge: pkce.challenge }))
  const code = await waitForCode(serverUrl, state, deadline, deps)
  const token = await exchangeCode(serverUrl, code, pkce.verifier, deps.fetch)
  return {
    serverUrl,
    accessToken: token.access_token,
    scope: token.scope ?? '',
    obtainedAt: new Date(deps.now()).toISOString(),
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
