/**
 * The connections to a PostgreSQL server: a query waits its turn while every pooled connection
 * is busy (a burst of writers queued on one tokenset's lock holds them all), however long that
 * is compared with the time allowed to open a connection; a server that does not answer fails
 * the query after that time instead of hanging it; `?pgbouncer=true` turns prepared statements
 * off, for poolers that may run each statement on another server connection.
 */
import { once } from 'node:events'
import { createServer, type Server, type Socket } from 'node:net'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { openDatabase } from '../../src/db/database.ts'
import { applyMigrations } from '../../src/db/migrations.ts'
import {
  createPostgresDatabase,
  describeWithPostgres,
  type PostgresDatabase,
} from '../support/postgres.ts'

describeWithPostgres('connections to PostgreSQL', () => {
  let database: PostgresDatabase
  beforeAll(async () => {
    database = await createPostgresDatabase()
    const db = await openDatabase({ databaseUrl: database.url })
    try {
      await applyMigrations(db)
    } finally {
      await db.close()
    }
  })
  afterAll(() => database?.drop())

  it('lets a query wait for a free connection longer than a connection may take to open', async () => {
    const db = await openDatabase({ databaseUrl: database.url, timeoutMs: 1_500 })
    try {
      // more 2.5-second transactions than the pool has connections (10), and one query behind them
      const busy = Array.from({ length: 11 }, () =>
        db.prisma.$transaction((tx) => tx.$executeRaw`SELECT pg_sleep(2.5)`, {
          maxWait: 15_000,
          timeout: 15_000,
        }),
      )
      const queued = db.prisma.$queryRaw<{ answer: number }[]>`SELECT 42 AS answer`
      expect(await queued).toEqual([{ answer: 42 }])
      await Promise.all(busy)
    } finally {
      await db.close()
    }
  })

  /** Prepared statements on the connection a sequential query runs on (pg_prepared_statements
   * is per connection; the pool hands an idle one back to the next query). */
  async function preparedAfterRepeatedQueries(url: string): Promise<string[]> {
    const db = await openDatabase({ databaseUrl: url })
    try {
      for (let i = 0; i < 3; i++)
        await db.prisma.user.findMany({ where: { email: 'x@example.com' } })
      const rows = await db.prisma.$queryRaw<{ name: string }[]>`
        SELECT name FROM pg_prepared_statements ORDER BY name`
      return rows.map((row) => row.name)
    } finally {
      await db.close()
    }
  }

  it('prepares repeated statements, except on a ?pgbouncer=true URL', async () => {
    expect(await preparedAfterRepeatedQueries(database.url)).not.toEqual([])
    const pooled = new URL(database.url)
    pooled.searchParams.set('pgbouncer', 'true')
    expect(await preparedAfterRepeatedQueries(pooled.href)).toEqual([])
  })
})

describe('a PostgreSQL server that accepts connections but never answers', () => {
  let silent: Server
  const sockets: Socket[] = []
  beforeAll(async () => {
    silent = createServer((socket) => sockets.push(socket)).listen(0, '127.0.0.1')
    await once(silent, 'listening')
  })
  afterAll(async () => {
    for (const socket of sockets) socket.destroy()
    silent.close()
  })

  it('fails the query once opening the connection took longer than allowed', async () => {
    const { port } = silent.address() as { port: number }
    const db = await openDatabase({
      databaseUrl: `postgres://app@127.0.0.1:${port}/tokens`,
      timeoutMs: 3_000,
    })
    // the deadline's timer runs on a fake clock; the connection attempt is real
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    try {
      let outcome: unknown
      db.prisma.$queryRaw`SELECT 1`.then(
        () => {
          outcome = 'answered'
        },
        (error: unknown) => {
          outcome = error
        },
      )
      const settle = () => new Promise<void>((resolve) => setImmediate(resolve))
      while (sockets.length === 0) await settle()
      vi.advanceTimersByTime(2_999)
      for (let i = 0; i < 20; i++) await settle()
      expect(outcome).toBeUndefined()
      vi.advanceTimersByTime(1)
      const since = Date.now()
      while (outcome === undefined && Date.now() - since < 5_000) await settle()
      expect((outcome as Error).message).toMatch(/timeout/)
    } finally {
      vi.useRealTimers()
      await db.close()
    }
  })
})
