import { Server } from '@modelcontextprotocol/sdk/server/index.js'
import type { ServerCapabilities } from '@modelcontextprotocol/sdk/types.js'
import { AjvJsonSchemaValidator } from '@modelcontextprotocol/sdk/validation/ajv-provider.js'
import { SCOPES, type Scope } from '@tokencraft/shared'
import type { McpCaller, McpModule } from './module.ts'

const SERVER_INFO = { name: 'tokencraft', title: 'Tokencraft', version: '0.1.0' }
const INSTRUCTIONS =
  'Design tokens live in workspaces → tokensets → modes → tokens. Start with list_resources to find ids.'

/**
 * Builds, once, what every request's server shares, and returns the per-request factory: a new
 * stateless `Server` with the merged capabilities, each module's handlers bound to `caller`.
 */
export function mcpServerFactory(modules: readonly McpModule[]): (caller: McpCaller) => Server {
  const capabilities: ServerCapabilities = Object.assign({}, ...modules.map((m) => m.capabilities))
  // Without one, every Server builds its own Ajv instance, which costs more than the rest of a
  // request; it only ever checks elicitation schemas, which this server does not send.
  const jsonSchemaValidator = new AjvJsonSchemaValidator()
  return (caller) => {
    const server = new Server(SERVER_INFO, {
      capabilities,
      instructions: INSTRUCTIONS,
      jsonSchemaValidator,
    })
    for (const module of modules) module.install(server, caller)
    return server
  }
}

type JsonRpcRequestish = { method?: unknown; params?: unknown }

/**
 * The step-up challenge for the JSON-RPC message(s) of one POST: empty when the caller holds
 * every scope they need and they may be dispatched, else every scope they need, granted ones
 * included, in SCOPES order (SPEC §3 step-up: `scope="<every scope the call needs>"`; RFC 6750
 * §3: the scope necessary to access the resource).
 */
export function scopeChallenge(
  modules: readonly McpModule[],
  body: unknown,
  granted: readonly Scope[],
): Scope[] {
  const messages = (Array.isArray(body) ? body : [body]) as JsonRpcRequestish[]
  const needed = new Set<Scope>()
  for (const message of messages) {
    if (!message || typeof message.method !== 'string') continue
    for (const module of modules) {
      const scope = module.requiredScope?.(message.method, message.params)
      if (scope) needed.add(scope)
    }
  }
  if ([...needed].every((scope) => granted.includes(scope))) return []
  return SCOPES.filter((scope) => needed.has(scope))
}
