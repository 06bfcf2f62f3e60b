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
  /** The embedded instance, when the database is PGlite (tests dump and load it). */
  readonly pglite?: PGlite
  /**
   * Runs `task` while holding a PostgreSQL session-level advisory lock, so that only one process
   * at a time does it; a process that finds the lock taken waits for as long as its holder keeps
   * it, calling `onWait` at once and then every LOCK_PROGRESS_MS. `task` gets a driver adapter
   * factory whose every query runs on the session holding the lock, and that session is closed
   * after, which releases any session lock `task` took and left behind (Prisma's schema engine
   * does). PGlite serves one process, so there `task` runs at once on the one connection.
   */
  exclusive<T>(
    lockKey: number,
    task: (session: SqlMigrationAwareDriverAdapterFactory) => Promise<T>,
    onWait?: (wait: LockWait) => void,
  ): Promise<T>
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

/** A process waiting for a lock another session holds. */
export type LockWait = {
  waitedMs: number
  /** The session holding it, when PostgreSQL tells (it may have just been released). */
  holder?: { pid: number; application: string; address: string | null }
}

const DEFAULT_TIMEOUT_MS = 3_000

/** How often a process waiting for a lock says so. */
export const LOCK_PROGRESS_MS = 5_000

/** Names our sessions in `pg_stat_activity`, unless DATABASE_URL names them otherwise. */
const APPLICATION_NAME = 'tokencraft'

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

/** The session holding advisory lock `lockKey` (a bigint key is classid:objid, objsubid 1). */
async function lockHolder(pool: pg.Pool, lockKey: number): Promise<LockWait['holder']> {
  const { rows } = await pool.query<NonNullable<LockWait['holder']>>(
    `SELECT a.pid, a.application_name AS application, host(a.client_addr) AS address
     FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
     WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 1
       AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
       AND (l.classid::bigint << 32) | l.objid::bigint = $1`,
    [lockKey],
  )
  return rows[0]
}

async function openPostgres(url: string, timeoutMs: number): Promise<Database> {
  const connection = { application_name: APPLICATION_NAME, connectionString: url }
  const pool = new pg.Pool({
    ...connection,
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
    async exclusive(lockKey, task, onWait) {
      // A pool of one connection that never idles out: the lock and every query of `task` share
      // one session. On the shared pool, a session lock taken by one query could be released by
      // another on a different connection (which fails), and stay held by an idle connection.
      const session = new pg.Pool({
        ...connection,
        connectionTimeoutMillis: timeoutMs,
        max: 1,
        idleTimeoutMillis: 0,
      })
      session.on('error', () => {})
      try {
        const { rows } = await session.query<{ locked: boolean }>(
          'SELECT pg_try_advisory_lock($1) AS locked',
          [lockKey],
        )
        if (!rows[0]?.locked) {
          const started = Date.now()
          const report = async () => {
            const holder = await lockHolder(pool, lockKey).catch(() => undefined)
            onWait?.({ waitedMs: Date.now() - started, holder })
          }
          void report()
          const progress = setInterval(report, LOCK_PROGRESS_MS)
          try {
            await session.query('SELECT pg_advisory_lock($1)', [lockKey])
          } finally {
            clearInterval(progress)
          }
        }
        return await task(new PrismaPg(session))
      } finally {
        // ending the session releases every session lock it holds
        await session.end()
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
    pglite,
    exclusive: (_lockKey, task) => task(adapterFactory),
    ping: pinger(prisma, timeoutMs),
    listen: (channel, handler) => pglite.listen(channel, handler),
    close: once(async () => {
      await prisma.$disconnect()
      await pglite.close()
      await unlock?.()
    }),
  }
}
