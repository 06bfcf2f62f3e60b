import type { Context, Middleware } from 'koa'
import type { BearerAuth } from '../bearer.ts'
import type { Policy } from './headers.ts'
import { rateLimit } from './middleware.ts'
import { RedisRateLimitStore } from './redis-store.ts'
import { MemoryRateLimitStore, type RateLimitStore } from './store.ts'

export type { Policy } from './headers.ts'
export { RATE_LIMIT_MESSAGE } from './middleware.ts'
export type { RateLimitStore } from './store.ts'

export type PolicyName = 'token' | 'signup' | 'login' | 'oauth' | 'documentFetch'

/** What the AppContext carries: one store (memory, or Redis shared by every process). */
export type RateLimits = {
  store: RateLimitStore
  policies: Record<PolicyName, Policy>
}

const MINUTE = 60_000

export const DEFAULT_POLICIES: Record<PolicyName, Policy> = {
  // SPEC §4: 100 requests per minute per token, sliding 60-second window
  token: { name: 'per-token', limit: 100, windowMs: MINUTE },
  // per client address: slows password guessing and account farming
  signup: { name: 'signup', limit: 20, windowMs: MINUTE },
  login: { name: 'login', limit: 20, windowMs: MINUTE },
  // the unauthenticated OAuth endpoints (register, token, revoke, both authorization endpoints
  // and the consent, the Figma bridge's start, callback and poll), one budget per address
  oauth: { name: 'oauth', limit: 120, windowMs: MINUTE },
  // per host of client_id URLs: fetches of Client ID Metadata Documents (cache hits are free)
  documentFetch: { name: 'document-fetch', limit: 30, windowMs: MINUTE },
}

export function createRateLimits(
  redisUrl: string | undefined,
  policies: Record<PolicyName, Policy> = DEFAULT_POLICIES,
): RateLimits {
  const store = redisUrl ? new RedisRateLimitStore(redisUrl) : new MemoryRateLimitStore()
  return { store, policies }
}

type Deps = { rateLimits: RateLimits; clock: () => Date }

/** Per token; mount after `bearerAuth`. */
export function tokenRateLimit(deps: Deps): Middleware {
  return rateLimit({
    store: deps.rateLimits.store,
    clock: deps.clock,
    policy: deps.rateLimits.policies.token,
    key: (ctx: Context) => (ctx.state.auth as BearerAuth | undefined)?.token.id,
  })
}

/** Per client address (`ctx.ip`: set `app.proxy` behind a load balancer). */
export function addressRateLimit(
  deps: Deps,
  policy: Exclude<PolicyName, 'token' | 'documentFetch'>,
): Middleware {
  return rateLimit({
    store: deps.rateLimits.store,
    clock: deps.clock,
    policy: deps.rateLimits.policies[policy],
    key: (ctx: Context) => ctx.ip,
  })
}
