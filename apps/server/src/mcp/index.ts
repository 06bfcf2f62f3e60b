/**
 * The MCP endpoint with this server's modules. Tool groups are wired here: each is an
 * `McpModule` (module.ts) built once at start.
 */
import type Router from '@koa/router'
import { isScope } from '@tokencraft/shared'
import type { AppContext } from '../context.ts'
import { mcpRouter } from './endpoint.ts'
import type { McpModule } from './module.ts'
import { installTools, toolScope } from './tools/index.ts'

export type { McpCaller, McpModule } from './module.ts'

/** The domain tools (mcp/tools): `tools/call` needs the scope the named tool declares. */
export function toolsModule(ctx: Pick<AppContext, 'prisma'>): McpModule {
  return {
    capabilities: { tools: {} },
    requiredScope(method, params) {
      if (method !== 'tools/call') return undefined
      const name = (params as { name?: unknown } | undefined)?.name
      const scope = typeof name === 'string' ? toolScope(name) : undefined
      return scope !== undefined && isScope(scope) ? scope : undefined
    },
    install(server, caller) {
      installTools(server, ctx.prisma, { userId: caller.user.id, scopes: caller.scopes })
    },
  }
}

export function mcpEndpoint(
  ctx: AppContext,
  modules: readonly McpModule[] = [toolsModule(ctx)],
): Router {
  return mcpRouter(ctx, modules)
}
