/**
 * Refresh tokens and Client ID Metadata Documents:
 * - the token endpoint's `refresh_token` grant (lookup, rotation with a sealed replacement, a new
 *   access and refresh token in one transaction), one family per request, by autocannon;
 * - resolving a document client_id at the authorization endpoint: fetched over https on loopback
 *   (TLS handshake, checks, upsert of the client row) and served from the per-process cache.
 * Both against the real app on an in-memory PGlite. Run: `npx tsx bench/oauth-refresh.bench.ts`.
 */
import { pathToFileURL } from 'node:url'
import { createClientMetadataResolver } from '../apps/server/src/oauth/client-metadata/resolve-client.ts'
import { issueRefreshToken } from '../apps/server/src/oauth/refresh/family.ts'
import { startDocumentHost } from '../apps/server/test/oauth-cimd/support/document-host.ts'
import { startTestServer, type TestServer } from '../apps/server/test/support/server.ts'
import { loadRow, postEachFormOnce, raisedRateLimits } from './support.ts'

const CONNECTIONS = 10
const FAMILIES = 2000
const RESOLVES = 200

async function seedFamilies(server: TestServer): Promise<{ clientId: string; tokens: string[] }> {
  const prisma = server.prisma
  const user = await prisma.user.create({ data: { email: 'bench@example.com', passwordHash: 'x' } })
  const clientId = 'bench-refresh-client'
  await prisma.oAuthClient.create({
    data: {
      id: clientId,
      name: 'Bench',
      redirectUris: ['http://127.0.0.1/callback'],
      grantTypes: ['authorization_code', 'refresh_token'],
      tokenEndpointAuthMethod: 'none',
      metadata: {},
    },
  })
  const tokens: string[] = []
  const now = new Date()
  for (let i = 0; i < FAMILIES; i++) {
    const grant = await prisma.oAuthGrant.create({
      data: { userId: user.id, clientId, scopes: ['read:tokens'] },
      select: { id: true },
    })
    tokens.push((await issueRefreshToken(prisma, grant.id, now)).token)
  }
  return { clientId, tokens }
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0
}

async function timeEach(times: number, task: () => Promise<unknown>) {
  const ms: number[] = []
  for (let i = 0; i < times; i++) {
    const start = performance.now()
    await task()
    ms.push(performance.now() - start)
  }
  ms.sort((a, b) => a - b)
  return {
    'per s': (1000 / (ms.reduce((a, b) => a + b, 0) / ms.length)).toFixed(0),
    'p50 ms': percentile(ms, 50).toFixed(2),
    'p99 ms': percentile(ms, 99).toFixed(2),
  }
}

export async function runRefreshBench(): Promise<void> {
  const rateLimits = raisedRateLimits()
  const server = await startTestServer({ context: { rateLimits } })
  const host = await startDocumentHost()
  try {
    const { clientId, tokens } = await seedFamilies(server)
    const rotation = await postEachFormOnce(
      `${server.url}/api/oauth/mcp/token`,
      tokens.map((token) =>
        new URLSearchParams({
          grant_type: 'refresh_token',
          client_id: clientId,
          refresh_token: token,
        }).toString(),
      ),
      CONNECTIONS,
    )
    console.log(`\nrefresh_token grant (${CONNECTIONS} connections, in-memory PGlite, one process)`)
    console.table([
      { endpoint: `POST /api/oauth/mcp/token (rotation × ${tokens.length})`, ...loadRow(rotation) },
    ])

    const documentFor = (path: string) => ({
      client_id: host.origin + path,
      client_name: 'Bench Agent',
      redirect_uris: ['http://127.0.0.1/callback'],
      grant_types: ['authorization_code', 'refresh_token'],
    })
    host.json('/fetched.json', documentFor('/fetched.json'))
    host.json('/cached.json', documentFor('/cached.json'), { 'cache-control': 'max-age=3600' })
    const resolver = createClientMetadataResolver({
      prisma: server.prisma,
      clock: () => new Date(),
      rateLimits, // raised: the per-host fetch limit would stop the fetched case at 30
      testOnly: { allowPrivateAddresses: true, extraCaPem: host.caPem },
    })
    console.log(`\nClient ID Metadata Document resolution (sequential, ${RESOLVES} each)`)
    console.table([
      {
        case: 'fetched over https (no caching headers) + client upsert',
        ...(await timeEach(RESOLVES, () => resolver.resolve(`${host.origin}/fetched.json`))),
      },
      {
        case: 'served from the cache (max-age) + client upsert',
        ...(await timeEach(RESOLVES, () => resolver.resolve(`${host.origin}/cached.json`))),
      },
    ])
  } finally {
    await host.close()
    await server.close()
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await runRefreshBench()
