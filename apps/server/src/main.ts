/**
 * Process entry: read the configuration, open the database, apply migrations (under a lock),
 * listen, print the URL; on SIGTERM/SIGINT stop accepting connections, finish in-flight requests
 * (for at most GRACE_MS) and close the database, then exit; whatever hangs, the process ends
 * within SHUTDOWN_LIMIT_MS. A start that cannot succeed ends with one clear line on stderr and
 * exit code 1.
 */
import { createApp } from './app.ts'
import { ConfigError, loadConfig } from './config.ts'
import { createContext } from './context.ts'
import { type Database, openDatabase } from './db/database.ts'
import { applyMigrations } from './db/migrations.ts'
import { GRACE_MS, listen } from './http/listen.ts'
import { createLogger } from './logger.ts'

function fail(message: string): never {
  process.stderr.write(`tokencraft: ${message}\n`)
  process.exit(1)
}

function reason(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length > 0) return reason(error.errors[0])
  return error instanceof Error ? error.message : String(error)
}

/** `postgres://user:secret@host/db` → `postgres://user:***@host/db`, for messages. */
function redacted(url: string): string {
  const parsed = new URL(url)
  if (parsed.password) parsed.password = '***'
  return parsed.href
}

let config: ReturnType<typeof loadConfig>
try {
  config = loadConfig(process.env)
} catch (error) {
  fail(error instanceof ConfigError ? error.message : reason(error))
}

const logger = createLogger(config.logLevel)
const where = config.databaseUrl
  ? `PostgreSQL at ${redacted(config.databaseUrl)}`
  : `the embedded database in ${config.dataDir}`

let db: Database
try {
  db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir })
} catch (error) {
  fail(`cannot open ${where}: ${reason(error)}`)
}

try {
  const applied = await applyMigrations(db, { logger })
  if (applied.length > 0) logger.info({ migrations: applied }, 'applied migrations')
} catch (error) {
  await db.close().catch(() => {})
  fail(`cannot migrate ${where}: ${reason(error)}`)
}

const stopping = new AbortController()
const ctx = createContext({ config, db, logger, stopping: stopping.signal })
const app = createApp(ctx)
const server = await listen(app.callback(), config.port, config.host).catch(async (error) => {
  await db.close().catch(() => {})
  fail(`cannot listen on ${config.host}:${config.port}: ${reason(error)}`)
})

logger.info({ database: db.kind, host: config.host, port: server.port }, 'listening')
process.stdout.write(`Tokencraft is running at ${config.publicUrl}\n`)

/** In-flight requests get GRACE_MS; closing the stores after them gets the rest. */
const SHUTDOWN_LIMIT_MS = GRACE_MS + 5_000

async function shutdown(signal: NodeJS.Signals) {
  if (stopping.signal.aborted) return
  stopping.abort()
  logger.info({ signal }, 'shutting down: finishing in-flight requests')
  setTimeout(() => {
    logger.error({ limitMs: SHUTDOWN_LIMIT_MS }, 'shutdown took too long: exiting')
    process.exit(1)
  }, SHUTDOWN_LIMIT_MS).unref()
  try {
    await server.close()
    await ctx.rateLimits.store.close()
    await db.close()
    logger.info('stopped')
    process.exit(0)
  } catch (error) {
    logger.error({ err: error }, 'unclean shutdown')
    process.exit(1)
  }
}
process.on('SIGTERM', shutdown)
process.on('SIGINT', shutdown)
