/**
 * MCP resources (SPEC §5), so that clients which attach resources can add a workspace or a
 * whole tokenset as context: `workspace://list`, `workspace://{workspace_id}` and
 * `tokenset://{tokenset_id}` (the tokenset as DTCG JSON with every mode under `$modes`).
 */
import type { Server } from '@modelcontextprotocol/sdk/server/index.js'
import {
  ErrorCode,
  ListResourcesRequestSchema,
  ListResourceTemplatesRequestSchema,
  McpError,
  ReadResourceRequestSchema,
  type ReadResourceResult,
  type Resource,
} from '@modelcontextprotocol/sdk/types.js'
import type { Caller } from '../../domain/caller.ts'
import type { Db } from '../../domain/db.ts'
import { DomainError } from '../../domain/errors.ts'
import { tokensetDocument } from '../../domain/export.ts'
import { listTokensets } from '../../domain/tokensets.ts'
import { getWorkspace, listWorkspaces } from '../../domain/workspaces.ts'

const JSON_TYPE = 'application/json'

/** JSON-RPC error code for an unknown resource (MCP specification, resources: error handling). */
const RESOURCE_NOT_FOUND = -32002

const TEMPLATES = [
  {
    uriTemplate: 'workspace://{workspace_id}',
    name: 'workspace',
    title: 'Workspace',
    description: 'A workspace with your role and its tokensets (modes, token counts)',
    mimeType: JSON_TYPE,
  },
  {
    uriTemplate: 'tokenset://{tokenset_id}',
    name: 'tokenset',
    title: 'Tokenset (DTCG JSON)',
    description: 'A whole tokenset as a DTCG JSON document, every mode under "$modes"',
    mimeType: JSON_TYPE,
  },
]

const json = (uri: string, value: unknown): ReadResourceResult => ({
  contents: [{ uri, mimeType: JSON_TYPE, text: JSON.stringify(value) }],
})

async function read(db: Db, caller: Caller, uri: string): Promise<ReadResourceResult> {
  if (uri === 'workspace://list') return json(uri, { workspaces: await listWorkspaces(db, caller) })
  const workspace = uri.match(/^workspace:\/\/([^/]+)$/)?.[1]
  if (workspace !== undefined) {
    const id = decodeURIComponent(workspace)
    return json(uri, {
      workspace: await getWorkspace(db, caller, id),
      tokensets: await listTokensets(db, caller, id),
    })
  }
  const tokenset = uri.match(/^tokenset:\/\/([^/]+)$/)?.[1]
  if (tokenset !== undefined) {
    const text = await tokensetDocument(db, caller, decodeURIComponent(tokenset))
    return { contents: [{ uri, mimeType: JSON_TYPE, text }] }
  }
  throw new McpError(
    RESOURCE_NOT_FOUND,
    `Unknown resource ${uri}: use workspace://list, workspace://{workspace_id} or tokenset://{tokenset_id}`,
  )
}

/** The resources a caller can read now: the list, each workspace and each tokenset. */
async function list(db: Db, caller: Caller): Promise<Resource[]> {
  const workspaces = await listWorkspaces(db, caller)
  const resources: Resource[] = [
    { uri: 'workspace://list', name: 'workspaces', title: 'Your workspaces', mimeType: JSON_TYPE },
  ]
  for (const workspace of workspaces) {
    resources.push({
      uri: `workspace://${workspace.id}`,
      name: workspace.name,
      title: `Workspace ${workspace.name}`,
      mimeType: JSON_TYPE,
    })
    for (const set of await listTokensets(db, caller, workspace.id)) {
      resources.push({
        uri: `tokenset://${set.id}`,
        name: set.name,
        title: `Tokenset ${set.name} (${workspace.name})`,
        mimeType: JSON_TYPE,
      })
    }
  }
  return resources
}

/** Domain refusals become JSON-RPC errors: resources have no isError result. */
async function answer<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work()
  } catch (error) {
    if (error instanceof DomainError) {
      const code = error.kind === 'not_found' ? RESOURCE_NOT_FOUND : ErrorCode.InvalidRequest
      throw new McpError(code, error.message)
    }
    throw error
  }
}

export function installResources(server: Server, db: Db, caller: Caller): void {
  server.setRequestHandler(ListResourcesRequestSchema, () =>
    answer(async () => ({ resources: await list(db, caller) })),
  )
  server.setRequestHandler(ListResourceTemplatesRequestSchema, () => ({
    resourceTemplates: TEMPLATES,
  }))
  server.setRequestHandler(ReadResourceRequestSchema, (request) =>
    answer(() => read(db, caller, request.params.uri)),
  )
}
