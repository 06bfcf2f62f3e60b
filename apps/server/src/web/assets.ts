import { readFileSync } from 'node:fs'
import Router from '@koa/router'

/** The pages' stylesheet and their one script, read once at start. */
const ASSETS: Record<string, { type: string; body: string }> = {
  'app.css': { type: 'text/css; charset=utf-8', body: read('app.css') },
  'copy.js': { type: 'text/javascript; charset=utf-8', body: read('copy.js') },
}

function read(name: string): string {
  return readFileSync(new URL(`./assets/${name}`, import.meta.url), 'utf8')
}

export function assetsRouter(): Router {
  const router = new Router()
  router.get('/assets/:name', (ctx) => {
    const asset = ASSETS[ctx.params.name ?? '']
    if (!asset) return
    ctx.type = asset.type
    ctx.set('Cache-Control', 'public, max-age=3600')
    ctx.body = asset.body
  })
  return router
}
