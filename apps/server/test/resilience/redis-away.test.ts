/**
 * Redis holding the rate-limit counters goes away (a proxy of the test's own between the server
 * process and Redis is cut or held): every request is still answered, as fast as before, counted
 * in the process's memory meanwhile; the log says so once; the counters go back to Redis when it
 * answers again.
 */
import { Redis } from 'ioredis'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { RedisRateLimitStore } from '../../src/auth/rate-limit/redis-store.ts'
import { type Database, openDatabase } from '../../src/db/database.ts'
import { userKey } from '../support/fixtures.ts'
import {
  createPostgresDatabase,
  type PostgresDatabase,
  TEST_DATABASE_URL,
} from '../support/postgres.ts'
import { freePort, type ServerProcess, spawnServer } from '../support/server-process.ts'
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy.ts'

const TEST_REDIS_URL = process.env.TEST_REDIS_URL || undefined
const AWAY = 'Redis is unreachable: counting rate limits in this process until it answers again'
const BACK = 'Redis answers again: rate limits are counted there again'

const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1] ?? NaN

describe.skipIf(!TEST_DATABASE_URL || !TEST_REDIS_URL)(
  `Redis away${TEST_DATABASE_URL && TEST_REDIS_URL ? '' : ' [skipped: TEST_DATABASE_URL and TEST_REDIS_URL are needed]'}`,
  { timeout: 180_000 },
  () => {
    let database: PostgresDatabase
    let db: Database
    let proxy: TcpProxy
    let server: ServerProcess
    let redis: Redis
    let base: string
    let key: string
    let counterKey: string

    beforeAll(async () => {
      database = await createPostgresDatabase()
      proxy = await startTcpProxy(TEST_REDIS_URL as string)
      const port = await freePort()
      server = spawnServer({
        PORT: String(port),
        DATABASE_URL: database.url,
        REDIS_URL: proxy.url(TEST_REDIS_URL as string),
      })
      await server.ready
      base = `http://127.0.0.1:${port}`
      db = await openDatabase({ databaseUrl: database.url })
      key = (await userKey(db.prisma, 'ops@example.com')).key
      const token = await db.prisma.apiToken.findFirstOrThrow()
      counterKey = `tokencraft:ratelimit:per-token:${token.id}`
      redis = new Redis(TEST_REDIS_URL as string)
    })
    afterAll(async () => {
      server?.child.kill('SIGTERM')
      await server?.exited
      await redis?.quit()
      await db?.close()
      await proxy?.close()
      await database?.drop()
    })

    async function call() {
      const started = performance.now()
      const response = await fetch(`${base}/api/v1/workspaces`, {
        headers: { authorization: `Bearer ${key}` },
      })
      await response.arrayBuffer()
      return { status: response.status, ms: performance.now() - started }
    }
    async function calls(n: number) {
      const results = []
      for (let i = 0; i < n; i++) results.push(await call())
      return results
    }
    const logged = (msg: string) =>
      server
        .stdout()
        .split('\n')
        .filter((line) => line.includes(`"msg":"${msg}"`)).length
    const counted = () => redis.zcard(counterKey)

    it.each([
      ['cut', 1],
      ['held', 2],
    ] as const)(
      '%s: every request is answered as fast, counted in memory meanwhile, in Redis again after',
      async (fault, outages) => {
        // counted in Redis
        const before = await counted()
        const normal = await calls(20)
        expect(normal.map((r) => r.status)).toEqual(normal.map(() => 200))
        expect(await counted()).toBe(before + 20)

        if (fault === 'cut') proxy.cut()
        else proxy.hold()
        const away = await calls(20)
        expect(away.map((r) => r.status)).toEqual(away.map(() => 200))
        // as fast as with Redis: a command gives up after 200 ms, then Redis is not asked again
        // until a probe says it is back
        expect(Math.max(...away.map((r) => r.ms))).toBeLessThan(1_000)
        expect(median(away.map((r) => r.ms))).toBeLessThan(median(normal.map((r) => r.ms)) + 50)
        expect(logged(AWAY)).toBe(outages)
        proxy.restore()

        // within a few probes (one a second) the process says Redis is back, and counts there
        await vi.waitFor(() => expect(logged(BACK)).toBe(outages), { timeout: 10_000 })
        const after = await counted()
        expect((await calls(5)).map((r) => r.status)).toEqual([200, 200, 200, 200, 200])
        expect(await counted()).toBe(after + 5)
      },
    )
  },
)

describe.skipIf(!TEST_REDIS_URL)(
  `the Redis store fails fast${TEST_REDIS_URL ? '' : ' [skipped: TEST_REDIS_URL is not set]'}`,
  () => {
    let proxy: TcpProxy
    let store: RedisRateLimitStore
    beforeAll(async () => {
      proxy = await startTcpProxy(TEST_REDIS_URL as string)
    })
    afterAll(() => proxy.close())
    beforeEach(async () => {
      proxy.restore()
      store = new RedisRateLimitStore(proxy.url(TEST_REDIS_URL as string), `test:${process.pid}:`)
      await vi.waitFor(() => store.ping())
    })
    afterEach(() => store.close())
    const hit = () => store.hit(`fail-fast-${Math.random()}`, 10, 60_000, Date.now())

    it('disconnected, a command is refused at once, not queued until Redis is back', async () => {
      proxy.cut()
      await vi.waitFor(() => expect(hit()).rejects.toThrow(/enableOfflineQueue options is false/))
    })

    it('unanswered, a command gives up after its timeout', async () => {
      proxy.hold()
      await expect(hit()).rejects.toThrow('Command timed out')
    })

    it('cut while waiting for its answer, a command fails, and is not sent again later', async () => {
      proxy.hold()
      const pending = hit()
      proxy.cut()
      await expect(pending).rejects.toThrow(/max retries per request/i)
    })
  },
)
