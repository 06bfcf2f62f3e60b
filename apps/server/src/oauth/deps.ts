import type { AuthDeps } from '../auth/deps.ts'
import type { RateLimits } from '../auth/rate-limit/index.ts'
import type { Database } from '../db/database.ts'
import type { Logger } from '../logger.ts'
import type { ClientMetadataResolver } from './client-metadata/resolve-client.ts'

/** The part of the AppContext the OAuth server uses (AppContext satisfies it). */
export type OAuthDeps = AuthDeps & {
  rateLimits: RateLimits
  clientMetadata: ClientMetadataResolver
  /** NOTIFY/LISTEN between processes (the Figma bridge wakes waiting polls with it). */
  db: Pick<Database, 'listen'>
  logger: Logger
  /** Aborted at shutdown: waiting polls answer at once. */
  stopping: AbortSignal
}
