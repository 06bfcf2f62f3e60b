/**
 * CORS for the endpoints browser-based clients call (SPEC §3): the metadata documents,
 * registration, token, revocation, the Figma bridge's start and poll, and /api/mcp answer any origin, including the
 * `null` origin of the Figma plugin's iframe. These endpoints authenticate with bearer tokens or
 * client credentials only, so no cookie is honoured there: the Cookie header is dropped before
 * any other middleware can read it, and credentialed CORS is never allowed. The REST API under
 * /api/v1 is bearer-only too and is what the Figma plugin's iframe browses, pulls and pushes with.
 */
import type { Middleware } from 'koa'

export const CORS_PATHS: ReadonlySet<string> = new Set([
  '/.well-known/oauth-authorization-server',
  '/.well-known/oauth-protected-resource',
  '/.well-known/oauth-protected-resource/api/mcp',
  '/api/oauth/mcp/register',
  '/api/oauth/mcp/token',
  '/api/oauth/mcp/revoke',
  '/api/oauth/figma-plugin/start',
  '/api/oauth/figma-plugin/poll',
  '/api/mcp',
])

/** Every route below this prefix is bearer-only REST (SPEC §7). */
export const CORS_PREFIX = '/api/v1/'

const ALLOWED_HEADERS =
  'Authorization, Content-Type, MCP-Protocol-Version, Mcp-Session-Id, Last-Event-ID'
const EXPOSED_HEADERS =
  'WWW-Authenticate, Mcp-Session-Id, MCP-Protocol-Version, Retry-After, X-RateLimit-Limit, X-RateLimit-Remaining, X-RateLimit-Reset'

/** Mount before the session loader and the routers. */
export function publicEndpointsCors(paths: ReadonlySet<string> = CORS_PATHS): Middleware {
  return async (ctx, next) => {
    if (!paths.has(ctx.path) && !ctx.path.startsWith(CORS_PREFIX)) return next()
    delete ctx.req.headers.cookie
    ctx.set('Access-Control-Allow-Origin', '*')
    ctx.set('Access-Control-Expose-Headers', EXPOSED_HEADERS)
    if (ctx.method === 'OPTIONS' && ctx.get('Access-Control-Request-Method')) {
      // the preflight (Fetch standard §3.2.2)
      ctx.set('Access-Control-Allow-Methods', 'GET, POST, PUT, PATCH, DELETE, OPTIONS')
      ctx.set('Access-Control-Allow-Headers', ALLOWED_HEADERS)
      ctx.set('Access-Control-Max-Age', '86400')
      ctx.status = 204
      return
    }
    await next()
  }
}
