import { existsSync } from 'node:fs'
import { cp, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { LOCK_FILE } from '../../src/db/data-dir-lock.ts'
import { openDatabase } from '../../src/db/database.ts'
import { applyMigrations, MIGRATION_LOCK_KEY, readMigrations } from '../../src/db/migrations.ts'
import { MIGRATIONS_DIR } from '../../src/db/paths.ts'
import {
  createPostgresDatabase,
  describeWithPostgres,
  type PostgresDatabase,
} from '../support/postgres.ts'
import { freePort, type ServerProcess, spawnServer, stopServer } from '../support/server-process.ts'

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

type LogLine = {
  msg?: string
  migrations?: string[]
  holder?: { pid: number }
}

function logLines(server: ServerProcess): LogLine[] {
  return server
    .stdout()
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as LogLine)
}

const WAITING = 'waiting for another process to finish migrating the database'

/** Advisory locks held on `database` by anyone: none once every process has started. */
async function advisoryLocks(client: pg.Client, database: string): Promise<unknown[]> {
  const { rows } = await client.query(
    `SELECT l.classid, l.objid, l.pid FROM pg_locks l JOIN pg_database d ON d.oid = l.database
     WHERE l.locktype = 'advisory' AND d.datname = $1`,
    [database],
  )
  return rows
}

/** Three processes spawned at once, as a rolling deploy of three replicas starts them. */
async function startTogether(url: string): Promise<{ servers: ServerProcess[]; ports: number[] }> {
  const ports = [await freePort(), await freePort(), await freePort()]
  const servers = ports.map((port) => spawnServer({ PORT: String(port), DATABASE_URL: url }))
  return { servers, ports }
}

/**
 * Each answers /healthz with 200. A process's first query loads Prisma's query compiler, which
 * three processes starting at once on a loaded machine can take longer than the ping's 3 s
 * for: /healthz then says 503 until it has, which is right, so this asks again meanwhile.
 */
async function allHealthy(ports: number[]): Promise<void> {
  for (const port of ports) {
    await vi.waitFor(
      async () => expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200),
      { timeout: 30_000, interval: 500 },
    )
  }
}

/** SIGTERM to each still running; their exit codes. */
async function stopAll(servers: ServerProcess[]): Promise<(number | null)[]> {
  await Promise.all(servers.map(stopServer))
  return Promise.all(servers.map((s) => s.exited))
}

describeWithPostgres('processes starting together against one PostgreSQL', () => {
  let database: PostgresDatabase
  let client: pg.Client
  let folders: string[]
  beforeEach(async () => {
    database = await createPostgresDatabase()
    client = new pg.Client({ connectionString: database.url })
    await client.connect()
    folders = (await readMigrations()).migrationDirectories.map((m) => m.path)
  })
  afterEach(async () => {
    await client.end()
    await database.drop()
  })

  const appliedRows = async () =>
    (await client.query('SELECT migration_name FROM _prisma_migrations ORDER BY 1')).rows.map(
      (row) => row.migration_name,
    )

  it('on an empty database: they wait, saying so, for as long as the lock is held, then one migrates and the others find nothing left', {
    timeout: 180_000,
  }, async () => {
    // The test holds the migration lock, as a process migrating slowly would.
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY])
    const { pid: holder } = (await client.query('SELECT pg_backend_pid() AS pid')).rows[0]
    const { servers, ports } = await startTogether(database.url)
    let exitCodes: (number | null)[] = []
    try {
      // each says it waits, and says so again after LOCK_PROGRESS_MS: still waiting, not failed
      await vi.waitFor(
        () => {
          for (const server of servers) {
            const waits = logLines(server).filter((line) => line.msg === WAITING)
            expect(waits.length).toBeGreaterThanOrEqual(2)
            expect(waits[0]?.holder?.pid).toBe(holder)
          }
        },
        { timeout: 120_000, interval: 200 },
      )
      expect(servers.map((s) => s.child.exitCode)).toEqual([null, null, null])
      expect(servers.some((s) => s.stdout().includes('Tokencraft is running'))).toBe(false)

      await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY])
      await Promise.all(servers.map((s) => s.ready))
      await allHealthy(ports)
      expect(await appliedRows()).toEqual(folders)
      const applied = servers.flatMap((s) =>
        logLines(s).filter((l) => l.msg === 'applied migrations'),
      )
      expect(applied.map((line) => line.migrations)).toEqual([folders])
      // nothing is left holding a lock (the schema engine's own included), which would make
      // the next process to migrate time out
      expect(await advisoryLocks(client, database.name)).toEqual([])
    } finally {
      exitCodes = await stopAll(servers)
    }
    expect(exitCodes).toEqual([0, 0, 0])
  })

  it('on a database with a pending migration: it is applied once, every process starts', {
    timeout: 180_000,
  }, async () => {
    // an older release migrated the database: every migration but the last
    const older = await mkdtemp(join(tmpdir(), 'tokencraft-older-migrations-'))
    try {
      await cp(MIGRATIONS_DIR, older, { recursive: true })
      await rm(join(older, folders.at(-1) as string), { recursive: true })
      const db = await openDatabase({ databaseUrl: database.url })
      await applyMigrations(db, { dir: older }).finally(() => db.close())
    } finally {
      await rm(older, { recursive: true, force: true })
    }
    expect(await appliedRows()).toEqual(folders.slice(0, -1))

    const { servers, ports } = await startTogether(database.url)
    let exitCodes: (number | null)[] = []
    try {
      await Promise.all(servers.map((s) => s.ready))
      await allHealthy(ports)
      expect(await appliedRows()).toEqual(folders)
      const applied = servers.flatMap((s) =>
        logLines(s).filter((l) => l.msg === 'applied migrations'),
      )
      expect(applied.map((line) => line.migrations)).toEqual([folders.slice(-1)])
      expect(await advisoryLocks(client, database.name)).toEqual([])
    } finally {
      exitCodes = await stopAll(servers)
    }
    expect(exitCodes).toEqual([0, 0, 0])
  })
})
