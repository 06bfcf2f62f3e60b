import { MAX_POLL_WAIT_S } from './client.ts'
import { SignInError } from './errors.ts'

export type BridgeDeps = {
  fetch: typeof fetch
  now: () => number
  /** Waits between polls when the server answers at once (rate limit, or no long-poll). */
  delay: (ms: number, signal: AbortSignal) => Promise<void>
  signal: AbortSignal
}

/**
 * A sign-in started on the server's bridge: the `state` of the authorization request, the poll
 * secret only this plugin window knows (it alone may collect the code), and the user code the
 * person types on the consent page.
 */
export type BridgeSignIn = { state: string; pollSecret: string; userCode: string }

type PollBody = { status?: string; code?: string; state?: string; error?: string }

/** A poll that came back sooner than this did not hold the request open. */
const MIN_POLL_INTERVAL_MS = 2000

function abortedOrNetwork(error: unknown, signal: AbortSignal): SignInError {
  if (signal.aborted) return new SignInError('cancelled')
  return new SignInError('network', error instanceof Error ? `(${error.message})` : undefined)
}

/** Starts a sign-in on the bridge (`POST /api/oauth/figma-plugin/start`). */
export async function startBridgeSignIn(
  serverUrl: string,
  deps: Pick<BridgeDeps, 'fetch' | 'signal'>,
): Promise<BridgeSignIn> {
  let response: Response
  let body: Record<string, unknown>
  try {
    response = await deps.fetch(`${serverUrl}/api/oauth/figma-plugin/start`, {
      method: 'POST',
      signal: deps.signal,
      headers: { Accept: 'application/json' },
    })
    body = (await response.json().catch(() => ({}))) as Record<string, unknown>
  } catch (error) {
    throw abortedOrNetwork(error, deps.signal)
  }
  const { state, poll_secret: pollSecret, user_code: userCode } = body
  if (
    response.status !== 200 ||
    typeof state !== 'string' ||
    typeof pollSecret !== 'string' ||
    typeof userCode !== 'string'
  ) {
    throw new SignInError('network', `(the server answered ${response.status})`)
  }
  return { state, pollSecret, userCode }
}

/**
 * Long-polls the bridge until the browser's callback has filed a code for the sign-in: 202 while
 * pending, 200 `ready` with the code, 200 `error` when the person denied. The poll secret goes
 * in the form body, never in a URL. Gives up at `deadline` (epoch ms).
 */
export async function waitForCode(
  serverUrl: string,
  signIn: BridgeSignIn,
  deadline: number,
  deps: BridgeDeps,
): Promise<string> {
  for (;;) {
    const remainingS = Math.floor((deadline - deps.now()) / 1000)
    if (remainingS <= 0) throw new SignInError('timeout')
    const wait = Math.min(MAX_POLL_WAIT_S, remainingS)
    const started = deps.now()
    let response: Response
    let body: PollBody
    try {
      response = await deps.fetch(`${serverUrl}/api/oauth/figma-plugin/poll`, {
        method: 'POST',
        signal: deps.signal,
        headers: { Accept: 'application/json' },
        body: new URLSearchParams({
          state: signIn.state,
          poll_secret: signIn.pollSecret,
          wait: String(wait),
        }),
      })
      body = (await response.json().catch(() => ({}))) as PollBody
    } catch (error) {
      throw abortedOrNetwork(error, deps.signal)
    }
    if (response.status === 200 && body.status === 'ready' && typeof body.code === 'string') {
      // The code must answer our own request (RFC 6749 §10.12: state binds the response).
      if (body.state !== signIn.state)
        throw new SignInError('exchange', 'The answer was for another sign-in.')
      return body.code
    }
    if (response.status === 200 && body.status === 'error') {
      if (body.error === 'access_denied') throw new SignInError('denied')
      throw new SignInError('exchange', body.error ? `(${body.error})` : undefined)
    }
    if (response.status !== 202 && response.status !== 429) {
      throw new SignInError('network', `(the server answered ${response.status})`)
    }
    const retryAfterS = Number(response.headers.get('Retry-After'))
    const pause =
      response.status === 429 && retryAfterS > 0
        ? retryAfterS * 1000
        : MIN_POLL_INTERVAL_MS - (deps.now() - started)
    if (pause > 0) {
      try {
        await deps.delay(pause, deps.signal)
      } catch (error) {
        throw abortedOrNetwork(error, deps.signal)
      }
    }
  }
}
