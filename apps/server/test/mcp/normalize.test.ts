/**
 * The values people and models write, through the server with the MCP SDK's own client and over
 * REST: create_token with "#0066ff", "16px", "200ms"; the hosted product's mode_id + value +
 * alias_to; imports into a non-default mode; Style Dictionary documents; skip_invalid; every
 * answer listing its changes, and the JSON export valid for @terrazzo/parser.
 */
import { Client } from '@modelcontextprotocol/sdk/client/index.js'
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js'
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { userKey } from '../support/fixtures.ts'
import { startTestServer, type TestServer } from '../support/server.ts'
import { terrazzoTokens } from '../support/terrazzo.ts'

let server: TestServer
let client: Client
let key: string
let workspaceId: string

type Out = Record<string, unknown> & {
  changes: { token: string; mode?: string; kind: string; message: string }[]
}

async function call(name: string, args: Record<string, unknown>): Promise<Out> {
  const result = (await client.callTool({ name, arguments: args })) as CallToolResult
  if (result.isError) {
    throw new Error(result.content.map((c) => (c.type === 'text' ? c.text : '')).join(''))
  }
  return result.structuredContent as Out
}

async function refused(name: string, args: Record<string, unknown>): Promise<string> {
  const result = (await client.callTool({ name, arguments: args })) as CallToolResult
  expect(result.isError).toBe(true)
  return result.content.map((c) => (c.type === 'text' ? c.text : '')).join('')
}

async function tokenset(name: string, modes = ['Light', 'Dark']) {
  const out = await call('create_tokenset', { workspace_id: workspaceId, name, modes })
  return out.tokenset as { id: string; modes: { id: string; name: string }[] }
}

async function exportFile(tokensetId: string, format: string, mode?: string): Promise<string> {
  const out = await call('export_tokenset', {
    tokenset_id: tokensetId,
    format,
    ...(mode ? { mode } : {}),
  })
  return (out.files as { content: string }[])[0]?.content ?? ''
}

beforeAll(async () => {
  server = await startTestServer()
  key = (await userKey(server.prisma, 'agent@example.com')).key
  client = new Client({ name: 'normalize-test', version: '1.0.0' })
  await client.connect(
    new StreamableHTTPClientTransport(new URL(`${server.url}/api/mcp`), {
      requestInit: { headers: { Authorization: `Bearer ${key}` } },
    }),
  )
  await client.listTools()
  workspaceId = ((await call('create_workspace', { name: 'Agents' })).workspace as { id: string })
    .id
})
afterAll(async () => {
  await client?.close()
  await server?.close()
})

describe('create_token over MCP', () => {
  it('stores "#0066ff", "16px" and "200ms" as DTCG values and says what it changed', async () => {
    const set = await tokenset('Written forms')
    const color = await call('create_token', {
      tokenset_id: set.id,
      name: 'color.brand',
      type: 'color',
      values: { Light: '#0066ff' },
    })
    expect((color.token as { values: unknown }).values).toEqual({
      Light: { colorSpace: 'srgb', components: [0, 0.4, 1], hex: '#0066ff' },
    })
    expect(color.changes).toEqual([
      {
        token: 'color.brand',
        mode: 'Light',
        kind: 'normalized',
        message: '"#0066ff" → srgb color',
      },
    ])
    const space = await call('create_token', {
      tokenset_id: set.id,
      name: 'space.md',
      values: { Light: '16px' },
    })
    expect(space.token).toMatchObject({
      type: 'dimension',
      values: { Light: { value: 16, unit: 'px' } },
    })
    expect(space.changes.map((c) => c.kind)).toEqual(['inferred', 'normalized'])
    const fast = await call('create_token', {
      tokenset_id: set.id,
      name: 'motion.fast',
      type: 'duration',
      values: { Light: '200ms', Dark: '0.2s' },
    })
    expect(fast.token).toMatchObject({
      values: { Light: { value: 200, unit: 'ms' }, Dark: { value: 0.2, unit: 's' } },
    })
    const css = await exportFile(set.id, 'css', 'Light')
    expect(css).toContain('--color-brand: #0066ff;')
    expect(css).toContain('--space-md: 16px;')
    expect(css).toContain('--motion-fast: 200ms;')
    const tokens = await terrazzoTokens(await exportFile(set.id, 'json', 'Light'))
    expect(Object.keys(tokens).sort()).toEqual(['color.brand', 'motion.fast', 'space.md'])
  })

  it("takes the hosted product's mode_id + value and alias_to, and refuses mixing the forms", async () => {
    const set = await tokenset('Hosted arguments')
    const dark = set.modes.find((m) => m.name === 'Dark') as { id: string }
    const base = await call('create_token', {
      tokenset_id: set.id,
      name: 'gray.900',
      value: 'hsl(0 0% 10%)',
    })
    expect(base.token).toMatchObject({ type: 'color', values: { Light: { colorSpace: 'hsl' } } })
    const alias = await call('create_token', {
      tokenset_id: set.id,
      name: 'text.default',
      mode_id: dark.id,
      alias_to: 'gray.900',
    })
    expect(alias.token).toMatchObject({
      type: 'color',
      values: { Light: '{gray.900}', Dark: '{gray.900}' },
    })
    expect(alias.changes.map((c) => c.kind)).toEqual(['inferred', 'filled'])
    const updated = await call('update_token', {
      tokenset_id: set.id,
      name: 'gray.900',
      mode_id: dark.id,
      value: 'oklch(90% 0 0)',
    })
    expect((updated.token as { values: Record<string, unknown> }).values.Dark).toEqual({
      colorSpace: 'oklch',
      components: [0.9, 0, 0],
    })
    expect(
      await refused('create_token', {
        tokenset_id: set.id,
        name: 'x',
        values: { Light: 1 },
        value: 2,
      }),
    ).toContain('not both')
    expect(
      await refused('create_token', { tokenset_id: set.id, name: 'x', mode_id: 'nope', value: 1 }),
    ).toContain('is not a mode of this tokenset')
    expect(
      await refused('create_token', {
        tokenset_id: set.id,
        name: 'x',
        type: 'dimension',
        value: '2em',
      }),
    ).toContain('em is relative to the font size')
  })
})

