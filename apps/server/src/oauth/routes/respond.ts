import type { Context } from 'koa'
import { OAuthError } from '../errors.ts'

/**
 * Answers an OAuth JSON endpoint, never cached (RFC 6749 §5.1: Cache-Control: no-store). What
 * `work` throws, an OAuthError above all, is answered with the RFC 6749 §5.2 error body by the
 * app's error responses (http/errors.tsx), as for every path under /api/oauth/.
 */
export async function oauthJson(
  ctx: Context,
  work: () => Promise<{ status: number; body: unknown }>,
): Promise<void> {
  ctx.set('Cache-Control', 'no-store')
  ctx.set('Pragma', 'no-cache')
  const { status, body } = await work()
  ctx.status = status
  ctx.body = body
}

/** The parsed request body, or an empty object. */
export function bodyOf(ctx: Context): Record<string, unknown> {
  const body = (ctx.request as { body?: unknown }).body
  return body && typeof body === 'object' && !Array.isArray(body)
    ? (body as Record<string, unknown>)
    : {}
}

/** RFC 6749 §3.2: token and revocation requests are application/x-www-form-urlencoded. */
export function requireForm(ctx: Context): void {
  if (!ctx.is('application/x-www-form-urlencoded')) {
    throw new OAuthError('invalid_request', 'Send the request as application/x-www-form-urlencoded')
  }
}
