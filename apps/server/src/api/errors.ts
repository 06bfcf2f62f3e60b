import type { Middleware } from 'koa'
import { DomainError } from '../domain/errors.ts'
import { DOMAIN_ERROR_STATUS } from '../http/domain-status.ts'

type Logger = { error: (obj: object, msg: string) => void }

/**
 * SPEC §7: JSON errors `{"error": "…"}` with 400, 401, 403, 404, 409, 422 or 429 as fits.
 * Turns every refusal under /api/v1 into a JSON error: domain refusals by kind, Koa's HTTP errors
 * (ctx.throw, body parser 400/413/415) by status, unmatched routes as 404; anything else is a 500
 * with a generic message, logged, never a stack.
 */
export function jsonErrors(logger: Logger): Middleware {
  return async (ctx, next) => {
    try {
      await next()
      if (ctx.status === 404 && ctx.body === undefined) ctx.body = { error: 'Not found' }
    } catch (error) {
      if (error instanceof DomainError) {
        ctx.status = DOMAIN_ERROR_STATUS[error.kind]
        if (error.kind === 'insufficient_scope' && error.scope) {
          // RFC 6750 §3.1: tell the client which scope would do
          ctx.set('WWW-Authenticate', `Bearer error="insufficient_scope", scope="${error.scope}"`)
        }
        ctx.body = { error: error.message }
        return
      }
      const http = error as { status?: unknown; expose?: unknown; message?: unknown }
      if (
        typeof http.status === 'number' &&
        http.status >= 400 &&
        http.status < 500 &&
        http.expose
      ) {
        ctx.status = http.status
        ctx.body = { error: String(http.message) }
        return
      }
      logger.error({ err: error }, 'unhandled error in /api/v1')
      ctx.status = 500
      ctx.body = { error: 'Internal server error' }
    }
  }
}
