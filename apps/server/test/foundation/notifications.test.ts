/**
 * Database.listen: NOTIFY reaches every listener of the channel, on PGlite and on PostgreSQL,
 * and a PostgreSQL listener whose connection is cut listens again on a new one.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Database, openDatabase } from '../../src/db/database.ts'
import {
  createPostgresDatabase,
  describeWithPostgres,
  type PostgresDatabase,
} from '../support/postgres.ts'

function received(db: Database, channel: string) {
  const payloads: string[] = []
  const next = () =>
    new Promise<string>((resolve) => {
      const started = payloads.length
      const check = setInterval(() => {
        if (payloads.length > started) {
          clearInterval(check)
          resolve(payloads[payloads.length - 1] as string)
        }
      }, 5)
    })
  const stop = db.listen(channel, (payload) => payloads.push(payload))
  return { payloads, next, stop }
}

const notify = (db: Database, channel: string, payload: string) =>
  db.prisma.$executeRaw`SELECT pg_notify(${channel}, ${payload})`

describe('listen on PGlite', () => {
  let db: Database
  beforeAll(async () => {
    db = await openDatabase()
  })
  afterAll(() => db.close())

  it('delivers each NOTIFY of the channel until stopped', async () => {
    const listener = received(db, 'test_channel')
    const stop = await listener.stop
    const first = listener.next()
    await notify(db, 'test_channel', 'one')
    expect(await first).toBe('one')
    await stop()
    await notify(db, 'test_channel', 'two')
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(listener.payloads).toEqual(['one'])
  })
})

describeWithPostgres('listen on PostgreSQL', () => {
  let database: PostgresDatabase
  let one: Database
  let two: Database
  beforeAll(async () => {
    database = await createPostgresDatabase()
    one = await openDatabase({ databaseUrl: database.url })
    two = await openDatabase({ databaseUrl: database.url })
  })
  afterAll(async () => {
    await one?.close()
    await two?.close()
    await database?.drop()
  })

  it('delivers a NOTIFY sent by another process', async () => {
    const listener = received(one, 'test_channel')
    await listener.stop
    const next = listener.next()
    await notify(two, 'test_channel', 'across')
    expect(await next).toBe('across')
  })

  it('listens again on a new connection when its connection is cut', {
    timeout: 20_000,
  }, async () => {
    const listener = received(one, 'cut_channel')
    await listener.stop
    await two.prisma.$executeRaw`SELECT pg_terminate_backend(pid) FROM pg_stat_activity
      WHERE datname = current_database() AND query LIKE 'LISTEN%' AND pid <> pg_backend_pid()`
    const next = listener.next()
    // keep announcing until the listener is back (it reconnects after about a second)
    // (a Prisma query runs once chained: catch() starts it and drops a failure mid-reconnect)
    const sender = setInterval(() => void notify(two, 'cut_channel', 'again').catch(() => {}), 100)
    try {
      expect(await next).toBe('again')
    } finally {
      clearInterval(sender)
    }
  })
})
