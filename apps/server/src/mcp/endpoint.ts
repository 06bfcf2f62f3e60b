/**
 * `/api/mcp`: the Streamable HTTP transport (MCP 2025-06-18 and later) in stateless mode with
 * JSON responses (json-transport.ts), behind the bearer middleware and the per-token rate limit.
 * Each POST gets a fresh transport and SDK server bound to its caller; no request depends on
 * another (several processes may serve one database).
 */
import { bodyParser } from '@koa/bodyparser'
import Router from '@koa/router'
import { isJsonContentType } from '@modelcontextprotocol/sdk/shared/mediaType.js'
import type { Middleware } from 'koa'
import { type BearerAuth, bearerAuth, bearerAuthOf, resourceMetadataUrl } from '../auth/bearer.ts'
import { tokenRateLimit } from '../auth/rate-limit/index.ts'
import type { OAuthDeps } from '../oauth/deps.ts'
import { tokenMayCall } from '../oauth/rules/audience.ts'
import { jsonText } from './json-text.ts'
import { JsonResponseTransport, readMcpPost } from './json-transport.ts'
import type { McpModule } from './module.ts'
import { mcpServerFactory, scopeChallenge } from './server.ts'

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
  const forMcp = bearerAuth(deps, (token) => tokenMayCall('mcp', token, deps.config.publicUrl))
  // a token whose budget is used up is refused before its body is read; once it is read, each
  // message of a batch counts as one request, and a batch that does not fit is refused whole
  const budgetLeft = tokenRateLimit(deps, () => 0)
  const perMessage = tokenRateLimit(deps, (ctx) => {
    const body = (ctx.request as { body?: unknown }).body
    return Array.isArray(body) ? Math.max(1, body.length) : 1
  })

  const handle: Middleware = async (ctx) => {
    const auth = bearerAuthOf(ctx)
    const body = (ctx.request as { body?: unknown }).body
    const needed = scopeChallenge(modules, body, auth.scopes)
    if (needed.length > 0) {
      // Step-up (MCP 2025-11-25, RFC 6750 §3.1): a new consent can fix this, so it is an HTTP
      // 403 the client acts on, not a tool result
      ctx.status = 403
      ctx.set(
        'WWW-Authenticate',
        `Bearer error="insufficient_scope", scope="${needed.join(' ')}", resource_metadata="${metadataUrl}", error_description="This call needs ${needed.join(', ')}"`,
      )
      ctx.body = {
        error: `This call needs the scope ${needed.join(', ')}; authorize again to grant it.`,
      }
      return
    }
    const messages = readMcpPost({
      accept: ctx.get('Accept') || undefined,
      isJson: isJsonContentType(ctx.get('Content-Type')),
      protocolVersion: ctx.get('MCP-Protocol-Version') || undefined,
      body,
    })
    if (!Array.isArray(messages)) {
      ctx.status = messages.status
      ctx.body = messages.body
      return
    }
    const server = serverFor(auth)
    const transport = new JsonResponseTransport()
    await server.connect(transport)
    // a client that hangs up stops what the server still runs for it
    const hangUp = () => void transport.close()
    ctx.res.once('close', hangUp)
    transport.dispatch(messages, {
      authInfo: authInfo(auth, ctx.get('Authorization').replace(/^Bearer\s+/i, '')),
      requestInfo: { headers: ctx.req.headers },
    })
    const answer = await transport.answer
    ctx.res.off('close', hangUp)
    if (answer.body === undefined) {
      ctx.body = '' // 202 Accepted carries no body (Koa would write the status text)
      ctx.remove('Content-Type')
    } else {
      ctx.type = 'application/json'
      // message → result → structuredContent → its values: reuses the texts tools remembered
      ctx.body = jsonText(answer.body, 4)
    }
    ctx.status = answer.status
  }

  router.post(
    '/api/mcp',
    forMcp,
    budgetLeft,
    bodyParser({ enableTypes: ['json'], jsonLimit: JSON_LIMIT }) as Middleware,
    perMessage,
    handle,
  )
  // Stateless: no server-sent stream to open with GET and no session to end with DELETE
  // (Streamable HTTP §"Listening for Messages from the Server": 405 is the answer).
  router.all('/api/mcp', forMcp, tokenRateLimit(deps), (ctx) => {
    ctx.status = 405
    ctx.set('Allow', 'POST')
    ctx.body = { error: 'This MCP endpoint is stateless: send JSON-RPC requests with POST.' }
  })
  return router
}
