/** `GET /healthz`: 200 {"status":"ok"} when the database answers, 503 otherwise (SPEC §1). */
import Router from '@koa/router'
import type { AppContext } from '../context.ts'

export function healthRouter({ db }: AppContext): Router {
  const router = new Router()
  router.get('/healthz', async (ctx) => {
    const up = await db.ping()
    ctx.set('Cache-Control', 'no-store')
    ctx.status = up ? 200 : 503
    ctx.body = { status: up ? 'ok' : 'unavailable' }
  })
  return router
}
