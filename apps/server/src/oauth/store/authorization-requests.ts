/**
 * Validated authorization requests waiting for log-in and consent (`oauth_authorization_requests`).
 * The consent page carries only the request's random id; everything it approves is read back
 * from here, so nothing the browser sends can widen what the client asked for.
 */
import { isScope, type Scope } from '@tokencraft/shared'
import type { PrismaClient } from '../../generated/prisma/client.ts'
import { AUTHORIZATION_REQUEST_LIFETIME_MS } from '../lifetimes.ts'
import type { ValidAuthorizationRequest } from '../rules/authorization-request.ts'
import { generateOpaque } from '../secrets.ts'

export type PendingRequest = ValidAuthorizationRequest & {
  id: string
  client: { name: string }
}

/**
 * Remembers a validated request for its consent. Requests nobody answered are swept here, once
 * their lifetime has passed, so that the table holds no more than the requests of the last
 * AUTHORIZATION_REQUEST_LIFETIME_MS (which the per-address rate limit bounds).
 */
export async function savePendingRequest(
  prisma: PrismaClient,
  request: ValidAuthorizationRequest,
  now: Date,
): Promise<string> {
  const id = generateOpaque()
  const sweep = prisma.authorizationRequest.deleteMany({ where: { expiresAt: { lte: now } } })
  const save = prisma.authorizationRequest.create({
    data: {
      id,
      clientId: request.clientId,
      redirectUri: request.redirectUri,
      scopes: request.scopes,
      state: request.state ?? null,
      codeChallenge: request.codeChallenge,
      resource: request.resource ?? null,
      createdAt: now,
      expiresAt: new Date(now.getTime() + AUTHORIZATION_REQUEST_LIFETIME_MS),
    },
  })
  await prisma.$transaction([sweep, save])
  return id
}

/** The live request with this id, or null when it is unknown, answered already or expired. */
export async function findPendingRequest(
  prisma: PrismaClient,
  id: string,
  now: Date,
): Promise<PendingRequest | null> {
  const row = await prisma.authorizationRequest.findUnique({
    where: { id },
    include: { client: { select: { name: true } } },
  })
  if (!row || row.expiresAt <= now) return null
  return {
    id: row.id,
    clientId: row.clientId,
    redirectUri: row.redirectUri,
    scopes: row.scopes.filter((s): s is Scope => isScope(s)),
    state: row.state ?? undefined,
    codeChallenge: row.codeChallenge,
    resource: row.resource ?? undefined,
    client: row.client,
  }
}

/**
 * Ends a request as it is answered. True for exactly one caller, so a double-submitted consent
 * form issues one code.
 */
export async function consumePendingRequest(
  prisma: PrismaClient,
  id: string,
  now: Date,
): Promise<boolean> {
  const answered = await prisma.authorizationRequest.deleteMany({
    where: { id, expiresAt: { gt: now } },
  })
  return answered.count === 1
}
