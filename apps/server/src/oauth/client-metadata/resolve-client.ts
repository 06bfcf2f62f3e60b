/**
 * Resolves a `client_id` that is a URL into a client (draft-ietf-oauth-client-id-metadata-document
 * §5): checked URL → document (from the per-process cache, else fetched) → checked document →
 * stored in oauth_clients under its URL, so that authorization requests, codes, grants and tokens
 * refer to it exactly as to a registered client. The stored row is refreshed on every resolution;
 * the token endpoint reads it without fetching again.
 */
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
    let fetched: Awaited<ReturnType<typeof fetchClientMetadataDocument>>
    try {
      fetched = await fetchClientMetadataDocument(urlCheck.url, policy)
    } catch (error) {
      if (error instanceof DocumentFetchError) {
        throw new ClientMetadataError(`The application could not be identified: ${error.message}.`)
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
      const stored = {
        name: document.clientName,
        redirectUris: document.redirectUris,
        grantTypes: document.grantTypes,
        tokenEndpointAuthMethod: 'none',
        secretHash: null,
        metadata: document.metadata as object,
      }
      return deps.prisma.oAuthClient.upsert({
        where: { id: document.clientId },
        create: { id: document.clientId, ...stored },
        update: stored,
      })
    },
  }
}
