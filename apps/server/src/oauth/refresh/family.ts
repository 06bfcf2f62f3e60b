/**
 * Refresh tokens of a grant (the family of one authorization of a client by a user, see
 * store/grants.ts). Stored as SHA-256 hashes, like every token.
 */
import { sha256Hex } from '../../auth/secrets.ts'
import type { Prisma, PrismaClient } from '../../generated/prisma/client.ts'
import { generateAccessToken } from '../secrets.ts'
import { REFRESH_TOKEN_LIFETIME_MS } from './rotation.ts'

type Db = PrismaClient | Prisma.TransactionClient

/** Refresh tokens have the form of access tokens: 256 random bits as 64 lowercase hex. */
const generateRefreshToken = generateAccessToken

/** A new refresh token of the grant: the first at the code exchange, then one per rotation. */
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

/** The grant and client of a presented refresh token, for the revocation endpoint (RFC 7009). */
export function findRefreshTokenGrant(
  db: Db,
  token: string,
): Promise<{ grantId: string; grant: { clientId: string } } | null> {
  return db.refreshToken.findUnique({
    where: { tokenHash: sha256Hex(token) },
    select: { grantId: true, grant: { select: { clientId: true } } },
  })
}
