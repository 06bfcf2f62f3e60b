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
  /** how many slots the request takes (default 1); 0: refused when the window is full, but
   * not counted (a later middleware counts it) */
  cost?: (ctx: Context) => number
  /** called when a request is refused, before the 429 is answered (to log it) */
  onRefused?: (ctx: Context) => void
}

/**
 * Counts the request against its key's sliding window, sets the rate-limit fields on every
 * response, and answers 429 with `Retry-After` and `{"error":"Rate limit exceeded. Please try
 * again later."}` (the hosted product's answer) when over the limit.
 */
export function rateLimit({
  store,
  clock,
  policy,
  key,
  cost,
  onRefused,
}: RateLimitOptions): Middleware {
  return async (ctx, next) => {
    const budget = key(ctx)
    if (budget === undefined) return next()
    const slots = cost ? cost(ctx) : 1
    const nowMs = clock().getTime()
    const hit = await store.hit(
      `${policy.name}:${budget}`,
      policy.limit,
      policy.windowMs,
      nowMs,
      slots,
    )
    ctx.set(rateLimitHeaders(policy, hit, nowMs))
    if (!hit.allowed) {
      onRefused?.(ctx)
      ctx.status = 429
      ctx.body = { error: RATE_LIMIT_MESSAGE }
      return
    }
    await next()
  }
}
