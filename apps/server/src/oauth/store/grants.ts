/**
 * Grants (`oauth_grants`): one per code exchange, the family of the tokens it issues, so that
 * revoking the grant revokes them all (a reused code, a revoked token, a deleted token).
 */
import type { Scope } from '@tokencraft/shared'
import { sha256Hex, tokenHint } from '../../auth/secrets.ts'
import type { Prisma, PrismaClient } from '../../generated/prisma/client.ts'
import { accessTokenLifetimeS } from '../lifetimes.ts'
import { generateAccessToken, oauthTokenName } from '../secrets.ts'

type Tx = Prisma.TransactionClient

export type IssuedAccessToken = { accessToken: string; expiresIn: number }

export function createGrant(
  tx: Tx,
  input: { userId: string; clientId: string; scopes: Scope[]; resource: string | null; now: Date },
): Promise<{ id: string }> {
  return tx.oAuthGrant.create({
    data: {
      userId: input.userId,
      clientId: input.clientId,
      scopes: input.scopes,
      resource: input.resource,
      createdAt: input.now,
    },
    select: { id: true },
  })
}

/**
 * An access token of the grant (30 days; 1 hour for the Figma plugin, see lifetimes.ts), stored
 * in `api_tokens` as its SHA-256 only and named `MCP OAuth — {client name}`, so that API
 * Settings lists it and can delete it.
 */
export async function issueAccessToken(
  tx: Tx,
  input: {
    grantId: string
    userId: string
    client: { id: string; name: string }
    scopes: Scope[]
    resource: string | null
    now: Date
  },
): Promise<IssuedAccessToken> {
  const accessToken = generateAccessToken()
  const lifetimeS = accessTokenLifetimeS(input.client.id)
  await tx.apiToken.create({
    data: {
      userId: input.userId,
      kind: 'oauth',
      name: oauthTokenName(input.client.name),
      tokenHash: sha256Hex(accessToken),
      hint: tokenHint(accessToken),
      scopes: input.scopes,
      clientId: input.client.id,
      grantId: input.grantId,
      resource: input.resource,
      createdAt: input.now,
      expiresAt: new Date(input.now.getTime() + lifetimeS * 1000),
    },
  })
  return { accessToken, expiresIn: lifetimeS }
}

/** Revokes the grant and every access and refresh token it issued; takes effect on the next request. */
export async function revokeGrant(tx: Tx, grantId: string, now: Date): Promise<void> {
  await tx.oAuthGrant.updateMany({
    where: { id: grantId, revokedAt: null },
    data: { revokedAt: now },
  })
  await tx.apiToken.updateMany({ where: { grantId, revokedAt: null }, data: { revokedAt: now } })
  await tx.refreshToken.updateMany({
    where: { grantId, revokedAt: null },
    data: { revokedAt: now },
  })
}

/** Whether the user has authorized the client and not revoked it since (any live grant). */
export async function hasLiveGrant(
  prisma: PrismaClient,
  userId: string,
  clientId: string,
): Promise<boolean> {
  const grant = await prisma.oAuthGrant.findFirst({
    where: { userId, clientId, revokedAt: null },
    select: { id: true },
  })
  return grant !== null
}
