/**
 * A token family is one grant (one authorization of a client by a user) with every access and
 * refresh token issued under it. Refresh tokens are stored as SHA-256 hashes, like every token.
 */
import { sha256Hex, tokenHint } from '../../auth/secrets.ts'
import type { Prisma, PrismaClient } from '../../generated/prisma/client.ts'
import { ACCESS_TOKEN_LIFETIME_S } from '../lifetimes.ts'
import { generateAccessToken, oauthTokenName } from '../secrets.ts'
import { REFRESH_TOKEN_LIFETIME_MS } from './rotation.ts'

type Db = PrismaClient | Prisma.TransactionClient

/** Refresh tokens have the form of access tokens (256 random bits as 64 lowercase hex). */
export const generateRefreshToken = generateAccessToken

/** Issues the first refresh token of a grant (at the authorization-code exchange). */
export async function issueRefreshToken(
  db: Db,
  grantId: string,
  now: Date,
): Promise<{ token: string; id: string }> {
  const token = generateRefreshToken()
  const { id } = await db.refreshToken.create({
    data: {
      tokenHash: sha256Hex(token),
      grantId,
      createdAt: now,
      expiresAt: new Date(now.getTime() + REFRESH_TOKEN_LIFETIME_MS),
    },
    select: { id: true },
  })
  return { token, id }
}

export type FamilyAccessToken = { token: string; expiresAt: Date; scopes: string[] }

/**
 * An access token of a family: 64 lowercase hex, 30 days, named `MCP OAuth — {client name}`,
 * stored as a hash (seed: Token lifecycle).
 */
export async function issueAccessToken(
  db: Db,
  grant: { id: string; userId: string; clientId: string; resource: string | null },
  client: { name: string },
  scopes: string[],
  now: Date,
): Promise<FamilyAccessToken> {
  const token = generateAccessToken()
  const expiresAt = new Date(now.getTime() + ACCESS_TOKEN_LIFETIME_S * 1000)
  await db.apiToken.create({
    data: {
      userId: grant.userId,
      kind: 'oauth',
      name: oauthTokenName(client.name),
      tokenHash: sha256Hex(token),
      hint: tokenHint(token),
      scopes,
      clientId: grant.clientId,
      grantId: grant.id,
      resource: grant.resource,
      createdAt: now,
      expiresAt,
    },
  })
  return { token, expiresAt, scopes }
}

/**
 * Ends a family: the grant and every token under it, access and refresh alike, take effect on the
 * next request (SPEC §4). Used for refresh-token reuse, and when either kind of token is revoked.
 */
export async function revokeGrantFamily(db: Db, grantId: string, now: Date): Promise<void> {
  await db.oAuthGrant.updateMany({
    where: { id: grantId, revokedAt: null },
    data: { revokedAt: now },
  })
  await db.apiToken.updateMany({ where: { grantId, revokedAt: null }, data: { revokedAt: now } })
  await db.refreshToken.updateMany({
    where: { grantId, revokedAt: null },
    data: { revokedAt: now },
  })
}

/**
 * The grant a presented token (access or refresh) belongs to, or undefined when it is no token of
 * a family. The revocation endpoint and API Settings revoke the whole family through this.
 */
export async function grantOfToken(db: Db, token: string): Promise<string | undefined> {
  const tokenHash = sha256Hex(token)
  const refresh = await db.refreshToken.findUnique({
    where: { tokenHash },
    select: { grantId: true },
  })
  if (refresh) return refresh.grantId
  const access = await db.apiToken.findUnique({ where: { tokenHash }, select: { grantId: true } })
  return access?.grantId ?? undefined
}
