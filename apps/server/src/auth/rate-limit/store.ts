/**
 * A sliding-window log: every accepted request leaves a timestamp, and a request is accepted
 * while fewer than `limit` timestamps lie within the last `windowMs`. Exact, unlike fixed windows
 * (which allow 2×limit across a boundary); at most `limit` entries per key.
 */
export type WindowHit = {
  allowed: boolean
  /** accepted requests within the window, this one included when allowed */
  count: number
  /** timestamp (ms) of the oldest request still in the window: it leaves at oldest + windowMs */
  oldestMs: number
}

export interface RateLimitStore {
  hit(key: string, limit: number, windowMs: number, nowMs: number): Promise<WindowHit>
  close(): Promise<void>
}

/**
 * One key's accepted requests, oldest first. Expired entries are skipped by moving `head`, and
 * the array is compacted once they are the larger part, so a hit costs O(1) amortized however
 * high the limit (a slice per hit would copy the whole window every time).
 */
class WindowLog {
  #times: number[] = []
  #head = 0

  /** Drops the timestamps that have left the window (now − window, now]. */
  prune(windowMs: number, nowMs: number): void {
    const start = nowMs - windowMs
    while (this.#head < this.#times.length && (this.#times[this.#head] as number) <= start) {
      this.#head++
    }
    if (this.#head > 0 && this.#head * 2 >= this.#times.length) {
      this.#times = this.#times.slice(this.#head)
      this.#head = 0
    }
  }

  get count(): number {
    return this.#times.length - this.#head
  }

  get oldest(): number | undefined {
    return this.#times[this.#head]
  }

  push(nowMs: number): void {
    this.#times.push(nowMs)
  }
}

const SWEEP_EVERY = 1000

/** One process's counters. */
export class MemoryRateLimitStore implements RateLimitStore {
  readonly #logs = new Map<string, WindowLog>()
  #hitsSinceSweep = 0

  async hit(key: string, limit: number, windowMs: number, nowMs: number): Promise<WindowHit> {
    this.#sweep(windowMs, nowMs)
    let log = this.#logs.get(key)
    if (!log) {
      log = new WindowLog()
      this.#logs.set(key, log)
    }
    log.prune(windowMs, nowMs)
    const allowed = log.count < limit
    if (allowed) log.push(nowMs)
    return { allowed, count: log.count, oldestMs: log.oldest ?? nowMs }
  }

  /** Forgets keys whose requests all left the window, so idle tokens do not pile up. */
  #sweep(windowMs: number, nowMs: number): void {
    if (++this.#hitsSinceSweep < SWEEP_EVERY) return
    this.#hitsSinceSweep = 0
    for (const [key, log] of this.#logs) {
      log.prune(windowMs, nowMs)
      if (log.count === 0) this.#logs.delete(key)
    }
  }

  async close(): Promise<void> {
    this.#logs.clear()
  }
}
