/**
 * Clients known by their metadata document, as stored in `oauth_clients` under their URL. Anyone
 * who controls a host can mint any number of client_id URLs on it, so what is stored is bounded:
 * a client that nothing refers to (no live authorization request or code, no grant or token) is
 * only a copy of a document that can be fetched again, and is swept; and each host may have at
 * most MAX_CLIENTS_PER_HOST clients stored at once.
 */
import type { OAuthClient, PrismaClient } from '../../generated/prisma/client.ts'
import type { ClientMetadataDocument } from './document.ts'

/** Clients of one host stored at once. Real hosts publish one or a few client_ids. */
export const MAX_CLIENTS_PER_HOST = 20
/**
 * A client resolved less than this long ago is kept even when nothing refers to it yet: its
 * authorization request is being stored right after the resolution.
 */
export const UNUSED_CLIENT_GRACE_MS = 10 * 60 * 1000

/** The host a client_id URL counts against: lower case, without a default port. */
export function documentHostOf(clientId: string): string {
  return new URL(clientId).host
}

/**
 * Stores (or refreshes) the client of a checked document. A client not stored yet is admitted
 * only while its host has fewer than MAX_CLIENTS_PER_HOST: undefined when it is full. The bound
 * is checked, not locked: requests for new clients of one host at the same instant may each be
 * admitted, which overshoots it by as many as arrive together (the per-address rate limit and
 * the per-host fetch limit keep that small).
 */
export async function storeDocumentClient(
  prisma: PrismaClient,
  document: ClientMetadataDocument,
  now: Date,
): Promise<OAuthClient | undefined> {
  const host = documentHostOf(document.clientId)
  const fields = {
    name: document.clientName,
    redirectUris: document.redirectUris,
    grantTypes: document.grantTypes,
    tokenEndpointAuthMethod: 'none',
    secretHash: null,
    metadata: document.metadata as object,
    documentHost: host,
    resolvedAt: now,
  }
  const known = await prisma.oAuthClient.findUnique({
    where: { id: document.clientId },
    select: { id: true },
  })
  if (!known) {
    await sweepUnusedDocumentClients(prisma, now)
    const stored = await prisma.oAuthClient.count({ where: { documentHost: host } })
    if (stored >= MAX_CLIENTS_PER_HOST) return undefined
  }
  return prisma.oAuthClient.upsert({
    where: { id: document.clientId },
    create: { id: document.clientId, ...fields },
    update: fields,
  })
}

/** Deletes the document clients nothing refers to, once their grace period has passed. */
export function sweepUnusedDocumentClients(prisma: PrismaClient, now: Date) {
  return prisma.oAuthClient.deleteMany({
    where: {
      documentHost: { not: null },
      OR: [
        { resolvedAt: null },
        { resolvedAt: { lt: new Date(now.getTime() - UNUSED_CLIENT_GRACE_MS) } },
      ],
      // lapsed requests and codes no longer count: no token can come of them
      requests: { none: { expiresAt: { gt: now } } },
      codes: { none: { expiresAt: { gt: now } } },
      grants: { none: {} },
      apiTokens: { none: {} },
    },
  })
}
