import type { AuthDeps } from '../auth/deps.ts'
import type { RateLimits } from '../auth/rate-limit/index.ts'

/** The part of the AppContext the web pages use. */
export type WebDeps = AuthDeps & { rateLimits: RateLimits; clock: () => Date }
