import { randomBytes, randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createRateLimits, type RateLimits } from '../../src/auth/rate-limit/index.ts'
import { sha256Hex } from '../../src/auth/secrets.ts'
import { startTestServer, type TestServer } from '../support/server.ts'

const redisUrl = process.env.TEST_REDIS_URL

/** Two server processes' worth of apps, each with its own database and Redis connection. */
describe.skipIf(!redisUrl)('rate limit across processes (Redis, TEST_REDIS_URL)', () => {
  const servers: TestServer[] = []
  const limits: RateLimits[] = []
  const token = `tkc_${randomBytes(32).toString('hex')}`

  beforeAll(async () => {
    // the same user and token (same ids) in both databases, as one shared PostgreSQL would hold
    const userId = randomUUID()
    const tokenId = randomUUID()
    for (let i = 0; i < 2; i++) {
      const rateLimits = createRateLimits(redisUrl)
      const server = await startTestServer({ context: { rateLimits } })
      await server.prisma.user.create({
        data: {
          id: userId,
          email: 'shared@example.com',
          passwordHash: 'unused',
          apiTokens: {
            create: {
              id: tokenId,
              kind: 'manual',
              name: 'CI',
              tokenHash: sha256Hex(token),
              hint: token.slice(-4),
              scopes: ['read:tokens'],
            },
          },
        },
      })
      limits.push(rateLimits)
      servers.push(server)
    }
  })
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.close()))
    await Promise.all(limits.map((l) => l.store.close()))
  })

  it('shares one budget of 100 a minute between two app instances', async () => {
    const call = (server: TestServer) =>
      fetch(`${server.url}/api/v1/workspaces`, { headers: { authorization: `Bearer ${token}` } })
    const [a, b] = servers as [TestServer, TestServer]
    for (let i = 0; i < 60; i++) expect((await call(a)).status).toBe(200)
    for (let i = 0; i < 40; i++) expect((await call(b)).status).toBe(200)
    const refusedByA = await call(a)
    const refusedByB = await call(b)
    expect([refusedByA.status, refusedByB.status]).toEqual([429, 429])
    expect(Number(refusedByB.headers.get('retry-after'))).toBeGreaterThan(0)
  })
})
