import { randomBytes } from 'node:crypto'
import { Redis } from 'ioredis'
import type { RateLimitStore, WindowHit } from './store.ts'

/**
 * The same sliding-window log in a Redis sorted set, so that every server process shares one
 * budget. The script runs atomically: prune, count, add `cost` entries when they all fit (cost 0:
 * when one would), read the oldest.
 */
const HIT_SCRIPT = `
local key = KEYS[1]
local now = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
local limit = tonumber(ARGV[3])
local cost = tonumber(ARGV[5])
redis.call('ZREMRANGEBYSCORE', key, '-inf', now - window)
local count = redis.call('ZCARD', key)
local allowed = 0
if count + math.max(cost, 1) <= limit then
  for i = 1, cost do
    redis.call('ZADD', key, now, ARGV[4] .. ':' .. i)
  end
  count = count + cost
  allowed = 1
end
redis.call('PEXPIRE', key, window)
local oldest = redis.call('ZRANGE', key, 0, 0, 'WITHSCORES')
return {allowed, count, oldest[2] or tostring(now)}
`

/** A reply slower than this counts as Redis being away (a local Redis answers in well under 1 ms). */
export const REDIS_COMMAND_TIMEOUT_MS = 200

type HitReply = [number, number, string]

/** ioredis adds a method per `defineCommand` (sent by EVALSHA, falling back to EVAL). */
type RedisWithHit = Redis & {
  slidingWindowHit(key: string, ...args: (string | number)[]): Promise<HitReply>
}

/**
 * Every command fails fast when Redis is away instead of waiting in a queue: none is queued
 * while disconnected (except while the first connection is being made, at most its 1 s
 * timeout), none is retried, each gives up after REDIS_COMMAND_TIMEOUT_MS. The client
 * reconnects by itself meanwhile. Callers decide what to do without Redis (fallback-store.ts).
 */
export class RedisRateLimitStore implements RateLimitStore {
  readonly #redis: RedisWithHit
  readonly #prefix: string
  /** Settles once the first connection has been made or has failed (within connectTimeout). */
  readonly #firstAttempt: Promise<void>

  constructor(url: string, prefix = 'tokencraft:ratelimit:') {
    const redis = new Redis(url, {
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      commandTimeout: REDIS_COMMAND_TIMEOUT_MS,
      connectTimeout: 1_000,
      retryStrategy: (attempt) => Math.min(attempt * 100, 1_000),
    })
    // connection errors surface as failed commands; without a listener ioredis prints each one
    redis.on('error', () => {})
    // commands sent while the client first connects would be refused: they wait for that
    this.#firstAttempt = new Promise((resolve) => {
      for (const event of ['ready', 'error', 'end']) redis.once(event, () => resolve())
    })
    redis.defineCommand('slidingWindowHit', { numberOfKeys: 1, lua: HIT_SCRIPT })
    this.#redis = redis as RedisWithHit
    this.#prefix = prefix
  }

  async hit(
    key: string,
    limit: number,
    windowMs: number,
    nowMs: number,
    cost = 1,
  ): Promise<WindowHit> {
    // a unique member per request: two requests in the same millisecond are two entries
    const member = `${nowMs}:${randomBytes(6).toString('hex')}`
    await this.#firstAttempt
    const [allowed, count, oldest] = await this.#redis.slidingWindowHit(
      this.#prefix + key,
      nowMs,
      windowMs,
      limit,
      member,
      cost,
    )
    return { allowed: allowed === 1, count, oldestMs: Number(oldest) }
  }

  /** Resolves when Redis answers a PING, rejects as a command would. */
  async ping(): Promise<void> {
    await this.#firstAttempt
    await this.#redis.ping()
  }

  async close(): Promise<void> {
    // QUIT needs an answer; a Redis that is away gets the connection dropped instead
    await this.#redis.quit().catch(() => this.#redis.disconnect())
  }
}
