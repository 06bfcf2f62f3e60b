import type { AuthDeps } from '../auth/deps.ts'
import type { RateLimits } from '../auth/rate-limit/index.ts'
import type { ClientMetadataResolver } from './client-metadata/resolve-client.ts'

/** The part of the AppContext the OAuth server uses (AppContext satisfies it). */
export type OAuthDeps = AuthDeps & {
  rateLimits: RateLimits
  clientMetadata: ClientMetadataResolver
}
