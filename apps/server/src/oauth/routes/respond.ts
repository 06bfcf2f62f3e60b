import type { Context } from 'koa'
import { OAuthError } from '../errors.ts'

/**
 * Answers an OAuth JSON endpoint: the RFC 6749 §5.2 error body for an OAuthError (401 with a
 * Basic challenge for invalid_client when Basic was tried, §5.2), and never a cached response
 * (§5.1: Cache-Control: no-store).
 */
export async function oauthJson(
  ctx: Context,
  work: () => Promise<{ status: number; body: unknown }>,
): Promise<void> {
  ctx.set('Cache-Control', 'no-store')
  ctx.set('Pragma', 'no-cache')
  try {
    const { status, body } = await work()
    ctx.status = status
    ctx.body = body
  } catch (error) {
    if (!(error instanceof OAuthError)) throw error
    ctx.status = error.status
    if (error.code === 'invalid_client' && /^Basic\s/i.test(ctx.get('Authorization'))) {
      ctx.set('WWW-Authenticate', 'Basic realm="Tokencraft OAuth", charset="UTF-8"')
    }
    ctx.body = error.toJSON()
  }
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
