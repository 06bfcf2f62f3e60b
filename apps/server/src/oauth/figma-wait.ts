/**
 * Waiting for a bridge answer (SPEC §8 `wait=N`). The callback may reach another process than
 * the poll: filing an answer announces it with NOTIFY (store/figma-bridge.ts), every process
 * LISTENs and wakes its waiting polls at once. A waiting poll also re-reads the database every
 * FALLBACK_MS, for an announcement lost while a listening connection was being reopened.
 */
import { EventEmitter } from 'node:events'

/** How often a waiting poll looks without having been woken. */
export const FALLBACK_MS = 1_000

export class AnswerSignal {
  readonly #events = new EventEmitter().setMaxListeners(0)

  /** Called when an answer for `stateHash` has been filed, by this process or another. */
  notify(stateHash: string): void {
    this.#events.emit(stateHash)
  }

  /**
   * Calls `take` until it yields an answer, `deadline` (epoch ms) passes or `signal` aborts;
   * between tries it sleeps FALLBACK_MS or until notified. Once `stop` aborts (the process
   * shuts down) it takes once more and returns, waiting no longer.
   */
  async waitFor<T>(
    stateHash: string,
    take: () => Promise<T | undefined>,
    deadline: number,
    signal: AbortSignal,
    stop?: AbortSignal,
  ): Promise<T | undefined> {
    const wake = stop ? AbortSignal.any([signal, stop]) : signal
    for (;;) {
      // once the plugin has gone, taking the answer would hand it to nobody
      if (signal.aborted) return undefined
      const answer = await take()
      const remaining = deadline - Date.now()
      if (answer !== undefined || remaining <= 0 || stop?.aborted) return answer
      await this.#sleep(stateHash, Math.min(FALLBACK_MS, remaining), wake)
    }
  }

  #sleep(stateHash: string, ms: number, signal: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer)
        this.#events.off(stateHash, done)
        signal.removeEventListener('abort', done)
        resolve()
      }
      const timer = setTimeout(done, ms)
      this.#events.on(stateHash, done)
      signal.addEventListener('abort', done)
    })
  }
}
