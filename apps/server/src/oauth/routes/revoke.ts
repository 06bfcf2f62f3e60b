import { bodyParser } from '@koa/bodyparser'
import type { Middleware } from 'koa'
import { sha256Hex } from '../../auth/secrets.ts'
import type { OAuthDeps } from '../deps.ts'
import { OAuthError } from '../errors.ts'
import { findRefreshTokenGrant } from '../refresh/family.ts'
import { authenticateClient, presentedClient } from '../rules/client-auth.ts'
import { findClient } from '../store/clients.ts'
import { revokeGrant } from '../store/grants.ts'
import { bodyOf, oauthJson, requireForm } from './respond.ts'

const formOnly = bodyParser({ enableTypes: ['form'], formLimit: '16kb' }) as Middleware

/**
 * POST /api/oauth/mcp/revoke (RFC 7009). The seed's example sends the token alone, so client
 * authentication is checked when the request offers it, not demanded. A token of another client
 * is left alone. Either way the answer is 200 (§2.2): nothing is learnt about the token.
 */
export function revocationEndpoint(deps: OAuthDeps): Middleware[] {
  const handler: Middleware = (ctx) =>
    oauthJson(ctx, async () => {
      requireForm(ctx)
      const params = bodyOf(ctx)
      const token = typeof params.token === 'string' ? params.token : ''
      if (token === '') throw new OAuthError('invalid_request', 'token is required')
      const presented = presentedClient(ctx.get('Authorization') || undefined, params)
      if (presented.clientId !== undefined) {
        authenticateClient(presented, await findClient(deps.prisma, presented.clientId))
      }
      const now = deps.clock()
      await deps.prisma.$transaction(async (tx) => {
        const row = await tx.apiToken.findUnique({
          where: { tokenHash: sha256Hex(token) },
          select: { id: true, kind: true, clientId: true, grantId: true },
        })
        if (!row) {
          // a refresh token ends its whole family too (issue #8)
          const refresh = await findRefreshTokenGrant(tx, token)
          if (!refresh) return
          if (presented.clientId !== undefined && refresh.grant.clientId !== presented.clientId)
            return
          return revokeGrant(tx, refresh.grantId, now)
        }
        if (row.kind !== 'oauth') return
        if (presented.clientId !== undefined && row.clientId !== presented.clientId) return
        await tx.apiToken.updateMany({
          where: { id: row.id, revokedAt: null },
          data: { revokedAt: now },
        })
        // the grant goes too, so that nothing minted from it (a refresh token) outlives the sign-out
        if (row.grantId) await revokeGrant(tx, row.grantId, now)
      })
      return { status: 200, body: {} }
    })
  return [formOnly, handler]
}
