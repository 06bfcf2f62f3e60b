import type { Context, Middleware } from 'koa'
import type { Logger } from '../../logger.ts'
import type { BearerAuth } from '../bearer.ts'
import { sha256Hex } from '../secrets.ts'
import { addressKey } from './address-key.ts'
import { FallbackRateLimitStore } from './fallback-store.ts'
import type { Policy } from './headers.ts'
import { rateLimit } from './middleware.ts'
import { RedisRateLimitStore } from './redis-store.ts'
import { MemoryRateLimitStore, type RateLimitStore } from './store.ts'

export { addressKey } from './address-key.ts'
export type { Policy } from './headers.ts'
export { RATE_LIMIT_MESSAGE } from './middleware.ts'
export type { RateLimitStore } from './store.ts'

export type PolicyName = 'token' | 'signup' | 'login' | 'loginAccount' | 'oauth' | 'documentFetch'

/**
 * What the AppContext carries: one store (memory, or Redis shared by every process with memory
 * while Redis is away).
 */
export type RateLimits = {
  store: RateLimitStore
  policies: Record<PolicyName, Policy>
}

const MINUTE = 60_000

export const DEFAULT_POLICIES: Record<PolicyName, Policy> = {
  // 100 requests per minute per token, sliding 60-second window (the hosted product's limit);
  // an MCP batch counts each of its messages
  token: { name: 'per-token', limit: 100, windowMs: MINUTE },
  // per client address (an IPv6 /64): slows password guessing and account farming
  signup: { name: 'signup', limit: 20, windowMs: MINUTE },
  login: { name: 'login', limit: 20, windowMs: MINUTE },
  // per account, whichever addresses the attempts come from: slows a guesser spread over many
  // addresses (NIST SP 800-63B §5.2.2); docs/security.md says what it costs
  loginAccount: { name: 'login-per-account', limit: 10, windowMs: 15 * MINUTE },
  // the unauthenticated OAuth endpoints (register, token, revoke, both authorization endpoints
  // and the consent, the Figma bridge's start, callback and poll), one budget per address
  oauth: { name: 'oauth', limit: 120, windowMs: MINUTE },
  // per host of client_id URLs: fetches of Client ID Metadata Documents (cache hits are free)
  documentFetch: { name: 'document-fetch', limit: 30, windowMs: MINUTE },
}

/** `logger` hears when Redis goes away and comes back. */
export function createRateLimits(
  redisUrl: string | undefined,
  policies: Record<PolicyName, Policy> = DEFAULT_POLICIES,
  logger?: Pick<Logger, 'warn' | 'info'>,
): RateLimits {
  const store = redisUrl
    ? new FallbackRateLimitStore(
        new RedisRateLimitStore(redisUrl),
        new MemoryRateLimitStore(),
        logger ?? { warn: () => {}, info: () => {} },
      )
    : new MemoryRateLimitStore()
  return { store, policies }
}

type Deps = { rateLimits: RateLimits; clock: () => Date }

/**
 * Per token; mount after `bearerAuth`. `cost` counts a request as several (an MCP batch as its
 * messages) or, returning 0, only checks that the budget is not used up; without it every
 * request counts once.
 */
export function tokenRateLimit(deps: Deps, cost?: (ctx: Context) => number): Middleware {
  return rateLimit({
    store: deps.rateLimits.store,
    clock: deps.clock,
    policy: deps.rateLimits.policies.token,
    key: (ctx: Context) => (ctx.state.auth as BearerAuth | undefined)?.token.id,
    ...(cost ? { cost } : {}),
  })
}

/** Per client address (`ctx.ip`, see app.proxy), an IPv6 client by its /64. */
export function addressRateLimit(
  deps: Deps,
  policy: Exclude<PolicyName, 'token' | 'loginAccount' | 'documentFetch'>,
): Middleware {
  return rateLimit({
    store: deps.rateLimits.store,
    clock: deps.clock,
    policy: deps.rateLimits.policies[policy],
    key: (ctx: Context) => addressKey(ctx.ip),
  })
}

/**
 * Per account attempted, `account(ctx)` naming it (a normalized email); mount after the body
 * is parsed. `onRefused` sees each refusal (to log it).
 */
export function accountRateLimit(
  deps: Deps,
  account: (ctx: Context) => string,
  onRefused: (ctx: Context) => void,
): Middleware {
  return rateLimit({
    store: deps.rateLimits.store,
    clock: deps.clock,
    policy: deps.rateLimits.policies.loginAccount,
    // hashed: no email is kept in the counters (Redis) in clear, and a long one costs no more
    key: (ctx) => sha256Hex(account(ctx)),
    onRefused,
  })
}
