/**
 * Every MCP tool through the SDK's own client over HTTP, against the real server and database,
 * with bearer tokens made by the real token helpers: the happy path, the step-up 403 for a
 * missing scope, the refusal of a viewer who writes, and of a user of another workspace.
 */
import { Client } from '@modelcontextprotocol/sdk/client/index.js'
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js'
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js'
import { SCOPES, type Scope } from '@tokencraft/shared'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Caller } from '../../src/domain/caller.ts'
import { addMember } from '../../src/domain/members.ts'
import { createMode } from '../../src/domain/modes.ts'
import { createToken, getToken } from '../../src/domain/tokens.ts'
import { createTokenset } from '../../src/domain/tokensets.ts'
import { createWorkspace } from '../../src/domain/workspaces.ts'
import { TOOLS } from '../../src/mcp/tools/index.ts'
import { userKey } from '../support/fixtures.ts'
import { startTestServer, type TestServer } from '../support/server.ts'

let server: TestServer
const clients: Client[] = []
let owner: Caller
let workspaceId: string
let tokensetId: string

async function clientFor(email: string, scopes: readonly Scope[]): Promise<Client> {
  const { key: token } = await userKey(server.prisma, email, scopes)
  const client = new Client({ name: 'tools-test', version: '1.0.0' })
  await client.connect(
    new StreamableHTTPClientTransport(new URL(`${server.url}/api/mcp`), {
      requestInit: { headers: { Authorization: `Bearer ${token}` } },
    }),
  )
  // the client validates structuredContent against the output schemas it lists
  await client.listTools()
  clients.push(client)
  return client
}

const call = (client: Client, name: string, args: Record<string, unknown>) =>
  client.callTool({ name, arguments: args }) as Promise<CallToolResult>

const text = (result: CallToolResult) =>
  result.content.map((c) => (c.type === 'text' ? c.text : '')).join('')

const contentText = (result: { contents: ({ text: string } | { blob: string })[] }) => {
  const first = result.contents[0]
  return first && 'text' in first ? first.text : ''
}

const rgb = (r: number, g: number, b: number) => ({ colorSpace: 'srgb', components: [r, g, b] })

/** A fresh tokenset with modes Light (default) and Dark and two tokens, for one case. */
async function freshTokenset(name: string) {
  const set = await createTokenset(server.prisma, owner, {
    workspace_id: workspaceId,
    name,
    modes: ['Light', 'Dark'],
  })
  await createToken(server.prisma, owner, {
    tokenset_id: set.id,
    name: 'color.brand',
    type: 'color',
    values: { Light: rgb(0.2, 0.4, 1), Dark: rgb(0.6, 0.666, 1) },
    description: 'brand colour',
  })
  await createToken(server.prisma, owner, {
    tokenset_id: set.id,
    name: 'color.action',
    type: 'color',
    values: { Light: '{color.brand}' },
  })
  return set
}

type Case = {
  /** Arguments of the call, made fresh for each case. */
  args: () => Promise<Record<string, unknown>>
  /** Checks the happy path's structuredContent. */
  check: (out: Record<string, unknown>, args: Record<string, unknown>) => void | Promise<void>
  /** For tools not bound to a workspace: what a stranger must not see. */
  strangerSees?: 'own' | 'nothing'
}

let counter = 0
const unique = (prefix: string) => `${prefix} ${++counter}`

