/**
 * The authorization code grant (OAuth 2.1 §4.1.3, RFC 7636 §4.5, RFC 8707 §2.2): the code is
 * checked against everything it was bound to, then claimed once. A second use of a code fails
 * and revokes the tokens the first use issued (OAuth 2.1 §4.1.3, RFC 6749 §10.5).
 */
import { isScope } from '@tokencraft/shared'
import { sha256Hex } from '../../auth/secrets.ts'
import { OAuthError } from '../errors.ts'
import { issueRefreshToken } from '../refresh/family.ts'
import { verifyCodeVerifier } from '../rules/pkce.ts'
import { resourceForToken } from '../rules/resource.ts'
import { formatScope } from '../rules/scope.ts'
import { createGrant, issueAccessToken, revokeGrant } from '../store/grants.ts'
import type { GrantHandler, TokenResponse } from './types.ts'

const text = (value: unknown) => (typeof value === 'string' && value !== '' ? value : undefined)

export const exchangeAuthorizationCode: GrantHandler = async ({ deps, client, params, now }) => {
  const code = text(params.code)
  if (!code) throw new OAuthError('invalid_request', 'code is required')
  const outcome = await deps.prisma.$transaction(
    async (tx): Promise<TokenResponse | OAuthError> => {
      const row = await tx.authorizationCode.findUnique({ where: { codeHash: sha256Hex(code) } })
      // RFC 6749 §5.2 invalid_grant: invalid, expired, revoked, or issued to another client
      if (!row || row.clientId !== client.id) {
        return new OAuthError('invalid_grant', 'The authorization code is invalid')
      }
      if (row.usedAt) return refuseReuse(row.grantId)
      if (row.expiresAt <= now) {
        return new OAuthError('invalid_grant', 'The authorization code has expired')
      }
      // OAuth 2.1 §4.1.3: the redirect_uri must be identical to the authorization request's
      if (params.redirect_uri !== row.redirectUri) {
        return new OAuthError(
          'invalid_grant',
          'redirect_uri differs from the authorization request',
        )
      }
      verifyCodeVerifier(text(params.code_verifier), row.codeChallenge)
      const resource = resourceForToken(row.resource, text(params.resource), deps.config.publicUrl)
      const claimed = await tx.authorizationCode.updateMany({
        where: { id: row.id, usedAt: null },
        data: { usedAt: now },
      })
      if (claimed.count === 0) {
        const winner = await tx.authorizationCode.findUnique({ where: { id: row.id } })
        return refuseReuse(winner?.grantId ?? null)
      }
      const scopes = row.scopes.filter(isScope)
      const grant = await createGrant(tx, {
        userId: row.userId,
        clientId: client.id,
        scopes,
        resource,
        now,
      })
      await tx.authorizationCode.update({ where: { id: row.id }, data: { grantId: grant.id } })
      const issued = await issueAccessToken(tx, {
        grantId: grant.id,
        userId: row.userId,
        client,
        scopes,
        resource,
        now,
      })
      // issue #8: every code exchange of a client registered for refresh_token starts a refresh
      // token family (no offline_access scope needed)
      const refresh = client.grantTypes.includes('refresh_token')
        ? await issueRefreshToken(tx, grant.id, now)
        : undefined
      return {
        access_token: issued.accessToken,
        token_type: 'Bearer',
        expires_in: issued.expiresIn,
        scope: formatScope(scopes),
        ...(refresh ? { refresh_token: refresh.token } : {}),
      }

      async function refuseReuse(grantId: string | null): Promise<OAuthError> {
        if (grantId) await revokeGrant(tx, grantId, now)
        return new OAuthError(
          'invalid_grant',
          'The authorization code was used already; the tokens issued with it are revoked',
        )
      }
    },
  )
  // thrown after the transaction, so that a reuse's revocation is committed
  if (outcome instanceof OAuthError) throw outcome
  return outcome
}
