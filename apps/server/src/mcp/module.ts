/**
 * How features plug into the MCP endpoint. A module is built once at start (its tool
 * definitions, JSON Schemas and listings included); per request the endpoint makes a fresh
 * low-level `Server` and lets each module `install` its request handlers, bound to the caller.
 */
import type { Server } from '@modelcontextprotocol/sdk/server/index.js'
import type { ServerCapabilities } from '@modelcontextprotocol/sdk/types.js'
import type { Scope } from '@tokencraft/shared'
import type { BearerAuth } from '../auth/bearer.ts'

/** The authenticated caller of one MCP request: user, token and the token's scopes. */
export type McpCaller = BearerAuth

export interface McpModule {
  /** What the module adds to the `initialize` answer, e.g. `{ tools: {} }`. */
  readonly capabilities: ServerCapabilities
  /**
   * The scope a JSON-RPC request needs before it is dispatched, or undefined when it needs none
   * or is not this module's. A caller without it gets the step-up 403 (SPEC §3), e.g. for
   * `tools/call` the scope of the named tool.
   */
  requiredScope?(method: string, params: unknown): Scope | undefined
  /** Registers request handlers (`tools/list`, `tools/call`, …) for one caller. Keep it cheap. */
  install(server: Server, caller: McpCaller): void
}
