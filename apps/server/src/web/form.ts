import { bodyParser } from '@koa/bodyparser'
import type { Context, Middleware } from 'koa'

/**
 * Parses an application/x-www-form-urlencoded body of at most 32 kB; a larger one is refused
 * with 413 by the parser, before it is read into memory whole.
 */
export function formBody(): Middleware {
  return bodyParser({
    enableTypes: ['form'],
    formLimit: '32kb',
    onError: (error, ctx) => {
      if ((error as { status?: number }).status === 413) {
        ctx.throw(413, 'That form was too large to accept.')
      }
      throw error
    },
  }) as Middleware
}

function body(ctx: Context): Record<string, unknown> {
  const parsed = (ctx.request as { body?: unknown }).body
  return parsed && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : {}
}

/** One text field ('' when missing or sent several times). */
export function field(ctx: Context, name: string): string {
  const value = body(ctx)[name]
  return typeof value === 'string' ? value : ''
}

/** A field that may repeat (checkboxes). */
export function fields(ctx: Context, name: string): string[] {
  const value = body(ctx)[name]
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string')
  return typeof value === 'string' ? [value] : []
}
