/**
 * What every route module receives. Features add their shared services here (a small edit:
 * a field on `AppContext` and its construction in `createContext`) rather than module globals.
 */
import { createRateLimits, type RateLimits } from './auth/rate-limit/index.ts'
import type { Config } from './config.ts'
import type { Database } from './db/database.ts'
import type { PrismaClient } from './generated/prisma/client.ts'
import type { Logger } from './logger.ts'
import {
  type ClientMetadataResolver,
  createClientMetadataResolver,
} from './oauth/client-metadata/resolve-client.ts'

/** The current time. Injected so tests can move it (code lifetimes, token expiry). */
export type Clock = () => Date

export interface AppContext {
  config: Config
  db: Database
  prisma: PrismaClient
  logger: Logger
  clock: Clock
  /** Rate-limit counters: in memory, or in Redis when REDIS_URL is set (auth/rate-limit). */
  rateLimits: RateLimits
  /** Client ID Metadata Documents: fetched, checked and cached per process (oauth/client-metadata). */
  clientMetadata: ClientMetadataResolver
  /** Aborted when the process begins to shut down: a request that waits stops waiting. */
  stopping: AbortSignal
}

export type ContextParts = {
  config: Config
  db: Database
  logger: Logger
  clock?: Clock
  rateLimits?: RateLimits
  stopping?: AbortSignal
}

export function createContext({
  config,
  db,
  logger,
  clock = () => new Date(),
  rateLimits = createRateLimits(config.redisUrl, undefined, logger),
  stopping = new AbortController().signal,
}: ContextParts): AppContext {
  const clientMetadata = createClientMetadataResolver({
    prisma: db.prisma,
    clock,
    rateLimits,
    testOnly: config.testOnlyClientMetadataFetch,
  })
  return { config, db, prisma: db.prisma, logger, clock, rateLimits, clientMetadata, stopping }
}
