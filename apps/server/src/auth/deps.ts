import type { PrismaClient } from '../generated/prisma/client.ts'

/** The part of the AppContext the auth modules use (AppContext satisfies it). */
export type AuthDeps = {
  prisma: PrismaClient
  clock: () => Date
  config: { publicUrl: string }
}

/** Cookies carry `Secure` when the server is reached over https (SPEC §2). */
export function secureCookies(deps: AuthDeps): boolean {
  return deps.config.publicUrl.startsWith('https:')
}
