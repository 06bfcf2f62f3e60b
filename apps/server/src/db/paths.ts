/** Where the repository keeps what the database layer reads and caches. */
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..')
export const MIGRATIONS_DIR = join(REPO_ROOT, 'prisma/migrations')
export const SCHEMA_PATH = join(REPO_ROOT, 'prisma/schema.prisma')
/** Rebuildable artefacts (dumped PGlite clusters); never part of the product's data. */
export const CACHE_DIR = join(REPO_ROOT, 'node_modules/.cache/tokencraft')
