/**
 * A real Tokencraft server for tests: `createApp` on a fresh, migrated, in-memory PGlite (or a
 * PostgreSQL URL), listening on a random port of 127.0.0.1. Start one per test file:
 *
 *   let server: TestServer
 *   beforeAll(async () => { server = await startTestServer() })
 *   afterAll(() => server.close())
 *   // fetch(`${server.url}/healthz`), server.prisma.user.create(…), server.clock.advance(60_000)
 */
import type { RequestListener } from 'node:http'
import { createApp } from '../../src/app.ts'
import type { Config } from '../../src/config.ts'
import { type AppContext, createContext } from '../../src/context.ts'
import { type Database, openDatabase } from '../../src/db/database.ts'
import { applyMigrations } from '../../src/db/migrations.ts'
import type { PrismaClient } from '../../src/generated/prisma/client.ts'
import { listen } from '../../src/http/listen.ts'
import { createLogger } from '../../src/logger.ts'
import { createTestClock, type TestClock } from './clock.ts'
import { migratedTemplate } from './pglite-template.ts'

export type TestServerOptions = {
  /** Run on this PostgreSQL database (migrated at start) instead of an in-memory PGlite. */
  databaseUrl?: string
  /** Overrides of the configuration (port, host and publicUrl follow the bound port). */
  config?: Partial<Config>
  /** Extra fields for the AppContext, for features that add their own services. */
  context?: Partial<AppContext>
}

export type TestServer = {
  /** Base URL without a trailing slash, e.g. http://127.0.0.1:41234 (also config.publicUrl). */
  url: string
  prisma: PrismaClient
  db: Database
  ctx: AppContext
  /** The clock behind ctx.clock: `clock.set(date)`, `clock.advance(ms)`, `clock.reset()`. */
  clock: TestClock
  close(): Promise<void>
}

export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  let db: Database
  if (options.databaseUrl) {
    db = await openDatabase({ databaseUrl: options.databaseUrl })
    await applyMigrations(db)
  } else {
    db = await openDatabase({ loadDataDir: await migratedTemplate() })
  }

  // Listen first, so the configuration can carry the real port; requests wait for the app.
  let handle: RequestListener | undefined
  const server = await listen((req, res) => handle?.(req, res), 0, '127.0.0.1')
  const url = `http://127.0.0.1:${server.port}`

  const config: Config = {
    port: server.port,
    host: '127.0.0.1',
    publicUrl: url,
    databaseUrl: options.databaseUrl,
    dataDir: 'memory://',
    trustProxy: 0,
    logLevel: (process.env.TEST_LOG_LEVEL as Config['logLevel'] | undefined) ?? 'silent',
    ...options.config,
  }
  const clock = createTestClock()
  const logger = createLogger(config.logLevel, { pretty: false })
  const rateLimits = options.context?.rateLimits
  const ctx: AppContext = {
    ...createContext({
      config,
      db,
      logger,
      clock: clock.now,
      ...(rateLimits ? { rateLimits } : {}),
    }),
    ...options.context,
  }
  handle = createApp(ctx).callback()

  return {
    url,
    prisma: db.prisma,
    db,
    ctx,
    clock,
    async close() {
      await server.close(1_000)
      await db.close()
    },
  }
}
