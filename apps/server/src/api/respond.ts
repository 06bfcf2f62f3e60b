/**
 * What the domain routes of REST v1 share: the caller from the bearer middleware, and request
 * bodies and queries checked by zod (a 400 naming what is wrong, answered by http/errors.tsx).
 */
import { bodyParser } from '@koa/bodyparser'
import type { Context, Middleware } from 'koa'
import type { z } from 'zod'
import { bearerAuthOf } from '../auth/bearer.ts'
import type { Caller } from '../domain/caller.ts'
import type { Db } from '../domain/db.ts'
import { unstorableText } from '../domain/storable-text.ts'

/** What the domain routes need of the AppContext. */
export type DomainApiDeps = { prisma: Db }

/** JSON bodies up to 10 MB: a bulk document of thousands of tokens is one request (SPEC §7). */
export const jsonBody = bodyParser({
  enableTypes: ['json'],
  jsonLimit: '10mb',
  // co-body marks unreadable JSON 400 without `expose`: answer it as the client's error
  onError: (error, ctx) => {
    const status = (error as { status?: number }).status
    if (status === 413) ctx.throw(413, 'The body is larger than 10 MB')
    ctx.throw(400, 'Bad request: the body is not valid JSON')
  },
}) as Middleware

export function callerOf(ctx: Context): Caller {
  const auth = bearerAuthOf(ctx)
  return { userId: auth.user.id, scopes: auth.scopes }
}

function parsed<S extends z.ZodType>(ctx: Context, schema: S, input: unknown, what: string) {
  const unstorable = unstorableText(input, what)
  if (unstorable) return ctx.throw(400, `Bad request: ${unstorable}`)
  const result = schema.safeParse(input)
  if (result.success) return result.data as z.output<S>
  const problems = result.error.issues
    .map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : what}: ${issue.message}`)
    .join('; ')
  return ctx.throw(400, `Bad request: ${problems}`)
}

/** The parsed JSON body, or a 400. */
export const bodyOf = <S extends z.ZodType>(ctx: Context, schema: S): z.output<S> =>
  parsed(ctx, schema, (ctx.request as { body?: unknown }).body ?? {}, 'body')

/** The parsed query string, or a 400. */
export const queryOf = <S extends z.ZodType>(ctx: Context, schema: S): z.output<S> =>
  parsed(ctx, schema, ctx.query, 'query')
