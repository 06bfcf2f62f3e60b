import { bodyParser } from '@koa/bodyparser'
import type { Middleware } from 'koa'
import { logAuthEvent } from '../../auth/audit.ts'
import type { OAuthDeps } from '../deps.ts'
import { OAuthError } from '../errors.ts'
import { GRANT_HANDLERS } from '../grants/index.ts'
import { authenticateClient, presentedClient } from '../rules/client-auth.ts'
import { findClient } from '../store/clients.ts'
import { bodyOf, oauthJson, requireForm } from './respond.ts'

const formOnly = bodyParser({ enableTypes: ['form'], formLimit: '16kb' }) as Middleware

/** POST /api/oauth/mcp/token (RFC 6749 §3.2, OAuth 2.1 §3.2). */
export function tokenEndpoint(deps: OAuthDeps): Middleware[] {
  const handler: Middleware = (ctx) =>
    oauthJson(ctx, async () => {
      requireForm(ctx)
      const params = bodyOf(ctx)
      const presented = presentedClient(ctx.get('Authorization') || undefined, params)
      const client = await findClient(deps.prisma, presented.clientId)
      authenticateClient(presented, client)
      const grantType = typeof params.grant_type === 'string' ? params.grant_type : undefined
      if (!grantType) throw new OAuthError('invalid_request', 'grant_type is required')
      const grant = Object.hasOwn(GRANT_HANDLERS, grantType)
        ? GRANT_HANDLERS[grantType as keyof typeof GRANT_HANDLERS]
        : undefined
      if (!grant)
        throw new OAuthError('unsupported_grant_type', `grant_type ${grantType} is not supported`)
      if (!client.grantTypes.includes(grantType)) {
        throw new OAuthError(
          'unauthorized_client',
          `This client was not registered for ${grantType}`,
        )
      }
      const body = await grant({ deps, client, params, now: deps.clock() })
      logAuthEvent(deps.logger, ctx, {
        event: 'oauth_token_issued',
        clientId: client.id,
        grantType,
      })
      return { status: 200, body }
    })
  return [formOnly, handler]
}
