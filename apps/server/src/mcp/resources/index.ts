/**
 * MCP resources (SPEC §5), so that clients which attach resources can add a workspace or a
 * whole tokenset as context: `workspace://list`, `workspace://{workspace_id}` and
 * `tokenset://{tokenset_id}` (the tokenset as DTCG JSON with every mode under `$modes`).
 */
import type { Server } from '@modelcontextprotocol/sdk/server/index.js'
import {
  ListResourcesRequestSchema,
  ListResourceTemplatesRequestSchema,
  McpError,
  ReadResourceRequestSchema,
  type ReadResourceResult,
  type Resource,
} from '@modelcontextprotocol/sdk/types.js'
import type { Caller } from '../../domain/caller.ts'
import type { Db } from '../../domain/db.ts'
import { tokensetDocument } from '../../domain/export.ts'
import { listTokensets } from '../../domain/tokensets.ts'
import { getWorkspace, listWorkspaces } from '../../domain/workspaces.ts'
import { RESOURCE_NOT_FOUND, resourceFailure } from '../../http/errors.tsx'
import type { ToolDeps } from '../tools/index.ts'

const JSON_TYPE = 'application/json'

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

const unknownResource = (uri: string) =>
  new McpError(
    RESOURCE_NOT_FOUND,
    `Unknown resource ${uri}: use workspace://list, workspace://{workspace_id} or tokenset://{tokenset_id}`,
  )

/** The id a resource URI names (percent-decoded), or undefined when it names none. */
function idIn(uri: string, scheme: 'workspace' | 'tokenset'): string | undefined {
  const encoded = uri.match(new RegExp(`^${scheme}://([^/]+)$`))?.[1]
  if (encoded === undefined) return undefined
  try {
    return decodeURIComponent(encoded)
  } catch {
    throw unknownResource(uri) // malformed percent-encoding names no resource
  }
}

async function read(db: Db, caller: Caller, uri: string): Promise<ReadResourceResult> {
  if (uri === 'workspace://list') return json(uri, { workspaces: await listWorkspaces(db, caller) })
  const id = idIn(uri, 'workspace')
  if (id !== undefined) {
    return json(uri, {
      workspace: await getWorkspace(db, caller, id),
      tokensets: await listTokensets(db, caller, id),
    })
  }
  const tokensetId = idIn(uri, 'tokenset')
  if (tokensetId !== undefined) {
    const text = await tokensetDocument(db, caller, tokensetId)
    return { contents: [{ uri, mimeType: JSON_TYPE, text }] }
  }
  throw unknownResource(uri)
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

/** Refusals become JSON-RPC errors (resources have no isError result), by http/errors.tsx. */
async function answer<T>(deps: ToolDeps, work: () => Promise<T>): Promise<T> {
  try {
    return await work()
  } catch (error) {
    throw resourceFailure(error, deps.logger, { resources: true })
  }
}

export function installResources(server: Server, deps: ToolDeps, caller: Caller): void {
  const db = deps.prisma
  server.setRequestHandler(ListResourcesRequestSchema, () =>
    answer(deps, async () => ({ resources: await list(db, caller) })),
  )
  server.setRequestHandler(ListResourceTemplatesRequestSchema, () => ({
    resourceTemplates: TEMPLATES,
  }))
  server.setRequestHandler(ReadResourceRequestSchema, (request) =>
    answer(deps, () => read(db, caller, request.params.uri)),
  )
}
