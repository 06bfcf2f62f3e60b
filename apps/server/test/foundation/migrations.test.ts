import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createMigration, pendingMigrationScript } from '../../src/db/create-migration.ts'
import { type Database, openDatabase } from '../../src/db/database.ts'
import { applyMigrations, readMigrations } from '../../src/db/migrations.ts'
import {
  createPostgresDatabase,
  describeWithPostgres,
  type PostgresDatabase,
} from '../support/postgres.ts'

/** Everything a migration can change, in a comparable form. */
async function schemaFingerprint(db: Database) {
  const columns = await db.prisma.$queryRaw`
    SELECT table_name, column_name, data_type, is_nullable, column_default
    FROM information_schema.columns WHERE table_schema = 'public' ORDER BY 1, 2`
  const indexes = await db.prisma.$queryRaw`
    SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' ORDER BY 1`
  const constraints = await db.prisma.$queryRaw`
    SELECT conname, pg_get_constraintdef(oid) AS def FROM pg_constraint
    WHERE connamespace = 'public'::regnamespace ORDER BY 1`
  return { columns, indexes, constraints }
}

async function migrationRows(db: Database) {
  return db.prisma.$queryRaw<{ migration_name: string; finished: boolean; rolled_back: boolean }[]>`
    SELECT migration_name, finished_at IS NOT NULL AS finished,
           rolled_back_at IS NOT NULL AS rolled_back
    FROM _prisma_migrations ORDER BY migration_name`
}

/** The same checks on either database: everything applies once, a re-run changes nothing. */
function migratesFreshDatabase(open: () => Promise<Database>) {
  let db: Database
  beforeAll(async () => {
    db = await open()
  })
  afterAll(() => db.close())

  it('applies every migration of prisma/migrations, then a re-run changes nothing', async () => {
    const folders = (await readMigrations()).migrationDirectories.map((m) => m.path)
    expect(folders.length).toBeGreaterThan(0)

    expect(await applyMigrations(db)).toEqual(folders)
    const before = await schemaFingerprint(db)
    expect(await applyMigrations(db)).toEqual([])
    expect(await schemaFingerprint(db)).toEqual(before)

    expect(await migrationRows(db)).toEqual(
      folders.map((migration_name) => ({ migration_name, finished: true, rolled_back: false })),
    )
    const tables = (before.columns as { table_name: string }[]).map((c) => c.table_name)
    expect(new Set(tables)).toContain('api_tokens')
    expect(await db.prisma.user.count()).toBe(0)
  })
}

describe('migrations on a fresh embedded database (PGlite)', { timeout: 120_000 }, () => {
  migratesFreshDatabase(() => openDatabase())
})

describeWithPostgres('migrations on a fresh PostgreSQL database', () => {
  let database: PostgresDatabase
  beforeAll(async () => {
    database = await createPostgresDatabase()
  })
  afterAll(() => database.drop())
  migratesFreshDatabase(() => openDatabase({ databaseUrl: database.url }))
})

describe('migration failures and authoring', { timeout: 120_000 }, () => {
  let dir: string
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tokencraft-migrations-'))
  })
  afterAll(() => rm(dir, { recursive: true, force: true }))

  it('surfaces the real SQL error of a failing migration and records it as unfinished', async () => {
    const broken = join(dir, 'broken')
    await mkdir(join(broken, '20260101000000_ok'), { recursive: true })
    await mkdir(join(broken, '20260102000000_bad'), { recursive: true })
    await writeFile(join(broken, 'migration_lock.toml'), 'provider = "postgresql"\n')
    await writeFile(join(broken, '20260101000000_ok/migration.sql'), 'CREATE TABLE ok (id int);')
    await writeFile(join(broken, '20260102000000_bad/migration.sql'), 'CREATE TABLE bad (id nope);')
    const db = await openDatabase()
    try {
      await expect(applyMigrations(db, { dir: broken })).rejects.toThrow(
        /type "nope" does not exist/,
      )
      expect(await migrationRows(db)).toEqual([
        { migration_name: '20260101000000_ok', finished: true, rolled_back: false },
        { migration_name: '20260102000000_bad', finished: false, rolled_back: false },
      ])
    } finally {
      await db.close()
    }
  })

  it('prisma/schema.prisma has no change that lacks a migration', async () => {
    // When this fails: run `npm run db:migration -- <name>` and commit the new folder.
    expect(await pendingMigrationScript()).toBeNull()
  })

  it('db:migration writes a timestamped folder from the schema, then nothing more', async () => {
    const fresh = join(dir, 'fresh')
    const now = new Date('2026-01-26T09:30:05.123Z')
    const created = await createMigration('Initial schema!', { dir: fresh, now })
    expect(created?.folder).toBe('20260126093005_initial_schema')
    const script = await readFile(
      join(fresh, '20260126093005_initial_schema/migration.sql'),
      'utf8',
    )
    expect(script).toContain('CREATE TABLE "users"')
    expect(await readFile(join(fresh, 'migration_lock.toml'), 'utf8')).toContain('postgresql')

    expect(await createMigration('again', { dir: fresh, now })).toBeNull()
    expect((await readdir(fresh)).sort()).toEqual([
      '20260126093005_initial_schema',
      'migration_lock.toml',
    ])
  })
})
