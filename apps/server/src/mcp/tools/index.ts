/**
 * The tool catalog, built once at start: definitions, their JSON Schemas and the `tools/list`
 * answer. Per request only the caller is bound (`installTools`), so that a stateless MCP
 * request does not rebuild 24 tools and their schemas (ARCHITECTURE: request paths).
 */
import type { Server } from '@modelcontextprotocol/sdk/server/index.js'
import {
  CallToolRequestSchema,
  type CallToolResult,
  ErrorCode,
  ListToolsRequestSchema,
  McpError,
  type Tool,
} from '@modelcontextprotocol/sdk/types.js'
import type { Scope } from '@tokencraft/shared'
import { z } from 'zod'
import type { Caller } from '../../domain/caller.ts'
import type { Db } from '../../domain/db.ts'
import { unstorableText } from '../../domain/storable-text.ts'
import { toolFailure } from '../../http/errors.tsx'
import type { Logger } from '../../logger.ts'
import { jsonText } from '../json-text.ts'
import type { ToolDefinition } from './define.ts'
import { tokenTools } from './tokens.ts'
import { tokensetTools } from './tokensets.ts'
import { workspaceTools } from './workspaces.ts'

export const TOOLS: readonly ToolDefinition[] = [...workspaceTools, ...tokensetTools, ...tokenTools]

const BY_NAME = new Map(TOOLS.map((tool) => [tool.name, tool]))

/** JSON Schema draft-07, as the SDK's own McpServer publishes zod schemas. */
const jsonSchema = (schema: z.ZodObject, io: 'input' | 'output') =>
  z.toJSONSchema(schema, { target: 'draft-7', io }) as Tool['inputSchema']

const LISTED: Tool[] = TOOLS.map((tool) => ({
  name: tool.name,
  title: tool.title,
  description: tool.description,
  inputSchema: jsonSchema(tool.input, 'input'),
  outputSchema: jsonSchema(tool.output, 'output'),
  annotations: { title: tool.title, ...tool.annotations },
}))

/**
 * The scope a tool needs, for the endpoint's step-up check (SPEC §3: a missing scope is an
 * HTTP 403 with `insufficient_scope`, not a tool result). Undefined for an unknown tool.
 */
export const toolScope = (name: string): Scope | undefined => BY_NAME.get(name)?.scope

const refusal = (message: string): CallToolResult => ({
  content: [{ type: 'text', text: message }],
  isError: true,
})

const describeIssues = (error: z.ZodError) =>
  error.issues
    .map(
      (issue) => `${issue.path.length > 0 ? issue.path.join('.') : 'arguments'}: ${issue.message}`,
    )
    .join('; ')

export type ToolDeps = { prisma: Db; logger: Logger }

/**
 * Runs a tool for a caller: the result, or a refusal that says what to change (http/errors.tsx:
 * a defect is a JSON-RPC internal error naming a request id, its details only in the log).
 */
async function callTool(
  deps: ToolDeps,
  caller: Caller,
  name: string,
  args: unknown,
): Promise<CallToolResult> {
  const tool = BY_NAME.get(name)
  if (!tool) {
    throw new McpError(ErrorCode.InvalidParams, `Tool ${name} not found: tools/list names them`)
  }
  const unstorable = unstorableText(args)
  if (unstorable) return refusal(`Invalid arguments for ${name}: ${unstorable}`)
  const parsed = tool.input.safeParse(args ?? {})
  if (!parsed.success) {
    return refusal(`Invalid arguments for ${name}: ${describeIssues(parsed.error)}`)
  }
  try {
    const result = (await tool.run(deps.prisma, caller, parsed.data)) as Record<string, unknown>
    return {
      content: [{ type: 'text', text: jsonText(result, 1, true) as string }],
      structuredContent: result,
    }
  } catch (error) {
    return toolFailure(error, deps.logger, { tool: name })
  }
}

/** Answers `tools/list` and `tools/call` on a per-request server bound to one caller. */
export function installTools(server: Server, deps: ToolDeps, caller: Caller): void {
  server.setRequestHandler(ListToolsRequestSchema, () => ({ tools: LISTED }))
  server.setRequestHandler(CallToolRequestSchema, (request) =>
    callTool(deps, caller, request.params.name, request.params.arguments),
  )
}
