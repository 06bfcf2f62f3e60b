/**
 * The MCP endpoint with this server's modules. Tool groups are wired here: each is an
 * `McpModule` (module.ts) built once at start.
 */
import type Router from '@koa/router'
import type { AppContext } from '../context.ts'
import { mcpRouter } from './endpoint.ts'
import type { McpModule } from './module.ts'
import { tokensMcpModule } from './tools/module.ts'

export type { McpCaller, McpModule } from './module.ts'

export function mcpEndpoint(
  ctx: AppContext,
  modules: readonly McpModule[] = [tokensMcpModule(ctx)],
): Router {
  return mcpRouter(ctx, modules)
}
