/**
 * The people and keys most tests and benchmarks start from, written through the real helpers:
 * a user (created once per email) and a new manual `tkc_` key for them.
 */
import { SCOPES, type Scope } from '@tokencraft/shared'
import { createManualToken } from '../../src/auth/api-tokens.ts'
import type { Caller } from '../../src/domain/caller.ts'
import type { PrismaClient } from '../../src/generated/prisma/client.ts'

export type UserKey = {
  userId: string
  /** The domain's caller for the user with the key's scopes. */
  caller: Caller
  /** The key itself, for `Authorization: Bearer …`. */
  key: string
}

export async function userKey(
  prisma: PrismaClient,
  email: string,
  scopes: readonly Scope[] = SCOPES,
): Promise<UserKey> {
  const user =
    (await prisma.user.findUnique({ where: { email } })) ??
    (await prisma.user.create({ data: { email, passwordHash: 'unused' } }))
  const key = await createManualToken(prisma, {
    userId: user.id,
    name: 'test',
    scopes: [...scopes],
    expiresAt: null,
    now: new Date(),
  })
  return { userId: user.id, caller: { userId: user.id, scopes: [...scopes] }, key }
}
