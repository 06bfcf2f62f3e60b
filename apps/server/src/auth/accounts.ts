import type { PrismaClient } from '../generated/prisma/client.ts'
import { checkPassword, hashPassword } from './password.ts'

export const PERSONAL_WORKSPACE = 'Personal'

export type Account = { id: string; email: string }

/** Emails are compared and stored lower-cased and trimmed. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase()
}

/** A plain shape check (RFC 5321 §4.5.3.1.3 caps a path at 256 octets); delivery is not tested. */
export function isPlausibleEmail(email: string): boolean {
  return email.length <= 254 && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)
}

/**
 * Creates the user and their "Personal" workspace, owned by them: one nested write, which Prisma
 * runs in a single transaction. Returns undefined when the email already has an account.
 */
export async function createAccount(
  prisma: PrismaClient,
  email: string,
  password: string,
): Promise<Account | undefined> {
  const passwordHash = await hashPassword(password)
  try {
    return await prisma.user.create({
      data: {
        email: normalizeEmail(email),
        passwordHash,
        memberships: {
          create: { role: 'owner', workspace: { create: { name: PERSONAL_WORKSPACE } } },
        },
      },
      select: { id: true, email: true },
    })
  } catch (error) {
    if ((error as { code?: string }).code === 'P2002') return undefined
    throw error
  }
}

/** The account when the password matches; the same time is spent when the email is unknown. */
export async function authenticate(
  prisma: PrismaClient,
  email: string,
  password: string,
): Promise<Account | undefined> {
  const user = await prisma.user.findUnique({
    where: { email: normalizeEmail(email) },
    select: { id: true, email: true, passwordHash: true },
  })
  const ok = await checkPassword(password, user?.passwordHash)
  return ok && user ? { id: user.id, email: user.email } : undefined
}
