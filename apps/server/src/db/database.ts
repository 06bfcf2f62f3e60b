/**
 * The database: embedded PostgreSQL (PGlite) when no URL is given, a PostgreSQL server otherwise.
 * Both are reached through Prisma driver adapters, so the query client and the migrator speak to
 * the same connection pool and the same SQL dialect.
 */
import { mkdir } from 'node:fs/promises'
import type { PGlite } from '@electric-sql/pglite'
import { PrismaPg } from '@prisma/adapter-pg'
import type { SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils'
import pg from 'pg'
import { PrismaClient } from '../generated/prisma/client.ts'
import { lockDataDir } from './data-dir-lock.ts'
import { PgNotifications } from './pg-notifications.ts'
import { createPGlite } from './pglite.ts'
import { PGliteAdapterFactory } from './pglite-adapter.ts'

export type DatabaseOptions = {
  /** `postgres://…`: a PostgreSQL server. Unset: PGlite. */
  databaseUrl?: string
  /** PGlite's directory; unset: in memory (tests). */
  dataDir?: string
  /** PGlite only: start from a dumped data directory (a migrated template, in tests). */
  loadDataDir?: Blob
  /** How long `ping()` and a new connection may take before the database counts as down. */
  timeoutMs?: number
}

export interface Database {
  readonly kind: 'pglite' | 'postgres'
  readonly prisma: PrismaClient
  /** The driver adapter factory Prisma uses; the migrator drives the schema engine through it. */
  readonly adapterFactory: SqlMigrationAwareDriverAdapterFactory
  /** The embedded instance, when the database is PGlite (tests dump and load it). */
  readonly pglite?: PGlite
  /**
   * Runs `task` while holding a PostgreSQL session-level advisory lock, so that only one process
   * at a time does it. PGlite serves one process, so there it simply runs `task`.
   */
  exclusive<T>(lockKey: number, task: () => Promise<T>): Promise<T>
  /** True when the database answers a query within the timeout. Never throws. */
  ping(): Promise<boolean>
  /**
   * Calls `handler` with the payload of each NOTIFY on `channel`, from any process, until the
   * returned function stops it (PostgreSQL LISTEN; PGlite has its own). Notifications sent
   * while a lost connection is being reopened are missed: callers keep a slow fallback.
   */
  listen(channel: string, handler: (payload: string) => void): Promise<() => Promise<void>>
  /** Disconnects Prisma and closes the pool or the embedded database. Idempotent. */
  close(): Promise<void>
}

const DEFAULT_TIMEOUT_MS = 3_000

export async function openDatabase(options: DatabaseOptions = {}): Promise<Database> {
  return options.databaseUrl
    ? openPostgres(options.databaseUrl, options.timeoutMs ?? DEFAULT_TIMEOUT_MS)
    : openPGlite(options, options.timeoutMs ?? DEFAULT_TIMEOUT_MS)
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms)
  })
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer))
}

function pinger(prisma: PrismaClient, timeoutMs: number): () => Promise<boolean> {
  return async () => {
    try {
      await withTimeout(prisma.$queryRaw`SELECT 1`, timeoutMs)
      return true
    } catch {
      return false
    }
  }
}

function once(close: () => Promise<void>): () => Promise<void> {
  let closing: Promise<void> | undefined
  return () => {
    closing ??= close()
    return closing
  }
}

/**
 * Names for the statements this process runs often, so that each connection parses and plans
 * them once (extended protocol: later runs send only Bind and Execute). At most `max` names,
 * given to texts seen twice, since PostgreSQL keeps a named statement for the connection's life
 * and some query shapes (IN lists of any length) are endless.
 */
export function preparedStatementNames(max = 500): (query: { sql: string }) => string {
  const names = new Map<string, string>()
  const seen = new Set<string>()
  return ({ sql }) => {
    const name = names.get(sql)
    if (name !== undefined) return name
    if (names.size < max) {
      if (seen.has(sql)) {
        seen.delete(sql)
        const assigned = `tc_${names.size}`
        names.set(sql, assigned)
        return assigned
      }
      if (seen.size < max * 4) seen.add(sql)
    }
    return ''
  }
}

/**
 * How long a query may wait for one of the pool's connections to be free: as long as a
 * transaction may wait to start (domain/db.ts). A burst of writers queued on one tokenset's lock
 * holds every connection for a while, and the queries behind them must wait their turn rather
 * than fail; the shorter connect timeout is for noticing a server that does not answer.
 */
const POOL_WAIT_MS = 15_000

/** pg's Client with its own deadline for opening a connection (the pool's is for the queue). */
function clientConnectingWithin(ms: number): typeof pg.Client {
  return class extends pg.Client {
    constructor(config?: string | pg.ClientConfig) {
      const options = typeof config === 'string' ? { connectionString: config } : config
      super({ ...options, connectionTimeoutMillis: ms })
    }
  }
}

async function openPostgres(url: string, timeoutMs: number): Promise<Database> {
  const pool = new pg.Pool({
    connectionString: url,
    // pg-pool applies this both to opening a connection and to waiting for a free one
    connectionTimeoutMillis: POOL_WAIT_MS,
    Client: clientConnectingWithin(timeoutMs),
  })
  // An idle client losing its server (a restart, a network cut) must not crash the process;
  // the next query reports it and /healthz turns 503.
  pool.on('error', () => {})
  // `?pgbouncer=true` (Prisma's flag): a transaction pooler may run each statement on another
  // server connection, where a statement prepared elsewhere does not exist
  const pooled = new URL(url).searchParams.get('pgbouncer') === 'true'
  const adapterFactory = new PrismaPg(
    pool,
    pooled ? {} : { statementNameGenerator: preparedStatementNames() },
  )
  const prisma = new PrismaClient({ adapter: adapterFactory })
  const notifications = new PgNotifications(url, timeoutMs)
  return {
    kind: 'postgres',
    prisma,
    adapterFactory,
    async exclusive(lockKey, task) {
      const session = await pool.connect()
      try {
        await session.query('SELECT pg_advisory_lock($1)', [lockKey])
        try {
          return await task()
        } finally {
          await session.query('SELECT pg_advisory_unlock($1)', [lockKey])
        }
      } finally {
        session.release()
      }
    },
    ping: pinger(prisma, timeoutMs),
    listen: (channel, handler) => notifications.listen(channel, handler),
    close: once(async () => {
      await notifications.close()
      await prisma.$disconnect()
      await pool.end()
    }),
  }
}

async function openPGlite(options: DatabaseOptions, timeoutMs: number): Promise<Database> {
  let unlock: (() => Promise<void>) | undefined
  if (options.dataDir) {
    await mkdir(options.dataDir, { recursive: true })
    unlock = await lockDataDir(options.dataDir)
  }
  let pglite: PGlite
  try {
    pglite = await createPGlite({ dataDir: options.dataDir, loadDataDir: options.loadDataDir })
  } catch (error) {
    await unlock?.()
    throw error
  }
  const adapterFactory = new PGliteAdapterFactory(pglite)
  const prisma = new PrismaClient({ adapter: adapterFactory })
  return {
    kind: 'pglite',
    prisma,
    adapterFactory,
    pglite,
    exclusive: (_lockKey, task) => task(),
    ping: pinger(prisma, timeoutMs),
    listen: (channel, handler) => pglite.listen(channel, handler),
    close: once(async () => {
      await prisma.$disconnect()
      await pglite.close()
      await unlock?.()
    }),
  }
}
