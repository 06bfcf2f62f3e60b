/**
 * The `refresh_token` grant (RFC 6749 §6, OAuth 2.1 §4.3). The token endpoint has authenticated
 * the client already, as at the code exchange (public clients by client_id alone); here the
 * token is checked against that client, rotated on every use, and reuse is handled as
 * rotation.ts decides.
 */
import { isScope, type Scope } from '@tokencraft/shared'
import { sha256Hex } from '../../auth/secrets.ts'
import type { PrismaClient } from '../../generated/prisma/client.ts'
import { OAuthError } from '../errors.ts'
import type { GrantHandler, GrantRequest, TokenResponse } from '../grants/types.ts'
import { resourceForToken } from '../rules/resource.ts'
import { formatScope, parseScope } from '../rules/scope.ts'
import { issueAccessToken, revokeGrant } from '../store/grants.ts'
import { issueRefreshToken } from './family.ts'
import { decideRefresh } from './rotation.ts'
import { openReplacement, sealReplacement } from './sealed-replacement.ts'

/** Another request rotated the same token between this one's read and its write. */
class LostRotationRace extends Error {}

export const exchangeRefreshToken: GrantHandler = async (request) => {
  // Two attempts: when a concurrent request wins the rotation, the second attempt sees the
  // token as rotated a moment ago and answers with the winner's pair (a retry in the grace).
  for (let attempt = 1; ; attempt++) {
    try {
      return await attemptRefresh(request)
    } catch (error) {
      if (!(error instanceof LostRotationRace) || attempt === 2) throw error
    }
  }
}

async function attemptRefresh({ deps, client, params, now }: GrantRequest): Promise<TokenResponse> {
  const { prisma } = deps
  const refreshToken = params.refresh_token
  if (typeof refreshToken !== 'string' || refreshToken === '') {
    throw new OAuthError('invalid_request', 'refresh_token is required')
  }
  const stored = await prisma.refreshToken.findUnique({
    where: { tokenHash: sha256Hex(refreshToken) },
    include: { grant: true },
  })
  // RFC 6749 §5.2 invalid_grant: unknown, or issued to another client. Another client's token is
  // left alone: presenting it proves nothing about its own holder.
  if (!stored || stored.grant.clientId !== client.id) {
    throw new OAuthError('invalid_grant', 'The refresh token is invalid')
  }
  const { grant } = stored
  const scopes = narrowedScopes(params.scope, grant.scopes.filter(isScope))
  resourceForToken(grant.resource, optionalString(params.resource), deps.config.publicUrl)

  const replacement = stored.replacedById
    ? await prisma.refreshToken.findUnique({ where: { id: stored.replacedById } })
    : null
  const decision = decideRefresh({ ...stored, grantRevokedAt: grant.revokedAt, replacement }, now)
  switch (decision.action) {
    case 'refuse':
      throw new OAuthError('invalid_grant', decision.reason)
    case 'revoke_family':
      await revokeFamily(prisma, grant.id, now)
      throw new OAuthError(
        'invalid_grant',
        'The refresh token was used already; the authorization has been revoked',
      )
    case 'replay': {
      const pair = openReplacement(refreshToken, stored.replacementSealed ?? '')
      const access = pair
        ? await prisma.apiToken.findUnique({ where: { tokenHash: sha256Hex(pair.accessToken) } })
        : null
      if (!pair || !access?.expiresAt || access.revokedAt) {
        await revokeFamily(prisma, grant.id, now)
        throw new OAuthError('invalid_grant', 'The refresh token was used already')
      }
      return {
        access_token: pair.accessToken,
        token_type: 'Bearer',
        expires_in: Math.max(0, Math.round((access.expiresAt.getTime() - now.getTime()) / 1000)),
        scope: formatScope(access.scopes),
        refresh_token: pair.refreshToken,
      }
    }
    case 'rotate':
      return prisma.$transaction(async (tx) => {
        const issued = await issueAccessToken(tx, {
          grantId: grant.id,
          userId: grant.userId,
          client,
          scopes,
          resource: grant.resource,
          now,
        })
        const next = await issueRefreshToken(tx, grant.id, now)
        // Conditional on being unused still, so that of two concurrent refreshes one rotates.
        const { count } = await tx.refreshToken.updateMany({
          where: { id: stored.id, rotatedAt: null, revokedAt: null },
          data: {
            rotatedAt: now,
            replacedById: next.id,
            replacementSealed: sealReplacement(refreshToken, {
              refreshToken: next.token,
              accessToken: issued.accessToken,
            }),
          },
        })
        if (count !== 1) throw new LostRotationRace()
        // The token before this one can no longer be replayed (its replacement, this token, is
        // used now), so the pair sealed for it goes: no live access token stays stored in any form
        // longer than needed.
        await tx.refreshToken.updateMany({
          where: { grantId: grant.id, replacedById: stored.id },
          data: { replacementSealed: null },
        })
        return {
          access_token: issued.accessToken,
          token_type: 'Bearer',
          expires_in: issued.expiresIn,
          scope: formatScope(scopes),
          refresh_token: next.token,
        }
      })
  }
}

/**
 * RFC 6749 §6: `scope` may narrow what was granted, never widen it; absent, the new access token
 * has the grant's scopes.
 */
function narrowedScopes(scope: unknown, granted: Scope[]): Scope[] {
  if (scope === undefined || scope === '') return granted
  if (typeof scope !== 'string') throw new OAuthError('invalid_request', 'scope must be a string')
  const requested = parseScope(scope)
  const extra = requested.filter((s) => !granted.includes(s))
  if (extra.length > 0) {
    throw new OAuthError('invalid_scope', `Not granted to this authorization: ${extra.join(', ')}`)
  }
  return requested
}

function optionalString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined
}

function revokeFamily(prisma: PrismaClient, grantId: string, now: Date): Promise<void> {
  return prisma.$transaction((tx) => revokeGrant(tx, grantId, now))
}