const CASES: Record<string, Case> = {
  list_resources: {
    args: async () => ({ workspace_id: workspaceId }),
    check: (out) => {
      expect((out.workspaces as { id: string }[]).map((w) => w.id)).toContain(workspaceId)
      const sets = out.tokensets as { id: string; modes: { is_default: boolean }[] }[]
      expect(sets.find((s) => s.id === tokensetId)?.modes.filter((m) => m.is_default)).toHaveLength(
        1,
      )
    },
  },
  list_workspaces: {
    args: async () => ({}),
    check: (out) => {
      const mine = (out.workspaces as { id: string; role: string }[]).find(
        (w) => w.id === workspaceId,
      )
      expect(mine?.role).toBe('owner')
    },
    strangerSees: 'own',
  },
  get_workspace: {
    args: async () => ({ workspace_id: workspaceId }),
    check: (out) => expect(out.workspace).toMatchObject({ id: workspaceId, role: 'owner' }),
  },
  create_workspace: {
    args: async () => ({ name: unique('Created'), description: 'made by a tool' }),
    check: (out, args) => expect(out.workspace).toMatchObject({ name: args.name, role: 'owner' }),
    strangerSees: 'own',
  },
  update_workspace: {
    args: async () => ({ workspace_id: workspaceId, description: 'updated by a tool' }),
    check: (out) => expect(out.workspace).toMatchObject({ description: 'updated by a tool' }),
  },
  delete_workspace: {
    args: async () => {
      const ws = await createWorkspace(server.prisma, owner, { name: unique('Doomed') })
      await addMember(server.prisma, owner, {
        workspace_id: ws.id,
        email: 'viewer@example.com',
        role: 'admin',
      })
      return { workspace_id: ws.id }
    },
    check: (out, args) => expect(out).toEqual({ id: args.workspace_id, deleted: true }),
  },
  list_tokensets: {
    args: async () => ({ workspace_id: workspaceId }),
    check: (out) =>
      expect((out.tokensets as { id: string }[]).map((s) => s.id)).toContain(tokensetId),
  },
  get_tokenset: {
    args: async () => ({ tokenset_id: tokensetId }),
    check: (out) => expect(out.tokenset).toMatchObject({ id: tokensetId, token_count: 2 }),
  },
  create_tokenset: {
    args: async () => ({ workspace_id: workspaceId, name: unique('Set') }),
    check: (out) => {
      const set = out.tokenset as { modes: { name: string; is_default: boolean }[] }
      expect(set.modes.map((m) => [m.name, m.is_default])).toEqual([['Base', true]])
    },
  },
  update_tokenset: {
    args: async () => ({
      tokenset_id: (await freshTokenset(unique('Rename'))).id,
      name: unique('Renamed'),
    }),
    check: (out, args) => expect(out.tokenset).toMatchObject({ name: args.name }),
  },
  delete_tokenset: {
    args: async () => ({ tokenset_id: (await freshTokenset(unique('Gone'))).id }),
    check: (out, args) => expect(out).toEqual({ id: args.tokenset_id, deleted: true }),
  },
  list_modes: {
    args: async () => ({ tokenset_id: tokensetId }),
    check: (out) =>
      expect((out.modes as { name: string }[]).map((m) => m.name)).toEqual(['Light', 'Dark']),
  },
  create_mode: {
    args: async () => ({
      tokenset_id: (await freshTokenset(unique('Modes'))).id,
      name: 'Contrast',
      is_default: true,
    }),
    check: (out) => expect(out.mode).toMatchObject({ name: 'Contrast', is_default: true }),
  },
  update_mode: {
    args: async () => {
      const set = await freshTokenset(unique('Mode update'))
      return { mode_id: set.modes[1]?.id, name: 'Night' }
    },
    check: (out) => expect(out.mode).toMatchObject({ name: 'Night', is_default: false }),
  },
  delete_mode: {
    args: async () => {
      const set = await freshTokenset(unique('Mode delete'))
      const mode = await createMode(server.prisma, owner, { tokenset_id: set.id, name: 'Extra' })
      return { mode_id: mode.id }
    },
    check: (out, args) => expect(out).toEqual({ id: args.mode_id, deleted: true }),
  },
  list_tokens: {
    args: async () => ({ tokenset_id: tokensetId, limit: 1 }),
    check: (out) => {
      expect((out.tokens as { name: string }[]).map((t) => t.name)).toEqual(['color.action'])
      expect(typeof out.next_cursor).toBe('string')
    },
  },
  get_token: {
    args: async () => ({ tokenset_id: tokensetId, name: 'color.action' }),
    check: (out) => {
      const dark = (out.modes as { mode: string; alias_chain: string[]; resolved: unknown }[]).find(
        (m) => m.mode === 'Dark',
      )
      expect(dark?.alias_chain).toEqual(['color.brand'])
      expect(dark?.resolved).toEqual(rgb(0.6, 0.666, 1))
    },
  },
  search_tokens: {
    args: async () => ({ workspace_id: workspaceId, query: 'brand' }),
    check: (out) =>
      expect((out.tokens as { name: string }[]).map((t) => t.name)).toContain('color.brand'),
  },
  create_token: {
    args: async () => ({
      tokenset_id: tokensetId,
      name: unique('spacing').replace(' ', '.'),
      type: 'dimension',
      values: { Light: { value: 16, unit: 'px' } },
    }),
    check: (out, args) => expect(out.token).toMatchObject({ name: args.name, version: 1 }),
  },
  update_token: {
    args: async () => ({ tokenset_id: tokensetId, name: 'color.brand', description: 'the brand' }),
    check: (out) => expect(out.token).toMatchObject({ description: 'the brand' }),
  },
  delete_token: {
    args: async () => ({
      tokenset_id: (await freshTokenset(unique('Token delete'))).id,
      name: 'color.action',
    }),
    check: (out) => expect(out.deleted).toBe(true),
  },
  import_tokens: {
    args: async () => ({
      tokenset_id: tokensetId,
      mode: 'Dark',
      document: { color: { brand: { $type: 'color', $value: rgb(0.1, 0.2, 0.3) } } },
    }),
    check: (out) =>
      expect(out).toMatchObject({ mode_created: false, created: [], updated: ['color.brand'] }),
  },
  export_tokenset: {
    args: async () => ({ tokenset_id: tokensetId, format: 'css', mode: 'Light' }),
    check: (out) => {
      const [file] = out.files as { name: string; content: string }[]
      expect(file?.name).toBe('tokens.css')
      expect(file?.content).toContain('--color-brand')
    },
  },
}

