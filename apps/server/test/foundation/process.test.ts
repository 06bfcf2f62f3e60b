import { existsSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { LOCK_FILE } from '../../src/db/data-dir-lock.ts'
import { readMigrations } from '../../src/db/migrations.ts'
import {
  createPostgresDatabase,
  describeWithPostgres,
  type PostgresDatabase,
} from '../support/postgres.ts'
import { freePort, spawnServer, stopServer } from '../support/server-process.ts'

describe('a start that cannot succeed', { timeout: 60_000 }, () => {
  it.each([
    ['PORT', { PORT: 'abc' }],
    ['DATABASE_URL', { DATABASE_URL: 'mysql://root@127.0.0.1/tokens' }],
  ])('stops with exit code 1 and one line naming %s', async (variable, env) => {
    const server = spawnServer(env)
    expect(await server.exited).toBe(1)
    const lines = server.stderr().trim().split('\n')
    expect(lines).toHaveLength(1)
    expect(lines[0]).toMatch(new RegExp(`^tokencraft: Invalid configuration: ${variable} `))
  })

  it('stops with exit code 1 and one line when PostgreSQL cannot be reached', async () => {
    // Nothing listens on port 1.
    const server = spawnServer({ DATABASE_URL: 'postgres://app:s3cret@127.0.0.1:1/tokens' })
    expect(await server.exited).toBe(1)
    expect(server.stderr().trim()).toBe(
      'tokencraft: cannot migrate PostgreSQL at postgres://app:***@127.0.0.1:1/tokens: connect ECONNREFUSED 127.0.0.1:1',
    )
  })
})

describe('the embedded database', { timeout: 120_000 }, () => {
  let dataDir: string
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'tokencraft-data-'))
  })
  afterAll(() => rm(dataDir, { recursive: true, force: true }))

  it('starts on an empty DATA_DIR, prints its URL, serves /healthz, refuses a second process, stops cleanly on SIGTERM', async () => {
    const port = await freePort()
    const server = spawnServer({ PORT: String(port), DATA_DIR: dataDir })
    try {
      expect(await server.ready).toBe(`http://localhost:${port}`)
      const health = await fetch(`http://127.0.0.1:${port}/healthz`)
      expect(health.status).toBe(200)

      // a second process on the same files would corrupt them: it is refused, in one line
      const second = spawnServer({ PORT: String(await freePort()), DATA_DIR: dataDir })
      expect(await second.exited).toBe(1)
      expect(second.stderr().trim()).toMatch(
        new RegExp(
          `^tokencraft: cannot open the embedded database in .+ is in use by another Tokencraft process \\(pid ${server.child.pid}\\)`,
        ),
      )
    } finally {
      await stopServer(server)
    }
    expect(await server.exited).toBe(0)
    expect(server.stdout()).toContain('"msg":"stopped"')
    expect(existsSync(join(dataDir, LOCK_FILE))).toBe(false)
  })
})

describeWithPostgres('two processes starting together against one PostgreSQL', () => {
  let database: PostgresDatabase
  beforeAll(async () => {
    database = await createPostgresDatabase()
  })
  afterAll(() => database.drop())

  it('both become healthy, and each migration ran once', { timeout: 120_000 }, async () => {
    const ports = [await freePort(), await freePort()]
    const servers = ports.map((port) =>
      spawnServer({ PORT: String(port), DATABASE_URL: database.url }),
    )
    try {
      await Promise.all(servers.map((s) => s.ready))
      for (const port of ports) {
        expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200)
      }

      const folders = (await readMigrations()).migrationDirectories.map((m) => m.path)
      const client = new pg.Client({ connectionString: database.url })
      await client.connect()
      const { rows } = await client.query(
        'SELECT migration_name FROM _prisma_migrations ORDER BY migration_name',
      )
      await client.end()
      expect(rows.map((r) => r.migration_name)).toEqual(folders)
      // The one that took the lock first applied them; the other found nothing left to do.
      const appliers = servers.filter((s) => s.stdout().includes('"msg":"applied migrations"'))
      expect(appliers).toHaveLength(1)
    } finally {
      await Promise.all(servers.map(stopServer))
    }
    expect(await Promise.all(servers.map((s) => s.exited))).toEqual([0, 0])
  })
})
