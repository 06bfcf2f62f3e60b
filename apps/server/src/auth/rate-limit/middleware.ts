import type { Context, Middleware } from 'koa'
import { type Policy, rateLimitHeaders } from './headers.ts'
import type { RateLimitStore } from './store.ts'

export const RATE_LIMIT_MESSAGE = 'Rate limit exceeded. Please try again later.'

export type RateLimitOptions = {
  store: RateLimitStore
  clock: () => Date
  policy: Policy
  /** the budget the request counts against; undefined lets the request through uncounted */
  key: (ctx: Context) => string | undefined
}

/**
 * Counts the request against its key's sliding window, sets the rate-limit fields on every
 * response, and answers 429 with `Retry-After` and the JSON body of SPEC §4 when over the limit.
 */
export function rateLimit({ store, clock, policy, key }: RateLimitOptions): Middleware {
  return async (ctx, next) => {
    const budget = key(ctx)
    if (budget === undefined) return next()
    const nowMs = clock().getTime()
    const hit = await store.hit(`${policy.name}:${budget}`, policy.limit, policy.windowMs, nowMs)
    ctx.set(rateLimitHeaders(policy, hit, nowMs))
    if (!hit.allowed) {
      ctx.status = 429
      ctx.body = { error: RATE_LIMIT_MESSAGE }
      return
    }
    await next()
  }
}
