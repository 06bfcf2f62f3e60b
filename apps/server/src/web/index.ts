import Router from '@koa/router'
import { accountsRouter } from './accounts-routes.tsx'
import { apiSettingsRouter } from './api-settings-routes.tsx'
import { assetsRouter } from './assets.ts'
import type { WebDeps } from './deps.ts'

export type { WebDeps } from './deps.ts'
export { field, fields, formBody } from './form.ts'
export { CsrfField, FormError, Layout } from './Layout.tsx'
export { renderPage } from './render.ts'

/** Every page the accounts engineer owns: assets, sign-up, log-in, log-out, API Settings. */
export function webRouter(deps: WebDeps): Router {
  const router = new Router()
  for (const child of [assetsRouter(), accountsRouter(deps), apiSettingsRouter(deps)]) {
    router.use(child.routes(), child.allowedMethods())
  }
  return router
}
