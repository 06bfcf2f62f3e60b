/**
 * The MCP and REST request paths under load: an authenticated `tools/call list_tokens` (100
 * tokens) on /api/mcp, and the REST export of one mode of a 1,000-token set as CSS, each at 1,
 * 10 and 50 concurrent clients (autocannon in a worker thread), beside a bare Koa route
 * answering the same bytes from memory in the same run. The ratio says what auth, rate limit,
 * MCP dispatch, database and exporter cost on top of plain HTTP. It runs on the embedded PGlite,
 * also on a fresh PostgreSQL database when TEST_DATABASE_URL is set (and again with the
 * rate-limit counters in Redis when REDIS_URL is set too), and compares the best tools/call
 * rate of each with the ARCHITECTURE target.
 * Run: `npx tsx bench/mcp.bench.ts` (or `npm run bench -- mcp`). BENCH_SECONDS sets each run's
 * length (default 5).
 */
import { pathToFileURL } from 'node:url'
import { importTokens } from '../apps/server/src/domain/import.ts'
import { createTokenset } from '../apps/server/src/domain/tokensets.ts'
import { createWorkspace } from '../apps/server/src/domain/workspaces.ts'
import { userKey } from '../apps/server/test/support/fixtures.ts'
import { createPostgresDatabase } from '../apps/server/test/support/postgres.ts'
import { startTestServer, type TestServer } from '../apps/server/test/support/server.ts'
import { bareKoa, type LoadTarget, loadInWorker, loadRow, raisedRateLimits } from './support.ts'

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5)
const CLIENTS = [1, 10, 50]
/** ARCHITECTURE, request paths: an authenticated, database-backed tools/call. */
const TARGET_RPS = 2000

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

const MISS_RUNS = 200

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] ?? 0
}

/**
 * One client, requests one at a time: each timed alone, after bumping the tokenset's revision
 * (as a committed write does: the per-process caches miss and the page or file is built from
 * the database) or without (served from the caches). The load runs above are all hits.
 */
async function missAndHit(server: TestServer, tokensetId: string, send: () => Promise<Response>) {
  const timed = async (bump: boolean) => {
    const ms: number[] = []
    for (let i = 0; i < MISS_RUNS; i++) {
      if (bump) {
        await server.prisma
          .$executeRaw`UPDATE tokensets SET revision = revision + 1 WHERE id = ${tokensetId}`
      }
      const start = performance.now()
      const response = await send()
      await response.arrayBuffer()
      if (response.status !== 200) throw new Error(`answered ${response.status}`)
      ms.push(performance.now() - start)
    }
    return ms.sort((a, b) => a - b)
  }
  const miss = await timed(true)
  const hit = await timed(false)
  return {
    'miss p50 ms': percentile(miss, 50).toFixed(2),
    'miss p99 ms': percentile(miss, 99).toFixed(2),
    'hit p50 ms': percentile(hit, 50).toFixed(2),
    'hit p99 ms': percentile(hit, 99).toFixed(2),
  }
}

async function benchDatabase(
  label: string,
  databaseUrl: string | undefined,
  redisUrl?: string,
): Promise<number> {
  const rateLimits = raisedRateLimits(redisUrl)
  const server = await startTestServer({
    context: { rateLimits },
    ...(databaseUrl ? { databaseUrl } : {}),
  })
  const bares: { close: () => Promise<unknown> }[] = []
  try {
    const { caller, key: token } = await userKey(server.prisma, 'bench@example.com')
    const workspace = await createWorkspace(server.prisma, caller, { name: 'Bench' })
    const tokensetOf = async (name: string, count: number) => {
      const set = await createTokenset(server.prisma, caller, { workspace_id: workspace.id, name })
      await importTokens(server.prisma, caller, {
        tokenset_id: set.id,
        mode: 'Base',
        document: document(count),
      })
      return set
    }
    const small = await tokensetOf('Hundred', 100)
    const large = await tokensetOf('Thousand', 1000)
    const largeMode = large.modes[0]?.id as string

    const auth = { Authorization: `Bearer ${token}` }
    const mcp: LoadTarget = {
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
    const exportTarget: LoadTarget = {
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
    let best = 0
    const scenarios = [
      { name: 'tools/call list_tokens (100 tokens)', target: mcp, bare: bareMcp.url },
      { name: 'REST export css (1,000 tokens)', target: exportTarget, bare: bareCss.url },
    ]
    for (const scenario of scenarios) {
      for (const clients of CLIENTS) {
        const real = await loadInWorker(scenario.target, clients, SECONDS)
        const floor = await loadInWorker({ url: scenario.bare }, clients, SECONDS)
        if (scenario.target === mcp) best = Math.max(best, real.requests.average)
        const bare = loadRow(floor)
        rows.push({
          request: scenario.name,
          clients,
          ...loadRow(real),
          'bare Koa req/s': bare['req/s'],
          'bare p50 ms': bare['p50 ms'],
          'bare p99 ms': bare['p99 ms'],
          'bare / real': (floor.requests.average / Math.max(real.requests.average, 1)).toFixed(1),
        })
      }
    }
    console.log(
      `\nMCP and REST under load on ${label} (${SECONDS} s per run; bare Koa = same bytes from memory)`,
    )
    console.table(rows)
    console.log(
      `\nAfter a write (cache miss) and unchanged (cache hit) on ${label}: 1 client, ${MISS_RUNS} requests each`,
    )
    console.table([
      {
        request: 'tools/call list_tokens (100 tokens)',
        ...(await missAndHit(server, small.id, () =>
          fetch(mcp.url, { method: 'POST', headers: mcp.headers, body: mcp.body }),
        )),
      },
      {
        request: 'REST export css (1,000 tokens)',
        ...(await missAndHit(server, large.id, () =>
          fetch(exportTarget.url, { headers: exportTarget.headers }),
        )),
      },
    ])
    return best
  } finally {
    await Promise.all(bares.map((b) => b.close()))
    await server.close()
    await rateLimits.store.close()
  }
}

export async function runMcpBench(): Promise<void> {
  const runs: [label: string, databaseUrl: string | undefined, redisUrl?: string][] = [
    ['embedded PGlite', undefined],
  ]
  const postgres = process.env.TEST_DATABASE_URL ? await createPostgresDatabase() : undefined
  if (postgres) runs.push(['PostgreSQL', postgres.url])
  // several processes share their rate-limit counters through Redis (SPEC §4)
  const redisUrl = process.env.REDIS_URL
  if (postgres && redisUrl) runs.push(['PostgreSQL, counters in Redis', postgres.url, redisUrl])
  const results = []
  try {
    for (const [label, databaseUrl, redis] of runs) {
      results.push({ label, rps: await benchDatabase(label, databaseUrl, redis) })
    }
  } finally {
    await postgres?.drop()
  }
  console.log(`\nTarget (ARCHITECTURE): authenticated tools/call at ${TARGET_RPS} req/s or more`)
  console.table(
    results.map(({ label, rps }) => ({
      database: label,
      'best tools/call req/s': rps.toFixed(0),
      target: TARGET_RPS,
      met: rps >= TARGET_RPS ? 'yes' : 'no',
    })),
  )
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await runMcpBench()
