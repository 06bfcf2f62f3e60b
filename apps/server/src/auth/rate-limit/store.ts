/**
 * A sliding-window log: every accepted request leaves a timestamp, and a request is accepted
 * while fewer than `limit` timestamps lie within the last `windowMs`. Exact, unlike fixed windows
 * (which allow 2×limit across a boundary); at most `limit` entries per key. A request of `cost`
 * n (an MCP batch of n messages) needs n free slots and takes them all, or none; cost 0 asks
 * whether one slot is free and takes nothing.
 */
export type WindowHit = {
  allowed: boolean
  /** accepted requests within the window, this one included when allowed */
  count: number
  /** timestamp (ms) of the oldest request still in the window: it leaves at oldest + windowMs */
  oldestMs: number
}

export interface RateLimitStore {
  hit(
    key: string,
    limit: number,
    windowMs: number,
    nowMs: number,
    cost?: number,
  ): Promise<WindowHit>
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

  /** Each key belongs to one policy, whose window the sweep prunes it with. */
  constructor(readonly windowMs: number) {}

  /** Drops the timestamps that have left the window (now − window, now]. */
  prune(nowMs: number): void {
    const start = nowMs - this.windowMs
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

  push(nowMs: number, cost: number): void {
    for (let i = 0; i < cost; i++) this.#times.push(nowMs)
  }
}

const SWEEP_EVERY = 1000

/** One process's counters. */
export class MemoryRateLimitStore implements RateLimitStore {
  readonly #logs = new Map<string, WindowLog>()
  #hitsSinceSweep = 0

  async hit(
    key: string,
    limit: number,
    windowMs: number,
    nowMs: number,
    cost = 1,
  ): Promise<WindowHit> {
    this.#sweep(nowMs)
    let log = this.#logs.get(key)
    if (!log) {
      log = new WindowLog(windowMs)
      this.#logs.set(key, log)
    }
    log.prune(nowMs)
    const allowed = log.count + Math.max(cost, 1) <= limit
    if (allowed) log.push(nowMs, cost)
    return { allowed, count: log.count, oldestMs: log.oldest ?? nowMs }
  }

  /** Forgets keys whose requests all left their window, so idle tokens do not pile up. */
  #sweep(nowMs: number): void {
    if (++this.#hitsSinceSweep < SWEEP_EVERY) return
    this.#hitsSinceSweep = 0
    for (const [key, log] of this.#logs) {
      log.prune(nowMs)
      if (log.count === 0) this.#logs.delete(key)
    }
  }

  async close(): Promise<void> {
    this.#logs.clear()
  }
}
