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

/** Drops the timestamps that have left the window (now − window, now]. */
export function prune(log: number[], windowMs: number, nowMs: number): number[] {
  const start = nowMs - windowMs
  const firstInside = log.findIndex((t) => t > start)
  return firstInside === -1 ? [] : log.slice(firstInside)
}

const SWEEP_EVERY = 1000

/** One process's counters. */
export class MemoryRateLimitStore implements RateLimitStore {
  readonly #logs = new Map<string, number[]>()
  #hitsSinceSweep = 0

  async hit(key: string, limit: number, windowMs: number, nowMs: number): Promise<WindowHit> {
    this.#sweep(windowMs, nowMs)
    const log = prune(this.#logs.get(key) ?? [], windowMs, nowMs)
    const allowed = log.length < limit
    if (allowed) log.push(nowMs)
    this.#logs.set(key, log)
    return { allowed, count: log.length, oldestMs: log[0] ?? nowMs }
  }

  /** Forgets keys whose requests all left the window, so idle tokens do not pile up. */
  #sweep(windowMs: number, nowMs: number): void {
    if (++this.#hitsSinceSweep < SWEEP_EVERY) return
    this.#hitsSinceSweep = 0
    for (const [key, log] of this.#logs) {
      if (prune(log, windowMs, nowMs).length === 0) this.#logs.delete(key)
    }
  }

  async close(): Promise<void> {
    this.#logs.clear()
  }
}
