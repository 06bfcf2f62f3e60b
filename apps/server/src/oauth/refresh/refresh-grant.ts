/**
 * The `refresh_token` grant at the token endpoint (RFC 6749 §6, OAuth 2.1 §4.3): the client
 * authenticates as at the code exchange (public clients by client_id alone), the token is
 * rotated on every use, and reuse is handled as rotation.ts decides.
 */
import { sha256Hex } from '../../auth/secrets.ts'
import type { PrismaClient } from '../../generated/prisma/client.ts'
import { OAuthError } from '../errors.ts'
import { authenticateClient, presentedClient } from '../rules/client-auth.ts'
import { resourceForToken } from '../rules/resource.ts'
import { formatScope, parseScope } from '../rules/scope.ts'
import { issueAccessToken, issueRefreshToken, revokeGrantFamily } from './family.ts'
import { decideRefresh } from './rotation.ts'
import { openReplacement, sealReplacement } from './sealed-replacement.ts'

export type RefreshDeps = {
  prisma: PrismaClient
  clock: () => Date
  config: { publicUrl: string }
}

/** RFC 6749 §5.1 successful response, with the rotated refresh token. */
export type RefreshTokenResponse = {
  access_token: string
  token_type: 'Bearer'
  expires_in: number
  scope: string
  refresh_token: string
}

/** Another request rotated the same token between our read and our write. */
class LostRotationRace extends Error {}

export async function exchangeRefreshToken(
  deps: RefreshDeps,
  body: Record<string, unknown>,
  authorization: string | undefined,
): Promise<RefreshTokenResponse> {
  const presented = presentedClient(authorization, body)
  const refreshToken = body.refresh_token
  if (typeof refreshToken !== 'string' || refreshToken === '') {
    throw new OAuthError('invalid_request', 'refresh_token is required')
  }
  // Two attempts: when a concurrent request wins the rotation, the second attempt sees the token
  // as rotated a moment ago and answers with the winner's pair.
  for (let attempt = 1; ; attempt++) {
    try {
      return await attemptRefresh(deps, presented, refreshToken, body)
    } catch (error) {
      if (!(error instanceof LostRotationRace) || attempt === 2) throw error
    }
  }
}

async function attemptRefresh(
  deps: RefreshDeps,
  presented: ReturnType<typeof presentedClient>,
  refreshToken: string,
  body: Record<string, unknown>,
): Promise<RefreshTokenResponse> {
  const { prisma } = deps
  const now = deps.clock()
  const stored = await prisma.refreshToken.findUnique({
    where: { tokenHash: sha256Hex(refreshToken) },
    include: { grant: { include: { client: true } } },
  })
  if (!stored) throw new OAuthError('invalid_grant', 'Unknown refresh token')
  const { grant } = stored
  const { client } = grant
  // RFC 6749 §6: the refresh token must have been issued to the client that presents it.
  if (presented.clientId !== undefined && presented.clientId !== client.id) {
    throw new OAuthError('invalid_grant', 'The refresh token was issued to another client')
  }
  authenticateClient(presented, client)
  if (!client.grantTypes.includes('refresh_token')) {
    throw new OAuthError('unauthorized_client', 'This client is not registered for refresh_token')
  }
  const scopes = narrowedScopes(body.scope, grant.scopes)
  resourceForToken(grant.resource, optionalString(body.resource), deps.config.publicUrl)

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
        'The refresh token was already used; the authorization has been revoked',
      )
    case 'replay': {
      const pair = openReplacement(refreshToken, stored.replacementSealed ?? '')
      const access = pair
        ? await prisma.apiToken.findUnique({ where: { tokenHash: sha256Hex(pair.accessToken) } })
        : null
      if (!pair || !access?.expiresAt || access.revokedAt) {
        await revokeFamily(prisma, grant.id, now)
        throw new OAuthError('invalid_grant', 'The refresh token was already used')
      }
      return response(pair.accessToken, access.expiresAt, access.scopes, pair.refreshToken, now)
    }
    case 'rotate':
      return prisma.$transaction(async (tx) => {
        const access = await issueAccessToken(tx, grant, client, scopes, now)
        const next = await issueRefreshToken(tx, grant.id, now)
        // Conditional on still being unused, so of two concurrent refreshes exactly one rotates.
        const { count } = await tx.refreshToken.updateMany({
          where: { id: stored.id, rotatedAt: null, revokedAt: null },
          data: {
            rotatedAt: now,
            replacedById: next.id,
            replacementSealed: sealReplacement(refreshToken, {
              refreshToken: next.token,
              accessToken: access.token,
            }),
          },
        })
        if (count !== 1) throw new LostRotationRace()
        return response(access.token, access.expiresAt, access.scopes, next.token, now)
      })
  }
}

/**
 * RFC 6749 §6: `scope` may narrow what was granted, never widen it; absent, the token gets the
 * grant's scopes.
 */
function narrowedScopes(scope: unknown, granted: string[]): string[] {
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
  return prisma.$transaction((tx) => revokeGrantFamily(tx, grantId, now))
}

function response(
  accessToken: string,
  expiresAt: Date,
  scopes: string[],
  refreshToken: string,
  now: Date,
): RefreshTokenResponse {
  return {
    access_token: accessToken,
    token_type: 'Bearer',
    expires_in: Math.max(0, Math.round((expiresAt.getTime() - now.getTime()) / 1000)),
    scope: formatScope(scopes),
    refresh_token: refreshToken,
  }
}
