/**
 * The OAuth 2.1 authorization server (SPEC §3) and the Figma bridge (SPEC §8), as one router
 * for app.ts. Mount `publicEndpointsCors` and `hostCheck` (exported here) first.
 */
import Router from '@koa/router'
import type { Middleware } from 'koa'
import { addressRateLimit } from '../auth/rate-limit/index.ts'
import type { OAuthDeps } from './deps.ts'
import { authorizeRouter } from './routes/authorize.tsx'
import { figmaBridgeRouter } from './routes/figma.tsx'
import { metadataRouter } from './routes/metadata.ts'
import { registrationEndpoint } from './routes/register.ts'
import { revocationEndpoint } from './routes/revoke.ts'
import { tokenEndpoint } from './routes/token.ts'
import { ensurePreRegisteredClients } from './store/clients.ts'

export { publicEndpointsCors } from './cors.ts'
export type { OAuthDeps } from './deps.ts'
export { hostCheck } from './host-check.ts'

/**
 * Makes sure the pre-registered clients exist (`figma-plugin-v1` with PUBLIC_URL's callback,
 * `tokencraft-cli`): started when the app is built, awaited before any request that may look a
 * client up, retried after a failure (the database may still be starting).
 */
function preRegisteredClients(deps: OAuthDeps): Middleware {
  let ready: Promise<void> | undefined
  const ensure = () => {
    ready ??= ensurePreRegisteredClients(deps.prisma, deps.config.publicUrl).catch(
      (error: unknown) => {
        ready = undefined
        throw error
      },
    )
    return ready
  }
  ensure().catch(() => {})
  return async (_ctx, next) => {
    await ensure()
    await next()
  }
}

/** Every OAuth and Figma-bridge route, as one router for app.ts. */
export function oauthRouter(deps: OAuthDeps): Router {
  const router = new Router()
  const limited = addressRateLimit(deps, 'oauth')
  const clientsReady = preRegisteredClients(deps)
  router.post('/api/oauth/mcp/register', limited, ...registrationEndpoint(deps))
  router.post('/api/oauth/mcp/token', limited, clientsReady, ...tokenEndpoint(deps))
  router.post('/api/oauth/mcp/revoke', limited, clientsReady, ...revocationEndpoint(deps))
  for (const child of [
    metadataRouter(deps),
    authorizeRouter(deps, clientsReady),
    figmaBridgeRouter(deps),
  ]) {
    router.use(child.routes(), child.allowedMethods())
  }
  return router
}
