import type { PrismaClient } from '../generated/prisma/client.ts'
import type { Logger } from '../logger.ts'
import { cookieName } from './cookies.ts'

/** The part of the AppContext the auth modules use (AppContext satisfies it). */
export type AuthDeps = {
  prisma: PrismaClient
  clock: () => Date
  config: { publicUrl: string }
  logger: Logger
}

/** Cookies carry `Secure` when the server is reached over https (SPEC §2). */
export function secureCookies(deps: Pick<AuthDeps, 'config'>): boolean {
  return deps.config.publicUrl.startsWith('https:')
}

/** A cookie's name as this server sets and reads it: `__Host-` prefixed over https. */
export function cookieNameFor(deps: Pick<AuthDeps, 'config'>, name: string): string {
  return cookieName(name, secureCookies(deps))
}
