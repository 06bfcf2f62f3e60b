/**
 * Rate-limit counters in Redis, shared by every process, and in this process's memory while
 * Redis is away: requests keep being answered at their usual speed, each process counting its
 * own budget (so several processes let through up to their number times the limit meanwhile).
 * The change is logged once each way. While away, Redis is asked again every PROBE_MS and the
 * counters go back to it once it answers; what was counted in memory stays there.
 */
import type { Logger } from '../../logger.ts'
import type { RateLimitStore, WindowHit } from './store.ts'

export const PROBE_MS = 1_000

/** The shared store this one falls back from: a failed call means it is away. */
export interface SharedStore extends RateLimitStore {
  ping(): Promise<void>
}

export class FallbackRateLimitStore implements RateLimitStore {
  #away = false
  #probe: NodeJS.Timeout | undefined

  constructor(
    private readonly shared: SharedStore,
    private readonly local: RateLimitStore,
    private readonly logger: Pick<Logger, 'warn' | 'info'>,
  ) {}

  async hit(
    key: string,
    limit: number,
    windowMs: number,
    nowMs: number,
    cost = 1,
  ): Promise<WindowHit> {
    if (!this.#away) {
      try {
        return await this.shared.hit(key, limit, windowMs, nowMs, cost)
      } catch (error) {
        this.#goneAway(error)
      }
    }
    return this.local.hit(key, limit, windowMs, nowMs, cost)
  }

  #goneAway(error: unknown): void {
    if (this.#away) return
    this.#away = true
    this.logger.warn(
      { err: error },
      'Redis is unreachable: counting rate limits in this process until it answers again',
    )
    this.#probe = setInterval(() => {
      this.shared.ping().then(
        () => this.#back(),
        () => {},
      )
    }, PROBE_MS)
    this.#probe.unref()
  }

  #back(): void {
    if (!this.#away) return
    this.#away = false
    clearInterval(this.#probe)
    this.logger.info('Redis answers again: rate limits are counted there again')
  }

  async close(): Promise<void> {
    clearInterval(this.#probe)
    await Promise.all([this.shared.close(), this.local.close()])
  }
}
