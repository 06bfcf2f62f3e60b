import { bodyParser } from '@koa/bodyparser'
import type { Middleware } from 'koa'
import { logAuthEvent } from '../../auth/audit.ts'
import { sha256Hex } from '../../auth/secrets.ts'
import type { Prisma } from '../../generated/prisma/client.ts'
import type { OAuthDeps } from '../deps.ts'
import { OAuthError } from '../errors.ts'
import { findRefreshTokenGrant } from '../refresh/family.ts'
import { authenticateClient, presentedClient } from '../rules/client-auth.ts'
import { findClient } from '../store/clients.ts'
import { revokeGrant } from '../store/grants.ts'
import { bodyOf, oauthJson, requireForm } from './respond.ts'

const formOnly = bodyParser({ enableTypes: ['form'], formLimit: '16kb' }) as Middleware

/**
 * POST /api/oauth/mcp/revoke (RFC 7009). A public client's token may be revoked with the token
 * alone, as the hosted product's example does: such a client has no credentials to show. A
 * confidential client's token only with that client's credentials (§2.1: "the authorization
 * server first validates the client credentials (in case of a confidential client)"): else
 * 401 invalid_client (§2.2.1). Credentials that are offered are always checked, and a token of
 * another client is left alone. Otherwise the answer is 200 (§2.2), whether or not the token
 * existed.
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
      const revoked = await deps.prisma.$transaction(async (tx) => {
        const found = await findOAuthToken(tx, token)
        if (!found) return undefined
        if (presented.clientId !== undefined && found.clientId !== presented.clientId) {
          return undefined
        }
        if (presented.clientId === undefined && (await isConfidential(tx, found.clientId))) {
          return new OAuthError(
            'invalid_client',
            "This token's client is confidential: authenticate with its client credentials",
          )
        }
        if (found.accessTokenId) {
          await tx.apiToken.updateMany({
            where: { id: found.accessTokenId, revokedAt: null },
            data: { revokedAt: now },
          })
        }
        // the grant goes too, so that nothing minted from it (a refresh token) outlives the
        // sign-out
        if (found.grantId) await revokeGrant(tx, found.grantId, now)
        return { clientId: found.clientId }
      })
      if (revoked instanceof OAuthError) throw revoked
      if (revoked) logAuthEvent(deps.logger, ctx, { event: 'oauth_token_revoked', ...revoked })
      return { status: 200, body: {} }
    })
  return [formOnly, handler]
}

type Tx = Prisma.TransactionClient

/** The OAuth access or refresh token a value is, with its client and grant; not a manual one. */
async function findOAuthToken(
  tx: Tx,
  token: string,
): Promise<{ clientId: string; accessTokenId?: string; grantId: string | null } | undefined> {
  const row = await tx.apiToken.findUnique({
    where: { tokenHash: sha256Hex(token) },
    select: { kind: true, id: true, clientId: true, grantId: true },
  })
  if (row) {
    return row.kind === 'oauth' && row.clientId
      ? { clientId: row.clientId, accessTokenId: row.id, grantId: row.grantId }
      : undefined
  }
  // a refresh token ends its whole family too
  const refresh = await findRefreshTokenGrant(tx, token)
  return refresh ? { clientId: refresh.grant.clientId, grantId: refresh.grantId } : undefined
}

/** A client that was given a secret (RFC 6749 §2.1), and so must authenticate. */
async function isConfidential(tx: Tx, clientId: string): Promise<boolean> {
  const client = await tx.oAuthClient.findUnique({
    where: { id: clientId },
    select: { secretHash: true },
  })
  return client?.secretHash != null
}
