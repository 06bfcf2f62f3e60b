import type { Scope } from '@tokencraft/shared'
import type { PrismaClient } from '../generated/prisma/client.ts'
import { generateManualToken, sha256Hex, tokenHint } from './secrets.ts'

/** A row of API Settings: manual and OAuth tokens alike (never the secret, only its hint). */
export type TokenListing = {
  id: string
  kind: 'manual' | 'oauth'
  name: string
  hint: string
  scopes: string[]
  createdAt: Date
  lastUsedAt: Date | null
  expiresAt: Date | null
}

/**
 * Every live (not revoked) token of the user, newest first, with the OAuth tokens of one
 * authorization (grant) as one entry (issue #8): refreshes add access tokens to a family, and
 * deleting the entry revokes the grant, which ends them all.
 */
export async function listTokens(prisma: PrismaClient, userId: string): Promise<TokenListing[]> {
  const rows = await prisma.apiToken.findMany({
    where: { userId, revokedAt: null, OR: [{ grantId: null }, { grant: { revokedAt: null } }] },
    orderBy: [{ createdAt: 'desc' }, { id: 'asc' }],
    select: {
      id: true,
      kind: true,
      name: true,
      hint: true,
      scopes: true,
      createdAt: true,
      lastUsedAt: true,
      expiresAt: true,
      grantId: true,
    },
  })
  return onePerAuthorization(rows)
}

const latest = (a: Date | null, b: Date | null) => (a && b ? (a > b ? a : b) : (a ?? b))

/**
 * Rows newest first → one entry per grant: the newest token's name, scopes and id (its Delete
 * revokes the grant), the family's first creation, last use and latest expiry.
 */
export function onePerAuthorization(
  rows: (TokenListing & { grantId: string | null })[],
): TokenListing[] {
  const entries: TokenListing[] = []
  const byGrant = new Map<string, TokenListing>()
  for (const { grantId, ...row } of rows) {
    const entry = grantId ? byGrant.get(grantId) : undefined
    if (!entry) {
      entries.push(row)
      if (grantId) byGrant.set(grantId, row)
      continue
    }
    entry.createdAt = row.createdAt
    entry.lastUsedAt = latest(entry.lastUsedAt, row.lastUsedAt)
    entry.expiresAt = latest(entry.expiresAt, row.expiresAt)
  }
  return entries
}

/** Creates a manual `tkc_` token; the returned secret is shown once and never stored. */
export async function createManualToken(
  prisma: PrismaClient,
  input: { userId: string; name: string; scopes: Scope[]; expiresAt: Date | null; now: Date },
): Promise<string> {
  const token = generateManualToken()
  await prisma.apiToken.create({
    data: {
      userId: input.userId,
      kind: 'manual',
      name: input.name,
      tokenHash: sha256Hex(token),
      hint: tokenHint(token),
      scopes: input.scopes,
      createdAt: input.now,
      expiresAt: input.expiresAt,
    },
  })
  return token
}

/**
 * Deletes one of the user's tokens. For an OAuth token the grant it came from is revoked in the
 * same transaction, so that its refresh token cannot mint a replacement. False when the user has
 * no such token.
 */
export async function deleteToken(
  prisma: PrismaClient,
  input: { userId: string; tokenId: string; now: Date },
): Promise<boolean> {
  return prisma.$transaction(async (tx) => {
    const token = await tx.apiToken.findFirst({
      where: { id: input.tokenId, userId: input.userId },
      select: { id: true, grantId: true },
    })
    if (!token) return false
    await tx.apiToken.delete({ where: { id: token.id } })
    if (token.grantId) {
      await tx.oAuthGrant.updateMany({
        where: { id: token.grantId, revokedAt: null },
        data: { revokedAt: input.now },
      })
    }
    return true
  })
}
