import { describe, expect, it } from 'vitest'
import { rateLimitHeaders } from '../../src/auth/rate-limit/headers.ts'
import { RedisRateLimitStore } from '../../src/auth/rate-limit/redis-store.ts'
import { MemoryRateLimitStore, type RateLimitStore } from '../../src/auth/rate-limit/store.ts'

const MINUTE = 60_000
const T0 = Date.UTC(2026, 10, 26, 12, 0, 0)

/** The same behaviour is asked of both stores. */
function slidingWindowContract(name: string, makeStore: () => RateLimitStore, skip = false) {
  describe.skipIf(skip)(`${name}: sliding 60-second window`, () => {
    it('allows 100 requests in a minute and refuses the 101st', async () => {
      const store = makeStore()
      const key = `k-${Math.random()}`
      for (let i = 0; i < 100; i++) {
        const hit = await store.hit(key, 100, MINUTE, T0 + i * 100)
        expect(hit).toMatchObject({ allowed: true, count: i + 1, oldestMs: T0 })
      }
      const refused = await store.hit(key, 100, MINUTE, T0 + 30_000)
      expect(refused).toEqual({ allowed: false, count: 100, oldestMs: T0 })
      await store.close()
    })

    it('slides: a slot frees exactly when the oldest request is 60 s old, not at a window boundary', async () => {
      const store = makeStore()
      const key = `k-${Math.random()}`
      // 3 requests at 0 s, 10 s, 20 s with a limit of 3
      for (const s of [0, 10, 20])
        expect((await store.hit(key, 3, MINUTE, T0 + s * 1000)).allowed).toBe(true)
      expect((await store.hit(key, 3, MINUTE, T0 + 59_999)).allowed).toBe(false)
      // at 60 s the first request leaves the window: one more fits, and only one
      expect(await store.hit(key, 3, MINUTE, T0 + 60_000)).toMatchObject({
        allowed: true,
        oldestMs: T0 + 10_000,
      })
      expect((await store.hit(key, 3, MINUTE, T0 + 60_001)).allowed).toBe(false)
      // a fixed window would allow a fresh burst of 3 here; the sliding one allows one per freed slot
      expect((await store.hit(key, 3, MINUTE, T0 + 70_000)).allowed).toBe(true)
      expect((await store.hit(key, 3, MINUTE, T0 + 70_001)).allowed).toBe(false)
      await store.close()
    })

    it('takes `cost` slots at once, or none when they do not all fit', async () => {
      const store = makeStore()
      const key = `c-${Math.random()}`
      expect(await store.hit(key, 100, MINUTE, T0, 99)).toMatchObject({ allowed: true, count: 99 })
      // 2 more do not fit in the 1 left: refused, and nothing taken
      expect(await store.hit(key, 100, MINUTE, T0 + 1, 2)).toMatchObject({
        allowed: false,
        count: 99,
      })
      expect(await store.hit(key, 100, MINUTE, T0 + 2, 1)).toMatchObject({
        allowed: true,
        count: 100,
      })
      // cost 0 only asks: refused when full, and never takes a slot
      expect(await store.hit(key, 100, MINUTE, T0 + 3, 0)).toMatchObject({
        allowed: false,
        count: 100,
      })
      // all 99 leave together when their time comes
      expect(await store.hit(key, 100, MINUTE, T0 + 60_000, 0)).toMatchObject({
        allowed: true,
        count: 1,
      })
      expect(await store.hit(key, 100, MINUTE, T0 + 60_000, 99)).toMatchObject({ allowed: true })
      await store.close()
    })

    it('keeps separate budgets per key', async () => {
      const store = makeStore()
      const a = `a-${Math.random()}`
      expect((await store.hit(a, 1, MINUTE, T0)).allowed).toBe(true)
      expect((await store.hit(a, 1, MINUTE, T0)).allowed).toBe(false)
      expect((await store.hit(`b-${Math.random()}`, 1, MINUTE, T0)).allowed).toBe(true)
      await store.close()
    })
  })
}

slidingWindowContract('memory store', () => new MemoryRateLimitStore())

describe('memory store: keys of different windows', () => {
  it('prunes each key with its own window when it sweeps', async () => {
    const store = new MemoryRateLimitStore()
    // a 15-minute budget of 1, used up
    expect((await store.hit('long', 1, 15 * MINUTE, T0)).allowed).toBe(true)
    // 1000 hits of a 1-minute policy, two minutes later, make the store sweep every key
    for (let i = 0; i < 1000; i++) await store.hit(`short-${i}`, 1, MINUTE, T0 + 2 * MINUTE)
    // the 15-minute key still remembers its hit
    expect((await store.hit('long', 1, 15 * MINUTE, T0 + 3 * MINUTE)).allowed).toBe(false)
    await store.close()
  })
})

const redisUrl = process.env.TEST_REDIS_URL
slidingWindowContract(
  'Redis store (TEST_REDIS_URL)',
  () => new RedisRateLimitStore(redisUrl ?? '', `test:${process.pid}:`),
  !redisUrl,
)

describe('rate-limit response fields', () => {
  const policy = { name: 'per-token', limit: 100, windowMs: MINUTE }

  it('counts down and says when the oldest request leaves the window', () => {
    const headers = rateLimitHeaders(
      policy,
      { allowed: true, count: 40, oldestMs: T0 },
      T0 + 15_000,
    )
    expect(headers).toEqual({
      'X-RateLimit-Limit': '100',
      'X-RateLimit-Remaining': '60',
      'X-RateLimit-Reset': String((T0 + MINUTE) / 1000),
      'RateLimit-Policy': '"per-token";q=100;w=60',
      RateLimit: '"per-token";r=60;t=45',
    })
  })

  it('adds Retry-After when refused, in whole seconds, at least 1', () => {
    const refused = { allowed: false, count: 100, oldestMs: T0 }
    expect(rateLimitHeaders(policy, refused, T0 + 15_500)['Retry-After']).toBe('45')
    expect(rateLimitHeaders(policy, refused, T0 + 59_999)['Retry-After']).toBe('1')
    expect(rateLimitHeaders(policy, refused, T0 + 59_999)['X-RateLimit-Remaining']).toBe('0')
  })
})
