/**
 * Prisma's own migrations folder (`prisma/migrations/<timestamp>_<name>/migration.sql` and
 * `migration_lock.toml`) applied by the wasm schema engine, which keeps Prisma's
 * `_prisma_migrations` table: the same history `prisma migrate deploy` would write.
 */
import { existsSync } from 'node:fs'
import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { MigrationList, SchemaFilter } from '@prisma/schema-engine-wasm'
import type { Logger } from '../logger.ts'
import type { Database, LockWait } from './database.ts'
import { MIGRATIONS_DIR } from './paths.ts'
import { startSchemaEngine } from './schema-engine.ts'

export const MIGRATION_LOCKFILE = 'migration_lock.toml'
export const MIGRATION_SCRIPT = 'migration.sql'

/** Arbitrary but fixed: every Tokencraft process contends for this advisory lock key. */
export const MIGRATION_LOCK_KEY = 7_236_571_205

export const NO_FILTER: SchemaFilter = { externalTables: [], externalEnums: [] }

/** Reads the migrations folder the way Prisma's CLI hands it to the engine. */
export async function readMigrations(dir = MIGRATIONS_DIR): Promise<MigrationList> {
  const lockfilePath = join(dir, MIGRATION_LOCKFILE)
  const entries = existsSync(dir) ? await readdir(dir, { withFileTypes: true }) : []
  const folders = entries
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort()
  return {
    baseDir: dir,
    lockfile: {
      path: MIGRATION_LOCKFILE,
      content: existsSync(lockfilePath) ? await readFile(lockfilePath, 'utf8') : null,
    },
    shadowDbInitScript: '',
    migrationDirectories: await Promise.all(
      folders.map(async (path) => {
        const file = join(dir, path, MIGRATION_SCRIPT)
        const content = await readFile(file, 'utf8').then(
          (value) => ({ tag: 'ok' as const, value }),
          (error: Error) => ({ tag: 'error' as const, value: error.message }),
        )
        return { path, migrationFile: { path: MIGRATION_SCRIPT, content } }
      }),
    ),
  }
}

export type ApplyOptions = {
  dir?: string
  /** Told when another process holds the migration lock, at once and then now and again. */
  logger?: Pick<Logger, 'info'>
}

/**
 * Applies every migration not yet recorded in `_prisma_migrations` and returns their names
 * (empty when the database is up to date). Holds our advisory lock meanwhile, so processes
 * starting together against one PostgreSQL apply each migration once: the later ones wait for as
 * long as the one migrating keeps the lock, saying so in the log, then find nothing left to do.
 * The engine runs on the session holding our lock: it takes a lock of its own (giving up after
 * 10 seconds) that must be released on that same session.
 */
export async function applyMigrations(
  db: Database,
  { dir = MIGRATIONS_DIR, logger }: ApplyOptions = {},
): Promise<string[]> {
  const migrationsList = await readMigrations(dir)
  const waiting = ({ waitedMs, holder }: LockWait) =>
    logger?.info(
      { waitedSeconds: Math.round(waitedMs / 1000), holder },
      'waiting for another process to finish migrating the database',
    )
  return db.exclusive(
    MIGRATION_LOCK_KEY,
    async (session) => {
      const engine = await startSchemaEngine(session)
      try {
        const { appliedMigrationNames } = await engine.applyMigrations({
          migrationsList,
          filters: NO_FILTER,
        })
        return appliedMigrationNames
      } finally {
        engine.close()
      }
    },
    waiting,
  )
}
