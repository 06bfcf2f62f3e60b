import type { Context, Middleware } from 'koa'
import { clearCookie, setCookie } from './cookies.ts'
import { type AuthDeps, secureCookies } from './deps.ts'
import { randomSecret, sha256Hex } from './secrets.ts'

export const SESSION_COOKIE = 'tokencraft_session'
const SESSION_LIFETIME_SECONDS = 30 * 24 * 60 * 60
/** Session ids are 32 random bytes in base64url. */
const SESSION_ID = /^[A-Za-z0-9_-]{43}$/

export type WebSession = {
  id: string
  user: { id: string; email: string }
  /** compared with the `_csrf` field of every form POST */
  csrfSecret: string
}

/** The signed-in browser session, if any (set by `loadSession`). */
export function sessionOf(ctx: Context): WebSession | undefined {
  return ctx.state.session as WebSession | undefined
}

/**
 * Reads the session cookie and puts the live session on `ctx.state.session`. The cookie holds a
 * random id; the database holds only its SHA-256, so a leaked table does not yield sessions.
 * A cookie that matches nothing (forged, expired, logged out) is treated as no session.
 */
export function loadSession(deps: AuthDeps): Middleware {
  return async (ctx, next) => {
    const cookie = ctx.cookies.get(SESSION_COOKIE, { signed: false })
    if (cookie && SESSION_ID.test(cookie)) {
      const row = await deps.prisma.session.findUnique({
        where: { tokenHash: sha256Hex(cookie) },
        select: {
          id: true,
          csrfSecret: true,
          expiresAt: true,
          user: { select: { id: true, email: true } },
        },
      })
      if (row && row.expiresAt > deps.clock()) {
        const session: WebSession = { id: row.id, user: row.user, csrfSecret: row.csrfSecret }
        ctx.state.session = session
      }
    }
    await next()
  }
}

/** Starts a fresh session (a new id on every log-in: no session fixation) and sets its cookie. */
export async function startSession(deps: AuthDeps, ctx: Context, userId: string): Promise<void> {
  await endSession(deps, ctx)
  const cookie = randomSecret(32)
  const now = deps.clock()
  await deps.prisma.session.create({
    data: {
      tokenHash: sha256Hex(cookie),
      userId,
      csrfSecret: randomSecret(32),
      createdAt: now,
      expiresAt: new Date(now.getTime() + SESSION_LIFETIME_SECONDS * 1000),
    },
  })
  setCookie(ctx, SESSION_COOKIE, cookie, {
    secure: secureCookies(deps),
    maxAge: SESSION_LIFETIME_SECONDS,
  })
}

/** Deletes the current session row, if any, and clears the cookie. */
export async function endSession(deps: AuthDeps, ctx: Context): Promise<void> {
  const session = sessionOf(ctx)
  if (session) {
    await deps.prisma.session.deleteMany({ where: { id: session.id } })
    ctx.state.session = undefined
  }
  if (ctx.cookies.get(SESSION_COOKIE, { signed: false }))
    clearCookie(ctx, SESSION_COOKIE, secureCookies(deps))
}
