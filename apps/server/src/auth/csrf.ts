import type { Context, Middleware } from 'koa'
import { setCookie } from './cookies.ts'
import { type AuthDeps, secureCookies } from './deps.ts'
import { randomSecret, safeEqual } from './secrets.ts'
import { sessionOf } from './sessions.ts'

/** The hidden form field every POST form carries. */
export const CSRF_FIELD = '_csrf'
/** Before sign-in (sign-up and log-in forms) the secret lives in its own HttpOnly cookie. */
const PRE_SESSION_COOKIE = 'tokencraft_csrf'

/**
 * The synchronizer token for the forms of this response (OWASP CSRF Prevention Cheat Sheet):
 * the session's `csrf_secret` when signed in, otherwise a per-browser secret in a cookie
 * (double submit), so that log-in CSRF is refused too.
 */
export function csrfToken(deps: AuthDeps, ctx: Context): string {
  const session = sessionOf(ctx)
  if (session) return session.csrfSecret
  const existing = ctx.cookies.get(PRE_SESSION_COOKIE, { signed: false })
  if (existing) return existing
  const created = randomSecret(32)
  setCookie(ctx, PRE_SESSION_COOKIE, created, { secure: secureCookies(deps) })
  return created
}

/** Whether the submitted token matches the session's secret or the pre-session cookie. */
export function csrfTokenValid(ctx: Context, submitted: unknown): boolean {
  if (typeof submitted !== 'string' || submitted === '') return false
  const expected = [
    sessionOf(ctx)?.csrfSecret,
    ctx.cookies.get(PRE_SESSION_COOKIE, { signed: false }),
  ]
  return expected.some((secret) => secret !== undefined && safeEqual(secret, submitted))
}

/**
 * Refuses a form POST whose `_csrf` field does not match (403). Mount after the form body
 * is parsed (`ctx.request.body`).
 */
export function requireCsrf(): Middleware {
  return async (ctx, next) => {
    const body = (ctx.request as { body?: Record<string, unknown> }).body
    if (!csrfTokenValid(ctx, body?.[CSRF_FIELD])) {
      ctx.throw(
        403,
        'This form has expired or did not come from this site. Reload the page and try again.',
      )
    }
    await next()
  }
}
