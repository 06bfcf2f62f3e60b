/**
 * Accounts and bearer auth: the cost of one scrypt password hash and verification (what every
 * sign-up and log-in pays), and an authenticated `GET /api/v1/workspaces` (bearer hash lookup,
 * rate-limit count, one membership query) with the counters in memory and, when REDIS_URL is
 * set, in Redis. Driven by autocannon against the real app on an in-memory PGlite.
 * Run: `npx tsx bench/auth.bench.ts` (REDIS_URL=redis://127.0.0.1:6379 for the Redis row).
 */
import { pathToFileURL } from 'node:url'
import autocannon from 'autocannon'
import { hashPassword, verifyPassword } from '../apps/server/src/auth/password.ts'
import type { RateLimits } from '../apps/server/src/auth/rate-limit/index.ts'
import { generateManualToken, sha256Hex } from '../apps/server/src/auth/secrets.ts'
import { startTestServer } from '../apps/server/test/support/server.ts'
import { loadRow, raisedRateLimits } from './support.ts'

const CONNECTIONS = 10
const SECONDS = 10
const HASHES = 8

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)] ?? 0
}

async function passwordRow() {
  const hash: number[] = []
  const verify: number[] = []
  for (let i = 0; i < HASHES; i++) {
    let start = performance.now()
    const stored = await hashPassword('correct horse battery staple')
    hash.push(performance.now() - start)
    start = performance.now()
    await verifyPassword('correct horse battery staple', stored)
    verify.push(performance.now() - start)
  }
  return {
    step: `scrypt N=2^15 r=8 p=3 (median of ${HASHES})`,
    'hash ms': median(hash).toFixed(0),
    'verify ms': median(verify).toFixed(0),
  }
}

async function workspacesRow(store: string, rateLimits: RateLimits) {
  const server = await startTestServer({ context: { rateLimits } })
  try {
    const token = generateManualToken()
    await server.prisma.user.create({
      data: {
        email: 'bench@example.com',
        passwordHash: 'unused',
        memberships: { create: { role: 'owner', workspace: { create: { name: 'Personal' } } } },
        apiTokens: {
          create: {
            kind: 'manual',
            name: 'bench',
            tokenHash: sha256Hex(token),
            hint: token.slice(-4),
            scopes: ['read:tokens'],
          },
        },
      },
    })
    const result = await autocannon({
      url: `${server.url}/api/v1/workspaces`,
      connections: CONNECTIONS,
      duration: SECONDS,
      headers: { Authorization: `Bearer ${token}` },
    })
    return { route: `GET /api/v1/workspaces, counters in ${store}`, ...loadRow(result) }
  } finally {
    await server.close()
    await rateLimits.store.close()
  }
}

export async function runAuthBench(): Promise<void> {
  console.log('\nPasswords')
  console.table([await passwordRow()])
  const rows = [await workspacesRow('memory', raisedRateLimits())]
  const redisUrl = process.env.REDIS_URL
  if (redisUrl) rows.push(await workspacesRow('Redis', raisedRateLimits(redisUrl)))
  console.log(
    `\nBearer-authenticated REST (${CONNECTIONS} connections, ${SECONDS} s, in-memory PGlite)`,
  )
  console.table(rows)
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await runAuthBench()
