/**
 * Two servers on one fresh PostgreSQL database, as two processes behind a load balancer would
 * be, for the `describeWithPostgres` block that calls it: started before its tests, closed and
 * the database dropped after. The second answers under the first's PUBLIC_URL.
 */
import { afterAll, beforeAll } from 'vitest'
import { createPostgresDatabase, type PostgresDatabase } from './postgres.ts'
import { startTestServer, type TestServer } from './server.ts'

export type ServerPair = { readonly first: TestServer; readonly second: TestServer }

export function serverPairOnPostgres(): ServerPair {
  const pair = {} as { first: TestServer; second: TestServer }
  let database: PostgresDatabase | undefined
  beforeAll(async () => {
    database = await createPostgresDatabase()
    pair.first = await startTestServer({ databaseUrl: database.url })
    pair.second = await startTestServer({
      databaseUrl: database.url,
      config: { publicUrl: pair.first.url },
    })
  })
  afterAll(async () => {
    await pair.second?.close()
    await pair.first?.close()
    await database?.drop()
  })
  return pair
}
