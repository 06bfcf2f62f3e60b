/**
 * A migrated, empty embedded database, dumped once and loaded by every test server: loading a
 * dump skips initdb and the migrations, which are most of a fresh PGlite's cost. The dump is
 * cached on disk under a key of the migrations and the PGlite version, so it is built once per
 * change (vitest's globalSetup builds it before the workers start), not once per test file.
 */
import { createHash } from 'node:crypto'
import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { openDatabase } from '../../src/db/database.ts'
import { applyMigrations, readMigrations } from '../../src/db/migrations.ts'
import { CACHE_DIR } from '../../src/db/paths.ts'
import { writeFileAtomically } from '../../src/db/pglite.ts'

async function templateKey(): Promise<string> {
  const require = createRequire(import.meta.url)
  const manifest = join(dirname(require.resolve('@electric-sql/pglite')), '../package.json')
  const hash = createHash('sha256').update(await readFile(manifest))
  for (const { path, migrationFile } of (await readMigrations()).migrationDirectories) {
    hash.update(path).update(String(migrationFile.content.value))
  }
  return hash.digest('hex').slice(0, 16)
}

async function buildTemplate(file: string): Promise<void> {
  const db = await openDatabase()
  try {
    await applyMigrations(db)
    const dump = await db.pglite?.dumpDataDir('none')
    if (!dump) throw new Error('the template database is not PGlite')
    await writeFileAtomically(file, dump)
  } finally {
    await db.close()
  }
}

let template: Promise<Blob> | undefined

/** The dumped data directory of a freshly migrated database (built on first use). */
export function migratedTemplate(): Promise<Blob> {
  template ??= (async () => {
    const file = join(CACHE_DIR, `pglite-migrated-${await templateKey()}.tar`)
    if (!existsSync(file)) await buildTemplate(file)
    return new Blob([await readFile(file)])
  })()
  return template
}
