/**
 * The design-token tools and resources as one module of the MCP endpoint (../module.ts): built
 * once at start, bound per request to the caller the bearer middleware found.
 */
import type { Caller } from '../../domain/caller.ts'
import type { McpCaller, McpModule } from '../module.ts'
import { installResources } from '../resources/index.ts'
import { installTools, type ToolDeps, toolScope } from './index.ts'

const callerOf = (auth: McpCaller): Caller => ({ userId: auth.user.id, scopes: auth.scopes })

/** Resources read tokens: a token without read:tokens gets the step-up 403 like a tool call. */
const RESOURCE_READS = new Set(['resources/list', 'resources/read'])

export function tokensMcpModule(deps: ToolDeps): McpModule {
  return {
    capabilities: { tools: {}, resources: {} },
    requiredScope(method, params) {
      if (method === 'tools/call') {
        const name = (params as { name?: unknown } | undefined)?.name
        return typeof name === 'string' ? toolScope(name) : undefined
      }
      return RESOURCE_READS.has(method) ? 'read:tokens' : undefined
    },
    install(server, auth) {
      const caller = callerOf(auth)
      installTools(server, deps, caller)
      installResources(server, deps, caller)
    },
  }
}