let full: Client
let viewer: Client
let stranger: Client
const withoutScope: Partial<Record<Scope, Client>> = {}

beforeAll(async () => {
  server = await startTestServer()
  owner = (await userKey(server.prisma, 'owner@example.com')).caller
  await userKey(server.prisma, 'viewer@example.com')
  workspaceId = (await createWorkspace(server.prisma, owner, { name: 'Design' })).id
  await addMember(server.prisma, owner, {
    workspace_id: workspaceId,
    email: 'viewer@example.com',
    role: 'viewer',
  })
  tokensetId = (await freshTokenset('Main')).id
  full = await clientFor('owner@example.com', SCOPES)
  viewer = await clientFor('viewer@example.com', SCOPES)
  stranger = await clientFor('stranger@example.com', SCOPES)
  for (const scope of SCOPES) {
    withoutScope[scope] = await clientFor(
      'owner@example.com',
      SCOPES.filter((s) => s !== scope),
    )
  }
})
afterAll(async () => {
  await Promise.all(clients.map((c) => c.close()))
  await server.close()
})

describe('MCP tools', () => {
  it('lists exactly the tools of the specification, with schemas and annotations', async () => {
    const { tools } = await full.listTools()
    expect(tools.map((t) => t.name).sort()).toEqual(Object.keys(CASES).sort())
    for (const tool of tools) {
      expect(tool.outputSchema?.type).toBe('object')
      expect(typeof tool.annotations?.readOnlyHint).toBe('boolean')
      const writes = TOOLS.find((t) => t.name === tool.name)?.scope === 'write:tokens'
      expect(tool.annotations?.readOnlyHint).toBe(!writes)
    }
  })

  describe.each(TOOLS.map((t) => [t.name, t.scope] as const))('%s', (name, scope) => {
    const spec = CASES[name] as Case

    it('answers the step-up 403 when the token lacks its scope', async () => {
      const args = await spec.args()
      const refused = call(withoutScope[scope] as Client, name, args)
      await expect(refused).rejects.toMatchObject({ code: 403 })
      await expect(refused).rejects.toThrow(scope)
    })

    // only writes inside a workspace depend on the role (create_workspace makes the caller owner)
    if (scope === 'write:tokens' && name !== 'create_workspace') {
      it('refuses a viewer who writes, saying which role it needs', async () => {
        const result = await call(viewer, name, await spec.args())
        expect(result.isError).toBe(true)
        expect(text(result)).toMatch(/or above/)
      })
    }

    it('shows a user of another workspace nothing of it', async () => {
      const args = await spec.args()
      const result = await call(stranger, name, args)
      if (spec.strangerSees) {
        expect(result.isError).toBeFalsy()
        expect(JSON.stringify(result.structuredContent)).not.toContain(workspaceId)
      } else {
        expect(result.isError).toBe(true)
        expect(text(result)).toMatch(/not found/)
      }
    })

    it('works for the owner, with structuredContent and the same JSON as text', async () => {
      const args = await spec.args()
      const result = await call(full, name, args)
      expect(result.isError, text(result)).toBeFalsy()
      const out = result.structuredContent as Record<string, unknown>
      expect(JSON.parse(text(result))).toEqual(out)
      await spec.check(out, args)
    })
  })

  it('tells an agent what to change when a value does not fit the type', async () => {
    const result = await call(full, 'create_token', {
      tokenset_id: tokensetId,
      name: 'bad.size',
      type: 'dimension',
      values: { Light: '12 pixels' },
    })
    expect(result.isError).toBe(true)
    expect(text(result)).toContain('bad.size')
  })

  it('keeps every write of 50 concurrent update_token calls in the version', async () => {
    const before = await getToken(server.prisma, owner, {
      tokenset_id: tokensetId,
      name: 'color.brand',
    })
    const colours = Array.from({ length: 50 }, (_, i) => rgb(0, 0, i / 50))
    const results = await Promise.all(
      colours.map((colour) =>
        call(full, 'update_token', {
          tokenset_id: tokensetId,
          name: 'color.brand',
          values: { Light: colour },
        }),
      ),
    )
    expect(results.filter((r) => r.isError)).toEqual([])
    const after = await getToken(server.prisma, owner, {
      tokenset_id: tokensetId,
      name: 'color.brand',
    })
    expect(after.token.version).toBe(before.token.version + 50)
    expect(colours).toContainEqual(after.token.values.Light)
  })

  it('leaves the tokenset exactly as it was when import_tokens gets a broken document', async () => {
    const snapshot = async () =>
      (await call(full, 'export_tokenset', { tokenset_id: tokensetId, format: 'json' }))
        .structuredContent
    const listing = async () =>
      (await call(full, 'get_tokenset', { tokenset_id: tokensetId })).structuredContent
    const [docBefore, setBefore] = [await snapshot(), await listing()]
    const result = await call(full, 'import_tokens', {
      tokenset_id: tokensetId,
      mode: 'Brand new mode',
      document: {
        color: { brand: { $type: 'color', $value: rgb(0, 0, 0) } },
        spacing: { huge: { $type: 'dimension', $value: '{color.brand}' } },
      },
    })
    expect(result.isError).toBe(true)
    expect(text(result)).toContain('spacing.huge')
    expect(await snapshot()).toEqual(docBefore)
    expect(await listing()).toEqual(setBefore)
  })

  it('serves the resources: the list, a workspace and a tokenset as DTCG JSON', async () => {
    const { resourceTemplates } = await full.listResourceTemplates()
    expect(resourceTemplates.map((t) => t.uriTemplate).sort()).toEqual([
      'tokenset://{tokenset_id}',
      'workspace://{workspace_id}',
    ])
    const { resources } = await full.listResources()
    expect(resources.map((r) => r.uri)).toContain(`tokenset://${tokensetId}`)
    const list = await full.readResource({ uri: 'workspace://list' })
    expect(JSON.parse(contentText(list)).workspaces.length).toBeGreaterThan(0)
    const ws = await full.readResource({ uri: `workspace://${workspaceId}` })
    expect(JSON.parse(contentText(ws)).workspace.id).toBe(workspaceId)
    const set = await full.readResource({ uri: `tokenset://${tokensetId}` })
    const document = JSON.parse(contentText(set))
    expect(Object.keys(document.$modes)).toEqual(['Light', 'Dark'])
    expect(document.$modes.Light.color.brand.$type).toBe('color')
    await expect(stranger.readResource({ uri: `tokenset://${tokensetId}` })).rejects.toThrow(
      /not found/,
    )
  })
})
