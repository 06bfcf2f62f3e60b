/**
 * A fresh PostgreSQL database per test file, created on the server of TEST_DATABASE_URL and
 * dropped after. Without TEST_DATABASE_URL the tests are skipped, and say why in their name.
 */
import { randomBytes } from 'node:crypto'
import pg from 'pg'
import { describe } from 'vitest'

export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL || undefined

/** `describe` that runs only with TEST_DATABASE_URL, visibly skipped otherwise. */
export function describeWithPostgres(name: string, body: () => void): void {
  const title = TEST_DATABASE_URL ? name : `${name} [skipped: TEST_DATABASE_URL is not set]`
  describe.skipIf(!TEST_DATABASE_URL)(title, body)
}

export type PostgresDatabase = {
  /** Connection URL of the new, empty database. */
  url: string
  name: string
  /** Drops the database, ending any connection still open to it. */
  drop(): Promise<void>
}

async function onServer(sql: string): Promise<void> {
  if (!TEST_DATABASE_URL) throw new Error('TEST_DATABASE_URL is not set')
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL })
  await client.connect()
  try {
    await client.query(sql)
  } finally {
    await client.end()
  }
}

export async function createPostgresDatabase(): Promise<PostgresDatabase> {
  const name = `tokencraft_test_${randomBytes(6).toString('hex')}`
  await onServer(`CREATE DATABASE "${name}"`)
  const url = new URL(TEST_DATABASE_URL as string)
  url.pathname = `/${name}`
  return {
    url: url.href,
    name,
    drop: () => onServer(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
  }
}
