/**
 * What every domain route of REST v1 shares: the caller from the bearer middleware, request
 * bodies checked by zod (400), and domain refusals as JSON errors with their status (SPEC §7).
 */
import type { Context, Middleware } from 'koa'
import type { z } from 'zod'
import { bearerAuthOf } from '../auth/bearer.ts'
import type { Caller } from '../domain/caller.ts'
import { DomainError, type DomainErrorKind } from '../domain/errors.ts'

export const STATUS: Record<DomainErrorKind, number> = {
  not_found: 404,
  insufficient_scope: 403,
  forbidden: 403,
  invalid: 422,
  conflict: 409,
}

/** A request the route cannot read (malformed body or query): 400. */
export class BadRequest extends Error {}

export function callerOf(ctx: Context): Caller {
  const auth = bearerAuthOf(ctx)
  return { userId: auth.user.id, scopes: auth.scopes }
}

const describe = (error: z.ZodError) =>
  error.issues
    .map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : 'body'}: ${issue.message}`)
    .join('; ')

/** The parsed request body, or a 400 naming what is wrong. */
export function bodyOf<S extends z.ZodType>(ctx: Context, schema: S): z.output<S> {
  const parsed = schema.safeParse((ctx.request as { body?: unknown }).body ?? {})
  if (!parsed.success) throw new BadRequest(describe(parsed.error))
  return parsed.data
}

/** The parsed query string, or a 400. */
export function queryOf<S extends z.ZodType>(ctx: Context, schema: S): z.output<S> {
  const parsed = schema.safeParse(ctx.query)
  if (!parsed.success) throw new BadRequest(describe(parsed.error))
  return parsed.data
}

/** Domain refusals and unreadable requests as `{"error": "…"}` with the fitting status. */
export function domainErrors(): Middleware {
  return async (ctx, next) => {
    try {
      await next()
    } catch (error) {
      if (error instanceof DomainError) {
        ctx.status = STATUS[error.kind]
        if (error.kind === 'insufficient_scope' && error.scope) {
          // RFC 6750 §3.1: the scope that would allow the request
          ctx.set('WWW-Authenticate', `Bearer error="insufficient_scope", scope="${error.scope}"`)
        }
        ctx.body = { error: error.message }
      } else if (error instanceof BadRequest) {
        ctx.status = 400
        ctx.body = { error: `Bad request: ${error.message}` }
      } else if (isBodyParserError(error)) {
        ctx.status = 400
        ctx.body = { error: 'Bad request: the body is not valid JSON' }
      } else {
        throw error
      }
    }
  }
}

function isBodyParserError(error: unknown): boolean {
  const status = (error as { status?: number } | null)?.status
  return typeof status === 'number' && status >= 400 && status < 500
}
