/**
 * `/api/mcp`: the Streamable HTTP transport (MCP 2025-06-18 and later) in stateless mode, behind
 * the bearer middleware and the per-token rate limit. Each POST gets a fresh transport and
 * server bound to its caller; no request depends on another (SPEC §1, several processes).
 */
import { bodyParser } from '@koa/bodyparser'
import Router from '@koa/router'
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js'
import type { Middleware } from 'koa'
import { type BearerAuth, bearerAuth, bearerAuthOf, resourceMetadataUrl } from '../auth/bearer.ts'
import { tokenRateLimit } from '../auth/rate-limit/index.ts'
import type { OAuthDeps } from '../oauth/deps.ts'
import type { McpModule } from './module.ts'
import { mcpServerFactory, missingScopes } from './server.ts'

/** import_tokens carries whole DTCG documents. */
const JSON_LIMIT = '4mb'

/** The SDK's AuthInfo (`extra.authInfo` in request handlers) for the caller. */
function authInfo(auth: BearerAuth, token: string) {
  return {
    token,
    clientId: auth.token.clientId ?? 'manual',
    scopes: [...auth.scopes],
    expiresAt: auth.token.expiresAt ? Math.floor(auth.token.expiresAt.getTime() / 1000) : undefined,
    extra: { userId: auth.user.id, tokenId: auth.token.id },
  }
}

export function mcpRouter(deps: OAuthDeps, modules: readonly McpModule[]): Router {
  const router = new Router()
  const serverFor = mcpServerFactory(modules)
  const metadataUrl = resourceMetadataUrl(deps.config.publicUrl)
  const authenticated = [bearerAuth(deps), tokenRateLimit(deps)]

  const handle: Middleware = async (ctx) => {
    const auth = bearerAuthOf(ctx)
    const body = (ctx.request as { body?: unknown }).body
    const missing = missingScopes(modules, body, auth.scopes)
    if (missing.length > 0) {
      // Step-up (MCP 2025-11-25, RFC 6750 §3.1): a new consent can fix this, so it is an HTTP
      // 403 the client acts on, not a tool result
      ctx.status = 403
      ctx.set(
        'WWW-Authenticate',
        `Bearer error="insufficient_scope", scope="${missing.join(' ')}", resource_metadata="${metadataUrl}", error_description="This call needs ${missing.join(', ')}"`,
      )
      ctx.body = {
        error: `This call needs the scope ${missing.join(', ')}; authorize again to grant it.`,
      }
      return
    }
    const server = serverFor(auth)
    const transport = new StreamableHTTPServerTransport({
      sessionIdGenerator: undefined,
      enableJsonResponse: true,
    })
    ctx.respond = false
    ctx.res.once('close', () => {
      void transport.close()
      void server.close()
    })
    await server.connect(transport)
    const req = Object.assign(ctx.req, {
      auth: authInfo(auth, ctx.get('Authorization').replace(/^Bearer\s+/i, '')),
    })
    await transport.handleRequest(req, ctx.res, body)
  }

  router.post(
    '/api/mcp',
    ...authenticated,
    bodyParser({ enableTypes: ['json'], jsonLimit: JSON_LIMIT }) as Middleware,
    handle,
  )
  // Stateless: no server-sent stream to open with GET and no session to end with DELETE
  // (Streamable HTTP §"Listening for Messages from the Server": 405 is the answer).
  router.all('/api/mcp', ...authenticated, (ctx) => {
    ctx.status = 405
    ctx.set('Allow', 'POST')
    ctx.body = { error: 'This MCP endpoint is stateless: send JSON-RPC requests with POST.' }
  })
  return router
}
