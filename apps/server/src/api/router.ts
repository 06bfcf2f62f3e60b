import Router from '@koa/router'
import { bearerAuth } from '../auth/bearer.ts'
import type { AuthDeps } from '../auth/deps.ts'
import { type RateLimits, tokenRateLimit } from '../auth/rate-limit/index.ts'
import { tokenMayCall } from '../oauth/rules/audience.ts'
import { exportRoutes } from './export-routes.ts'
import { tokensetRoutes } from './tokenset-routes.ts'
import { workspaceByIdRoutes } from './workspace-routes.ts'
import { workspaceRoutes } from './workspaces.ts'

export type ApiDeps = AuthDeps & { rateLimits: RateLimits }

/**
 * REST v1: the bearer token (one meant for the REST API), then its rate limit, then the routes;
 * errors are answered as JSON by the app's error responses (http/errors.tsx). Each group of
 * routes is one `…Routes(router, deps)` call below.
 */
export function apiRouter(deps: ApiDeps): Router {
  const router = new Router({ prefix: '/api/v1' })
  const forRest = bearerAuth(deps, (token) => tokenMayCall('rest', token, deps.config.publicUrl))
  router.use(forRest, tokenRateLimit(deps))
  workspaceRoutes(router, deps)
  workspaceByIdRoutes(router, deps)
  tokensetRoutes(router, deps)
  exportRoutes(router, deps)
  return router
}
