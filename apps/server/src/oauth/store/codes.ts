/**
 * Authorization codes (`oauth_authorization_codes`): stored as SHA-256 hashes, 10 minutes,
 * single use, bound to the client, redirect URI, PKCE challenge, user, scopes and resource
 * (OAuth 2.1 §4.1.2, seed "Token lifecycle").
 */
import { sha256Hex } from '../../auth/secrets.ts'
import type { PrismaClient } from '../../generated/prisma/client.ts'
import { ACCESS_TOKEN_LIFETIME_S, CODE_LIFETIME_MS } from '../lifetimes.ts'
import type { ValidAuthorizationRequest } from '../rules/authorization-request.ts'
import { generateOpaque } from '../secrets.ts'

/** Issues a code for an approved request; the code itself goes only into the redirect. */
export async function issueCode(
  prisma: PrismaClient,
  request: ValidAuthorizationRequest,
  userId: string,
  now: Date,
): Promise<string> {
  const code = generateOpaque()
  // Used codes are kept for reuse detection while a token they issued can still be alive; after
  // that nothing is left to revoke, so codes past their expiry by a token lifetime are swept.
  const sweepBefore = new Date(now.getTime() - ACCESS_TOKEN_LIFETIME_S * 1000)
  await prisma.authorizationCode.deleteMany({ where: { expiresAt: { lt: sweepBefore } } })
  await prisma.authorizationCode.create({
    data: {
      codeHash: sha256Hex(code),
      clientId: request.clientId,
      userId,
      redirectUri: request.redirectUri,
      scopes: request.scopes,
      codeChallenge: request.codeChallenge,
      resource: request.resource ?? null,
      createdAt: now,
      expiresAt: new Date(now.getTime() + CODE_LIFETIME_MS),
    },
  })
  return code
}

/** The client a code was issued to, or undefined for a code this server never issued. */
export async function clientOfCode(
  prisma: PrismaClient,
  code: string,
): Promise<string | undefined> {
  const row = await prisma.authorizationCode.findUnique({
    where: { codeHash: sha256Hex(code) },
    select: { clientId: true },
  })
  return row?.clientId
}
