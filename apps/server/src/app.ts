/**
 * Builds the Koa application from the feature modules. Tests use it without `listen`
 * (see test/support/server.ts); main.ts serves it.
 */
import Koa from 'koa'
import { openapiRouter } from './api/openapi.ts'
import { apiRouter } from './api/router.ts'
import { securityHeaders } from './auth/security-headers.ts'
import { loadSession } from './auth/sessions.ts'
import type { AppContext } from './context.ts'
import { errorResponses } from './http/errors.tsx'
import { healthRouter } from './http/health.ts'
import { mcpEndpoint } from './mcp/index.ts'
import { mcpOriginCheck } from './mcp/origin-check.ts'
import { hostCheck, oauthRouter, publicEndpointsCors } from './oauth/index.ts'
import { homeRouter } from './web/home/routes.tsx'
import { webRouter } from './web/index.ts'

export function createApp(ctx: AppContext): Koa {
  const app = new Koa()
  // ctx.ip behind TRUST_PROXY proxies: the X-Forwarded-For entry the outermost one appended
  // (Koa reads the last maxIpsCount entries); the nearer entries a client can forge
  app.proxy = ctx.config.trustProxy > 0
  app.maxIpsCount = ctx.config.trustProxy
  // Errors are answered and logged by errorResponses (JSON, OAuth JSON or a page, by path);
  // anything escaping it is logged here instead of Koa's default stderr dump.
  app.on('error', (error: Error) => ctx.logger.error({ err: error }, 'unhandled error'))
  app.use(errorResponses(ctx.logger))
  // DNS rebinding: only PUBLIC_URL's host (and loopback names on a loopback bind)
  app.use(hostCheck(ctx.config))
  // DNS rebinding, the MCP transport's rule: /api/mcp refuses browser origins not allowed (403)
  app.use(mcpOriginCheck(ctx.config))
  // CORS for the OAuth and MCP endpoints; drops their Cookie header before loadSession
  app.use(publicEndpointsCors())
  // CSP with frame-ancestors 'none', nosniff, Referrer-Policy on every response; HSTS over https
  app.use(securityHeaders(ctx.config))
  // the browser session, if any, on ctx.state.session (auth/sessions.ts)
  app.use(loadSession(ctx))

  const health = healthRouter(ctx)
  app.use(health.routes())

  // ── Feature routers ────────────────────────────────────────────────────────────────────
  // Each feature folder exports one function taking the AppContext and returning a
  // @koa/router Router (or a middleware). Mount it below, e.g.:
  //   const oauth = oauthRouter(ctx)
  //   app.use(oauth.routes()).use(oauth.allowedMethods())
  const web = webRouter(ctx)
  app.use(web.routes()).use(web.allowedMethods())
  const home = homeRouter(ctx)
  app.use(home.routes()).use(home.allowedMethods())
  const oauth = oauthRouter(ctx)
  app.use(oauth.routes()).use(oauth.allowedMethods())
  const mcp = mcpEndpoint(ctx)
  app.use(mcp.routes()).use(mcp.allowedMethods())
  // public description of REST v1, before the bearer-protected routes
  app.use(openapiRouter(ctx).routes())
  const api = apiRouter(ctx)
  app.use(api.routes()).use(api.allowedMethods())

  return app
}
