/**
 * Resolves a `client_id` that is a URL into a client (draft-ietf-oauth-client-id-metadata-document
 * §5): checked URL → document (from the per-process cache, else fetched) → checked document →
 * stored in oauth_clients under its URL, so that authorization requests, codes, grants and tokens
 * refer to it exactly as to a registered client. The stored row is refreshed on every resolution;
 * the token endpoint reads it without fetching again. Anyone may put any URL in an authorization
 * link, so fetches are limited per host (draft §8.7), and so are stored clients (stored-clients.ts).
 */
import type { RateLimits } from '../../auth/rate-limit/index.ts'
import type { OAuthClient, PrismaClient } from '../../generated/prisma/client.ts'
import { redirectUriProblem } from '../rules/redirect-uri.ts'
import { documentCacheLifetimeMs } from './cache-lifetime.ts'
import { checkClientIdUrl } from './client-id-url.ts'
import { type ClientMetadataDocument, checkClientMetadataDocument } from './document.ts'
import { DocumentCache } from './document-cache.ts'
import {
  DEFAULT_FETCH_TIMEOUT_MS,
  DEFAULT_MAX_DOCUMENT_BYTES,
  DocumentFetchError,
  type DocumentFetchPolicy,
  fetchClientMetadataDocument,
  trustAlso,
} from './fetch-document.ts'
import { MAX_CLIENTS_PER_HOST, storeDocumentClient } from './stored-clients.ts'

/** Documents kept per process at most (each a few hundred bytes). */
const CACHE_ENTRIES = 1000

/**
 * Why a URL client cannot be used. Draft §5.1: the authorization request is aborted; like an
 * unknown client, the user sees an error page and the browser is never redirected.
 */
export class ClientMetadataError extends Error {
  override readonly name = 'ClientMetadataError'
}

export type ClientMetadataResolver = {
  /** The stored client for a URL client_id, or a ClientMetadataError saying what is wrong. */
  resolve(clientId: string): Promise<OAuthClient>
}

export function createClientMetadataResolver(deps: {
  prisma: PrismaClient
  clock: () => Date
  /** the `documentFetch` policy bounds the fetches per host */
  rateLimits: RateLimits
  /** Config.testOnlyClientMetadataFetch: unset everywhere but in tests. */
  testOnly?: { allowPrivateAddresses: boolean; extraCaPem?: string } | undefined
}): ClientMetadataResolver {
  const cache = new DocumentCache(CACHE_ENTRIES)
  const policy: DocumentFetchPolicy = {
    timeoutMs: DEFAULT_FETCH_TIMEOUT_MS,
    maxBytes: DEFAULT_MAX_DOCUMENT_BYTES,
    allowPrivateAddresses: deps.testOnly?.allowPrivateAddresses ?? false,
    testOnlyTrust: deps.testOnly?.extraCaPem ? trustAlso(deps.testOnly.extraCaPem) : undefined,
  }

  async function documentFor(clientId: string): Promise<ClientMetadataDocument> {
    const cached = cache.get(clientId, deps.clock())
    if (cached) return cached
    const urlCheck = checkClientIdUrl(clientId)
    if (!urlCheck.ok) throw new ClientMetadataError(`Invalid client_id: ${urlCheck.problem}.`)
    const { store, policies } = deps.rateLimits
    const { limit, windowMs, name } = policies.documentFetch
    const host = urlCheck.url.host
    const hit = await store.hit(`${name}:${host}`, limit, windowMs, deps.clock().getTime())
    if (!hit.allowed) {
      throw new ClientMetadataError(
        `Applications of ${host} were looked up too often in the last minute; try again in a minute.`,
      )
    }
    let fetched: Awaited<ReturnType<typeof fetchClientMetadataDocument>>
    try {
      fetched = await fetchClientMetadataDocument(urlCheck.url, policy)
    } catch (error) {
      if (error instanceof DocumentFetchError) {
        throw new ClientMetadataError(
          `The application could not be identified: ${error.message}.`,
          { cause: error.cause ?? error },
        )
      }
      throw error
    }
    const check = checkClientMetadataDocument(clientId, fetched.body, redirectUriProblem)
    if (!check.ok) {
      throw new ClientMetadataError(
        `The application's metadata document is refused: ${check.problem}.`,
      )
    }
    cache.set(check.document, documentCacheLifetimeMs(fetched.caching, deps.clock()), deps.clock())
    return check.document
  }

  return {
    async resolve(clientId) {
      const document = await documentFor(clientId)
      const client = await storeDocumentClient(deps.prisma, document, deps.clock())
      if (!client) {
        throw new ClientMetadataError(
          `${new URL(clientId).host} has ${MAX_CLIENTS_PER_HOST} applications in use here already; no more are accepted from it.`,
        )
      }
      return client
    },
  }
}
