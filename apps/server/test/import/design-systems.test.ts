/**
 * Real design systems through the server as an MCP client imports them: GitHub's Primer (DTCG
 * with members DTCG does not define), Pinterest's Gestalt (Style Dictionary's value format,
 * untyped) and the NL Design System's example theme (Tokens Studio, 108 token sets). Each
 * imports at least 95% of its tokens and names every other one; the exported values equal what
 * each design system's own build publishes in its package, for every token both have; every
 * mode's JSON export is a DTCG document @terrazzo/parser reads.
 */
import { Client } from '@modelcontextprotocol/sdk/client/index.js'
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js'
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  comparable,
  cssDeclarations,
  type DesignSystem,
  designSystems,
} from '../../../../packages/tokens/test/support/design-systems.ts'
import { userKey } from '../support/fixtures.ts'
import { startTestServer, type TestServer } from '../support/server.ts'
import { terrazzoTokens } from '../support/terrazzo.ts'

let server: TestServer
let client: Client
let workspaceId: string

type Change = { token: string; mode?: string; kind: string; message: string }

async function call(name: string, args: Record<string, unknown>) {
  const result = (await client.callTool({ name, arguments: args })) as CallToolResult
  if (result.isError) {
    throw new Error(result.content.map((c) => (c.type === 'text' ? c.text : '')).join(''))
  }
  return result.structuredContent as Record<string, unknown>
}

beforeAll(async () => {
  server = await startTestServer()
  const { key } = await userKey(server.prisma, 'designer@example.com')
  client = new Client({ name: 'design-systems-test', version: '1.0.0' })
  await client.connect(
    new StreamableHTTPClientTransport(new URL(`${server.url}/api/mcp`), {
      requestInit: { headers: { Authorization: `Bearer ${key}` } },
    }),
  )
  workspaceId = (
    (await call('create_workspace', { name: 'Design systems' })).workspace as {
      id: string
    }
  ).id
})
afterAll(async () => {
  await client?.close()
  await server?.close()
})

/** The color of an export with another alpha (for a member the design system's build applies). */
function withAlpha(css: string, alpha: number): string {
  const [r, g, b] = comparable(css).match(/\d+/g) ?? []
  return `rgba(${r}, ${g}, ${b}, ${alpha})`
}

async function importAll(system: DesignSystem) {
  const created = await call('create_tokenset', {
    workspace_id: workspaceId,
    name: system.name,
    modes: system.modes,
  })
  const tokensetId = (created.tokenset as { id: string }).id
  let imported = 0
  const skipped: Change[] = []
  for (const step of system.steps) {
    const out = await call('import_tokens', {
      tokenset_id: tokensetId,
      mode: step.mode,
      document: step.document,
      ...(step.format ? { format: step.format } : {}),
      ...(step.token_sets ? { token_sets: step.token_sets } : {}),
      skip_invalid: true,
    })
    imported += (out.created as string[]).length + (out.updated as string[]).length
    skipped.push(...(out.changes as Change[]).filter((c) => c.kind === 'skipped'))
  }
  return { tokensetId, imported, skipped }
}

describe.each(designSystems().map((s) => [s.name, s] as const))('%s', (_, system) => {
  let result: Awaited<ReturnType<typeof importAll>>

  beforeAll(async () => {
    result = await importAll(system)
  }, 120_000)

  it('imports at least 95% of its tokens and names every one it did not import', () => {
    const { imported, skipped } = result
    console.info(
      `${system.name}: ${imported} of ${system.sourceTokens} token values imported (${((100 * imported) / system.sourceTokens).toFixed(1)}%), ${skipped.length} named as skipped`,
    )
    expect(imported + skipped.length).toBe(system.sourceTokens)
    expect(imported / system.sourceTokens).toBeGreaterThanOrEqual(0.95)
    for (const change of skipped) {
      expect(change.token).not.toBe('')
      expect(change.message.length).toBeGreaterThan(10)
    }
  })

  it('exports the values its own build publishes, for every token both have', async () => {
    let compared = 0
    for (const mode of system.modes) {
      const files = await call('export_tokenset', {
        tokenset_id: result.tokensetId,
        format: 'css',
        mode,
      })
      const ours = cssDeclarations((files.files as { content: string }[])[0]?.content ?? '')
      const json = await call('export_tokenset', {
        tokenset_id: result.tokensetId,
        format: 'json',
        mode,
      })
      const document = (json.files as { content: string }[])[0]?.content ?? '{}'
      // Members DTCG does not define are kept; Primer's build applies its `alpha` member.
      const keptAlpha = new Map<string, number>()
      const walk = (node: Record<string, unknown>, path: string[]) => {
        if ('$value' in node) {
          const kept = (node.$extensions as Record<string, { alpha?: number }> | undefined)?.[
            'dev.tokencraft.members'
          ]
          if (typeof kept?.alpha === 'number') keptAlpha.set(`--${path.join('-')}`, kept.alpha)
          return
        }
        for (const [key, child] of Object.entries(node)) {
          if (!key.startsWith('$')) walk(child as Record<string, unknown>, [...path, key])
        }
      }
      walk(JSON.parse(document), [])
      const mismatches: string[] = []
      for (const [name, value] of ours) {
        const theirs = system.published[mode]?.get(name)
        if (theirs === undefined) continue
        compared++
        const alpha = keptAlpha.get(name)
        const mine = alpha === undefined ? comparable(value) : withAlpha(value, alpha)
        if (mine !== comparable(theirs)) mismatches.push(`${mode} ${name}: ${value} ≠ ${theirs}`)
      }
      expect(mismatches).toEqual([])
      const read = await terrazzoTokens(document)
      expect(Object.keys(read).length).toBe(ours.size)
    }
    console.info(`${system.name}: ${compared} exported values equal the published build's`)
    expect(compared).toBeGreaterThan(0.9 * result.imported)
  })
})
