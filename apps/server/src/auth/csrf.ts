import type { Context, Middleware } from 'koa'
import { setCookie } from './cookies.ts'
import { type AuthDeps, cookieNameFor, secureCookies } from './deps.ts'

type CookieDeps = Pick<AuthDeps, 'config'>

import { randomSecret, safeEqual } from './secrets.ts'
import { sessionOf } from './sessions.ts'

/** The hidden form field every POST form carries. */
export const CSRF_FIELD = '_csrf'
/**
 * Before sign-in (sign-up and log-in forms) the secret lives in its own HttpOnly cookie;
 * `__Host-tokencraft_csrf` over https.
 */
export const PRE_SESSION_COOKIE = 'tokencraft_csrf'

/**
 * The synchronizer token for the forms of this response (OWASP CSRF Prevention Cheat Sheet):
 * the session's `csrf_secret` when signed in, otherwise a per-browser secret in a cookie
 * (double submit), so that log-in CSRF is refused too.
 */
export function csrfToken(deps: CookieDeps, ctx: Context): string {
  const session = sessionOf(ctx)
  if (session) return session.csrfSecret
  const name = cookieNameFor(deps, PRE_SESSION_COOKIE)
  const existing = ctx.cookies.get(name, { signed: false })
  if (existing) return existing
  const created = randomSecret(32)
  setCookie(ctx, name, created, { secure: secureCookies(deps) })
  return created
}

/**
 * Whether the submitted token is the one this browser may send: with a session, only the
 * session's own secret, which exists nowhere but in the database and the session's pages. The
 * pre-session cookie counts only before sign-in: an attacker who can plant a cookie (a sibling
 * subdomain, a plain-http response) chooses both it and the field, so with a session it would
 * let a forged form through (OWASP CSRF Cheat Sheet, "Naive Double-Submit Cookie Pattern").
 */
export function csrfTokenValid(deps: CookieDeps, ctx: Context, submitted: unknown): boolean {
  if (typeof submitted !== 'string' || submitted === '') return false
  const session = sessionOf(ctx)
  const expected = session
    ? session.csrfSecret
    : ctx.cookies.get(cookieNameFor(deps, PRE_SESSION_COOKIE), { signed: false })
  return expected !== undefined && expected !== '' && safeEqual(expected, submitted)
}

/**
 * Refuses a form POST whose `_csrf` field does not match (403). Mount after the form body
 * is parsed (`ctx.request.body`).
 */
export function requireCsrf(deps: CookieDeps): Middleware {
  return async (ctx, next) => {
    const body = (ctx.request as { body?: Record<string, unknown> }).body
    if (!csrfTokenValid(deps, ctx, body?.[CSRF_FIELD])) {
      ctx.throw(
        403,
        'This form has expired or did not come from this site. Reload the page and try again.',
      )
    }
    await next()
  }
}
