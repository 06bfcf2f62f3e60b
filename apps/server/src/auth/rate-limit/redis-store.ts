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

type HitReply = [number, number, string]

/** ioredis adds a method per `defineCommand` (sent by EVALSHA, falling back to EVAL). */
type RedisWithHit = Redis & {
  slidingWindowHit(key: string, ...args: (string | number)[]): Promise<HitReply>
}

export class RedisRateLimitStore implements RateLimitStore {
  readonly #redis: RedisWithHit
  readonly #prefix: string

  constructor(url: string, prefix = 'tokencraft:ratelimit:') {
    const redis = new Redis(url, { maxRetriesPerRequest: 2 })
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

  async close(): Promise<void> {
    await this.#redis.quit()
  }
}
