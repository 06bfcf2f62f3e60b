import type { Middleware } from 'koa'
import { ErrorPage } from './pages/ErrorPage.tsx'
import { renderPage } from './render.ts'

/**
 * Client errors thrown while serving a page (CSRF 403, body parser 400/413/415) become an HTML
 * page with the same status; anything else is left to the app's error handling.
 */
export function pageErrors(): Middleware {
  return async (ctx, next) => {
    try {
      await next()
    } catch (error) {
      const http = error as { status?: unknown; expose?: unknown; message?: unknown }
      if (typeof http.status !== 'number' || http.status >= 500 || !http.expose) throw error
      const message =
        http.status === 413 ? 'That form was too large to accept.' : String(http.message)
      renderPage(ctx, <ErrorPage status={http.status} message={message} />, http.status)
    }
  }
}