describe('import_tokens over MCP', () => {
  it('imports light.json then dark.json: new tokens of the non-default mode fill the default', async () => {
    const set = await tokenset('Light then dark')
    const light = await call('import_tokens', {
      tokenset_id: set.id,
      mode: 'Light',
      document: { bg: { $type: 'color', $value: '#ffffff' } },
    })
    expect(light.created).toEqual(['bg'])
    const dark = await call('import_tokens', {
      tokenset_id: set.id,
      mode: 'Dark',
      document: {
        bg: { $type: 'color', $value: '#000000' },
        glow: { $type: 'color', $value: '#ff00ff' },
      },
    })
    expect(dark).toMatchObject({ created: ['glow'], updated: ['bg'] })
    expect(dark.changes).toContainEqual({
      token: 'glow',
      mode: 'Light',
      kind: 'filled',
      message: expect.stringContaining('takes the value given in "Dark"'),
    })
    const css = await exportFile(set.id, 'css')
    expect(css).toMatch(/:root \{[^}]*--glow: #ff00ff;/)
    expect(css).toMatch(/\[data-theme="Dark"\] \{[^}]*--bg: #000000;[^}]*--glow: #ff00ff;/)
  })

  it('reads a Style Dictionary document, keeps unknown members, and skips only on request', async () => {
    const set = await tokenset('Style Dictionary')
    const document = {
      color: {
        red: { value: '#ff0000', comment: 'Red', attributes: { category: 'color' } },
        danger: { value: '{color.red.value}' },
      },
      size: { gutter: { value: '2em' } },
    }
    const refusal = await refused('import_tokens', { tokenset_id: set.id, mode: 'Light', document })
    expect(refusal).toContain('size.gutter')
    expect(refusal).toContain('skip_invalid')
    const out = await call('import_tokens', {
      tokenset_id: set.id,
      mode: 'Light',
      document,
      skip_invalid: true,
    })
    expect(out).toMatchObject({
      format: 'style-dictionary',
      created: ['color.red', 'color.danger'],
    })
    expect(out.changes).toContainEqual(
      expect.objectContaining({ token: 'size.gutter', kind: 'skipped' }),
    )
    expect(out.changes).toContainEqual(
      expect.objectContaining({ token: 'color.red', kind: 'kept' }),
    )
    const json = await exportFile(set.id, 'json', 'Light')
    expect(JSON.parse(json).color.red).toMatchObject({
      $type: 'color',
      $description: 'Red',
      $extensions: { 'dev.tokencraft.members': { attributes: { category: 'color' } } },
    })
    await terrazzoTokens(json)
  })
})

describe('REST', () => {
  async function api(method: string, path: string, body?: unknown) {
    const response = await fetch(`${server.url}/api/v1${path}`, {
      method,
      headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    })
    return { status: response.status, json: await response.json() }
  }

  it("normalizes a mode's token value and a document, and lists the changes in the body", async () => {
    const set = await tokenset('REST forms')
    const light = set.modes[0] as { id: string }
    const created = await api('POST', `/tokensets/${set.id}/modes/${light.id}/tokens`, {
      name: 'radius.sm',
      value: '4px',
    })
    expect(created.status).toBe(201)
    expect(created.json).toMatchObject({
      type: 'dimension',
      values: { Light: { value: 4, unit: 'px' } },
      changes: [{ kind: 'inferred' }, { kind: 'normalized' }],
    })
    const put = await api(
      'PUT',
      `/tokensets/${set.id}/modes/${light.id}/document?skip_invalid=true`,
      {
        font: { body: { value: 'Inter, sans-serif', type: 'fontFamilies' } },
        bad: { value: '1vw' },
      },
    )
    expect(put.status).toBe(200)
    expect(put.json.created).toEqual(['font.body'])
    expect(put.json.changes).toContainEqual(
      expect.objectContaining({ token: 'bad', kind: 'skipped' }),
    )
    const refused = await api('PUT', `/tokensets/${set.id}/modes/${light.id}/document`, {
      bad: { value: '1vw' },
    })
    expect(refused.status).toBe(422)
    expect(refused.json.error).toContain('viewport')
  })
})
