/**
 * Turns every error and every unmatched route into a deliberate response: JSON
 * `{"error": "..."}` under /api/, a plain page elsewhere. A stack trace or an internal message
 * never reaches the client; server errors are logged with their stack instead.
 */
import { STATUS_CODES } from 'node:http'
import type { Context, Middleware, Next } from 'koa'
import type { Logger } from '../logger.ts'

type HttpishError = Error & {
  status?: number
  statusCode?: number
  expose?: boolean
  headers?: Record<string, string>
}

function statusOf(error: HttpishError): number {
  const status = error.status ?? error.statusCode
  return typeof status === 'number' && status >= 400 && status <= 599 ? status : 500
}

function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string,
  )
}

function isApi(path: string): boolean {
  return path === '/api' || path.startsWith('/api/')
}

export function respondWithError(ctx: Context, status: number, message: string): void {
  ctx.status = status
  if (isApi(ctx.path)) {
    ctx.body = { error: message }
    return
  }
  const title = `${status} ${STATUS_CODES[status] ?? 'Error'}`
  ctx.type = 'text/html; charset=utf-8'
  ctx.body = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)} · Tokencraft</title></head>
<body><h1>${escapeHtml(title)}</h1><p>${escapeHtml(message)}</p></body></html>
`
}

export function errorHandler(logger: Logger): Middleware {
  return async (ctx: Context, next: Next) => {
    try {
      await next()
      if (ctx.status === 404 && ctx.body == null) respondWithError(ctx, 404, 'not found')
    } catch (thrown) {
      const error = (thrown instanceof Error ? thrown : new Error(String(thrown))) as HttpishError
      const status = statusOf(error)
      // Only errors made to be shown (ctx.throw(4xx, …), body-parser errors) keep their text.
      const message =
        status < 500 && error.expose !== false
          ? error.message
          : (STATUS_CODES[status] ?? 'error').toLowerCase()
      if (status >= 500)
        logger.error({ err: error, method: ctx.method, path: ctx.path }, 'request failed')
      ctx.set(error.headers ?? {})
      respondWithError(ctx, status, message)
    }
  }
}
