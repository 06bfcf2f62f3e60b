import Router from '@koa/router'
import type { OAuthDeps } from '../deps.ts'
import { authorizationServerMetadata, protectedResourceMetadata } from '../metadata.ts'

/** RFC 8414 §3 and RFC 9728 §3: the well-known metadata documents, built once from PUBLIC_URL. */
export function metadataRouter(deps: Pick<OAuthDeps, 'config'>): Router {
  const router = new Router()
  const server = authorizationServerMetadata(deps.config.publicUrl)
  const resource = protectedResourceMetadata(deps.config.publicUrl)
  router.get('/.well-known/oauth-authorization-server', (ctx) => {
    ctx.body = server
  })
  // RFC 9728 §3.1: the resource's path is appended to the well-known prefix; the bare prefix
  // answers too, for clients that look there first
  router.get(
    ['/.well-known/oauth-protected-resource', '/.well-known/oauth-protected-resource/api/mcp'],
    (ctx) => {
      ctx.body = resource
    },
  )
  return router
}
