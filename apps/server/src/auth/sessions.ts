import type { Context, Middleware } from 'koa'
import { clearCookie, setCookie } from './cookies.ts'
import { type AuthDeps, cookieNameFor, secureCookies } from './deps.ts'
import { randomSecret, sha256Hex } from './secrets.ts'

/** The session cookie's name over plain http; `__Host-tokencraft_session` over https. */
export const SESSION_COOKIE = 'tokencraft_session'
/** A session ends 30 days after sign-in, however much it is used (docs/security.md). */
export const SESSION_LIFETIME_SECONDS = 30 * 24 * 60 * 60
/** …and earlier when no page was requested with it for 24 hours (docs/security.md). */
export const SESSION_IDLE_TIMEOUT_SECONDS = 24 * 60 * 60
/** last_seen_at is written at most once per this interval, not on every request. */
const LAST_SEEN_RESOLUTION_MS = 60_000
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

/** Whether a session row is still alive at `now`: within its lifetime and not idle too long. */
export function sessionIsLive(row: { expiresAt: Date; lastSeenAt: Date }, now: Date): boolean {
  return (
    row.expiresAt > now &&
    now.getTime() - row.lastSeenAt.getTime() < SESSION_IDLE_TIMEOUT_SECONDS * 1000
  )
}

/**
 * Reads the session cookie and puts the live session on `ctx.state.session`. The cookie holds a
 * random id; the database holds only its SHA-256, so a leaked table does not yield sessions.
 * A cookie that matches nothing (forged, expired, idle, logged out) is treated as no session.
 */
export function loadSession(deps: AuthDeps): Middleware {
  const name = cookieNameFor(deps, SESSION_COOKIE)
  return async (ctx, next) => {
    const cookie = ctx.cookies.get(name, { signed: false })
    if (cookie && SESSION_ID.test(cookie)) {
      const row = await deps.prisma.session.findUnique({
        where: { tokenHash: sha256Hex(cookie) },
        select: {
          id: true,
          csrfSecret: true,
          expiresAt: true,
          lastSeenAt: true,
          user: { select: { id: true, email: true } },
        },
      })
      const now = deps.clock()
      if (row && sessionIsLive(row, now)) {
        const session: WebSession = { id: row.id, user: row.user, csrfSecret: row.csrfSecret }
        ctx.state.session = session
        if (now.getTime() - row.lastSeenAt.getTime() >= LAST_SEEN_RESOLUTION_MS) {
          await deps.prisma.session.updateMany({
            where: { id: row.id },
            data: { lastSeenAt: now },
          })
        }
      } else if (row) {
        await deps.prisma.session.deleteMany({ where: { id: row.id } })
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
  // the user's sessions that have ended by time go when a new one starts
  await deps.prisma.session.deleteMany({
    where: {
      userId,
      OR: [
        { expiresAt: { lte: now } },
        { lastSeenAt: { lte: new Date(now.getTime() - SESSION_IDLE_TIMEOUT_SECONDS * 1000) } },
      ],
    },
  })
  await deps.prisma.session.create({
    data: {
      tokenHash: sha256Hex(cookie),
      userId,
      csrfSecret: randomSecret(32),
      createdAt: now,
      lastSeenAt: now,
      expiresAt: new Date(now.getTime() + SESSION_LIFETIME_SECONDS * 1000),
    },
  })
  setCookie(ctx, cookieNameFor(deps, SESSION_COOKIE), cookie, {
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
  const name = cookieNameFor(deps, SESSION_COOKIE)
  if (ctx.cookies.get(name, { signed: false })) clearCookie(ctx, name, secureCookies(deps))
}
