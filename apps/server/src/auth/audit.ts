/**
 * Authentication events as structured log lines (OWASP Logging Cheat Sheet, "Which events to
 * log": authentication successes and failures, session end, credential changes): one pino line
 * at `info` per event, `{"audit":"auth","event":"sign_in",…}`, with the client address. Never a
 * password, a token or a secret: only ids, names and the token's hint.
 */
import type { Context } from 'koa'
import type { Logger } from '../logger.ts'

export type AuthEvent =
  | { event: 'sign_up'; userId: string }
  | { event: 'sign_in'; userId: string }
  | { event: 'sign_in_failed'; email: string; reason: 'bad_credentials' | 'throttled' }
  | { event: 'sign_out'; userId: string }
  | { event: 'api_token_created'; userId: string; name: string; hint: string; scopes: string[] }
  | { event: 'api_token_deleted'; userId: string; tokenId: string }
  | {
      event: 'oauth_consent'
      userId: string
      clientId: string
      scopes: string[]
      decision: 'approve' | 'deny'
    }
  | { event: 'oauth_token_issued'; clientId: string; grantType: string }
  | { event: 'oauth_token_revoked'; clientId: string | null }

/** Emails attackers type are logged, bounded, to spot credential stuffing. */
const MAX_LOGGED_EMAIL = 254

export function logAuthEvent(logger: Logger, ctx: Context, event: AuthEvent): void {
  const fields =
    event.event === 'sign_in_failed'
      ? { ...event, email: event.email.slice(0, MAX_LOGGED_EMAIL) }
      : event
  logger.info({ audit: 'auth', ...fields, ip: ctx.ip }, `auth: ${event.event}`)
}
