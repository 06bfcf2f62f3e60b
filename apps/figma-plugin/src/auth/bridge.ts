import { MAX_POLL_WAIT_S } from './client.ts'
import { SignInError } from './errors.ts'

export type BridgeDeps = {
  fetch: typeof fetch
  now: () => number
  /** Waits between polls when the server answers at once (rate limit, or no long-poll). */
  delay: (ms: number, signal: AbortSignal) => Promise<void>
  signal: AbortSignal
}

type PollBody = { status?: string; code?: string; state?: string; error?: string }

/** A poll that came back sooner than this did not hold the request open. */
const MIN_POLL_INTERVAL_MS = 2000

function abortedOrNetwork(error: unknown, signal: AbortSignal): SignInError {
  if (signal.aborted) return new SignInError('cancelled')
  return new SignInError('network', error instanceof Error ? `(${error.message})` : undefined)
}

/**
 * Long-polls the Figma bridge (spec §8) until the browser's callback has filed a code for
 * `state`: 202 while pending, 200 `ready` with the code, 200 `error` when the user denied.
 * Gives up at `deadline` (epoch ms).
 */
export async function waitForCode(
  serverUrl: string,
  state: string,
  deadline: number,
  deps: BridgeDeps,
): Promise<string> {
  for (;;) {
    const remainingS = Math.floor((deadline - deps.now()) / 1000)
    if (remainingS <= 0) throw new SignInError('timeout')
    const wait = Math.min(MAX_POLL_WAIT_S, remainingS)
    const url = `${serverUrl}/api/oauth/figma-plugin/poll?${new URLSearchParams({ state, wait: String(wait) })}`
    const started = deps.now()
    let response: Response
    let body: PollBody
    try {
      response = await deps.fetch(url, {
        signal: deps.signal,
        headers: { Accept: 'application/json' },
      })
      body = (await response.json().catch(() => ({}))) as PollBody
    } catch (error) {
      throw abortedOrNetwork(error, deps.signal)
    }
    if (response.status === 200 && body.status === 'ready' && typeof body.code === 'string') {
      // The code must answer our own request (RFC 6749 §10.12: state binds the response).
      if (body.state !== state)
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
