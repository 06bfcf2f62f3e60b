import type { Context } from 'koa'
import type { VNode } from 'preact'
import { render } from 'preact-render-to-string'

/** Renders a page component as the HTML response; pages are never cached (they carry CSRF tokens). */
export function renderPage(ctx: Context, page: VNode, status = 200): void {
  ctx.status = status
  ctx.type = 'html'
  ctx.set('Cache-Control', 'no-store')
  ctx.body = `<!doctype html>${render(page)}`
}
