/**
 * Waiting for a bridge answer (SPEC §8 `wait=N`). The callback may reach another process than
 * the poll, so the waiting poll re-reads the database every POLL_INTERVAL_MS; a callback served
 * by this process wakes it at once. Either way the answer arrives well within 100 ms.
 */
import { EventEmitter } from 'node:events'

/** How often a waiting poll looks for an answer filed by another process. */
export const POLL_INTERVAL_MS = 40

export class AnswerSignal {
  readonly #events = new EventEmitter().setMaxListeners(0)

  /** Called after an answer for `stateHash` is filed in this process. */
  notify(stateHash: string): void {
    this.#events.emit(stateHash)
  }

  /**
   * Calls `take` until it yields an answer, `deadline` (epoch ms) passes or `signal` aborts;
   * between tries it sleeps POLL_INTERVAL_MS or until notified.
   */
  async waitFor<T>(
    stateHash: string,
    take: () => Promise<T | undefined>,
    deadline: number,
    signal: AbortSignal,
  ): Promise<T | undefined> {
    for (;;) {
      // once the plugin has gone, taking the answer would hand it to nobody
      if (signal.aborted) return undefined
      const answer = await take()
      const remaining = deadline - Date.now()
      if (answer !== undefined || remaining <= 0) return answer
      await this.#sleep(stateHash, Math.min(POLL_INTERVAL_MS, remaining), signal)
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
