import Router from '@koa/router'
import { bearerAuth } from '../auth/bearer.ts'
import type { AuthDeps } from '../auth/deps.ts'
import { type RateLimits, tokenRateLimit } from '../auth/rate-limit/index.ts'
import { exportRoutes } from './export-routes.ts'
import { tokensetRoutes } from './tokenset-routes.ts'
import { workspaceByIdRoutes } from './workspace-routes.ts'
import { workspaceRoutes } from './workspaces.ts'

export type ApiDeps = AuthDeps & { rateLimits: RateLimits }

/**
 * REST v1 (SPEC §7): the bearer token, then its rate limit, then the routes; errors are answered
 * as JSON by the app's error responses (http/errors.tsx). Each group of routes is one
 * `…Routes(router, deps)` call below.
 */
export function apiRouter(deps: ApiDeps): Router {
  const router = new Router({ prefix: '/api/v1' })
  router.use(bearerAuth(deps), tokenRateLimit(deps))
  workspaceRoutes(router, deps)
  workspaceByIdRoutes(router, deps)
  tokensetRoutes(router, deps)
  exportRoutes(router, deps)
  return router
}
