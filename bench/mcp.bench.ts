/**
 * The MCP and REST request paths under load: an authenticated `tools/call list_tokens` (100
 * tokens) on /api/mcp, and the REST export of one mode of a 1,000-token set as CSS, each at 1,
 * 10 and 50 concurrent clients (autocannon), beside a bare Koa route answering the same bytes
 * from memory in the same run. The ratio says what auth, rate limit, MCP dispatch, database
 * and exporter cost on top of plain HTTP.
 * Run: `npx tsx bench/mcp.bench.ts`; with TEST_DATABASE_URL (PostgreSQL) it runs on a fresh
 * PostgreSQL database instead of the embedded PGlite. BENCH_SECONDS sets each run's length.
 */
import type { AddressInfo } from 'node:net'
import { pathToFileURL } from 'node:url'
import autocannon from 'autocannon'
import Koa from 'koa'
import { createManualToken } from '../apps/server/src/auth/api-tokens.ts'
import { createRateLimits, DEFAULT_POLICIES } from '../apps/server/src/auth/rate-limit/index.ts'
import type { Caller } from '../apps/server/src/domain/caller.ts'
import { importTokens } from '../apps/server/src/domain/import.ts'
import { createTokenset } from '../apps/server/src/domain/tokensets.ts'
import { createWorkspace } from '../apps/server/src/domain/workspaces.ts'
import { createPostgresDatabase } from '../apps/server/test/support/postgres.ts'
import { startTestServer } from '../apps/server/test/support/server.ts'

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5)
const CLIENTS = [1, 10, 50]

/** A DTCG document of `count` tokens: colours, dimensions and aliases to the colours. */
function document(count: number) {
  const colors: Record<string, unknown> = {}
  const spacing: Record<string, unknown> = {}
  const semantic: Record<string, unknown> = {}
  for (let i = 0; i < count; i++) {
    const kind = i % 4
    if (kind < 2) {
      colors[`c${i}`] = {
        $type: 'color',
        $value: { colorSpace: 'srgb', components: [(i % 7) / 7, (i % 11) / 11, (i % 13) / 13] },
        $description: `colour ${i}`,
      }
    } else if (kind === 2) {
      spacing[`s${i}`] = { $type: 'dimension', $value: { value: i % 64, unit: 'px' } }
    } else {
      semantic[`a${i}`] = { $type: 'color', $value: `{colors.c${i - 3}}` }
    }
  }
  return { colors, spacing, semantic }
}

type Target = {
  url: string
  method?: 'GET' | 'POST'
  body?: string
  headers: Record<string, string>
}

async function load(target: Target, connections: number) {
  const result = await autocannon({
    url: target.url,
    method: target.method ?? 'GET',
    connections,
    duration: SECONDS,
    headers: target.headers,
    ...(target.body ? { body: target.body } : {}),
  })
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.non2xx,
  }
}

/** A bare Koa app answering `body` with `type` on every request: the floor of the stack. */
async function bareKoa(body: string, type: string) {
  const app = new Koa()
  app.use((ctx) => {
    ctx.type = type
    ctx.body = body
  })
  const server = app.listen(0, '127.0.0.1')
  await new Promise((resolve) => server.once('listening', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () => new Promise((resolve) => server.close(resolve)),
  }
}

export async function runMcpBench(): Promise<void> {
  const postgres = process.env.TEST_DATABASE_URL ? await createPostgresDatabase() : undefined
  const rateLimits = createRateLimits(undefined, {
    ...DEFAULT_POLICIES,
    // raised above what the load reaches: the count still happens on every request
    token: { ...DEFAULT_POLICIES.token, limit: 1_000_000_000 },
  })
  const server = await startTestServer({
    context: { rateLimits },
    ...(postgres ? { databaseUrl: postgres.url } : {}),
  })
  const bares: { close: () => Promise<unknown> }[] = []
  try {
    const user = await server.prisma.user.create({
      data: { email: 'bench@example.com', passwordHash: 'unused' },
    })
    const caller: Caller = {
      userId: user.id,
      scopes: ['read:tokens', 'write:tokens', 'export:tokens'],
    }
    const token = await createManualToken(server.prisma, {
      userId: user.id,
      name: 'bench',
      scopes: ['read:tokens', 'write:tokens', 'export:tokens'],
      expiresAt: null,
      now: new Date(),
    })
    const workspace = await createWorkspace(server.prisma, caller, { name: 'Bench' })
    const small = await createTokenset(server.prisma, caller, {
      workspace_id: workspace.id,
      name: 'Hundred',
    })
    await importTokens(server.prisma, caller, {
      tokenset_id: small.id,
      mode: 'Base',
      document: document(100),
    })
    const large = await createTokenset(server.prisma, caller, {
      workspace_id: workspace.id,
      name: 'Thousand',
    })
    await importTokens(server.prisma, caller, {
      tokenset_id: large.id,
      mode: 'Base',
      document: document(1000),
    })
    const largeMode = large.modes[0]?.id as string

    const auth = { Authorization: `Bearer ${token}` }
    const mcp: Target = {
      url: `${server.url}/api/mcp`,
      method: 'POST',
      headers: {
        ...auth,
        'Content-Type': 'application/json',
        Accept: 'application/json, text/event-stream',
        'MCP-Protocol-Version': '2025-06-18',
      },
      body: JSON.stringify({
        jsonrpc: '2.0',
        id: 1,
        method: 'tools/call',
        params: { name: 'list_tokens', arguments: { tokenset_id: small.id, limit: 100 } },
      }),
    }
    const exportTarget: Target = {
      url: `${server.url}/api/v1/tokensets/${large.id}/modes/${largeMode}/export?format=css`,
      headers: auth,
    }

    // what each answers, checked once, then served from memory by the bare route
    const mcpAnswer = await fetch(mcp.url, { method: 'POST', headers: mcp.headers, body: mcp.body })
    const mcpBody = await mcpAnswer.text()
    const listed = JSON.parse(mcpBody).result?.structuredContent?.tokens?.length
    if (mcpAnswer.status !== 200 || listed !== 100) {
      throw new Error(`list_tokens answered ${mcpAnswer.status}: ${mcpBody.slice(0, 300)}`)
    }
    const exportAnswer = await fetch(exportTarget.url, { headers: exportTarget.headers })
    const css = await exportAnswer.text()
    if (exportAnswer.status !== 200 || (css.match(/^\s+--/gm)?.length ?? 0) !== 1000) {
      throw new Error(`export answered ${exportAnswer.status}: ${css.slice(0, 300)}`)
    }

    const bareMcp = await bareKoa(mcpBody, 'application/json')
    const bareCss = await bareKoa(css, 'text/css; charset=utf-8')
    bares.push(bareMcp, bareCss)

    const rows = []
    const scenarios = [
      { name: 'tools/call list_tokens (100 tokens)', target: mcp, bare: bareMcp.url },
      { name: 'REST export css (1,000 tokens)', target: exportTarget, bare: bareCss.url },
    ]
    for (const scenario of scenarios) {
      for (const clients of CLIENTS) {
        const real = await load(scenario.target, clients)
        const floor = await load({ url: scenario.bare, headers: {} }, clients)
        rows.push({
          request: scenario.name,
          clients,
          'req/s': real.rps.toFixed(0),
          'p50 ms': real.p50,
          'p99 ms': real.p99,
          errors: real.errors,
          'bare Koa req/s': floor.rps.toFixed(0),
          'bare p50 ms': floor.p50,
          'bare p99 ms': floor.p99,
          'bare / real': (floor.rps / Math.max(real.rps, 1)).toFixed(1),
        })
      }
    }
    console.log(
      `\nMCP and REST under load (${SECONDS} s per run, ${postgres ? 'PostgreSQL' : 'embedded PGlite'}; bare Koa = same bytes from memory)`,
    )
    console.table(rows)
  } finally {
    await Promise.all(bares.map((b) => b.close()))
    await server.close()
    await rateLimits.store.close()
    await postgres?.drop()
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await runMcpBench()
