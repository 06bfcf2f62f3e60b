import { isScope, SCOPES, type Scope } from '@tokencraft/shared'
import type { Context, Middleware } from 'koa'
import type { AuthDeps } from './deps.ts'
import { isWellFormedToken, sha256Hex } from './secrets.ts'

/** What the bearer middleware puts on `ctx.state.auth`. */
export type BearerAuth = {
  user: { id: string; email: string }
  token: {
    id: string
    kind: 'manual' | 'oauth'
    clientId: string | null
    resource: string | null
    expiresAt: Date | null
  }
  scopes: Scope[]
}

/** The authenticated caller; only valid behind `bearerAuth`. */
export function bearerAuthOf(ctx: Context): BearerAuth {
  const auth = ctx.state.auth as BearerAuth | undefined
  if (!auth) throw new Error('bearerAuthOf called on a route without bearerAuth')
  return auth
}

/** last_used_at is written at most once per this interval per token, not on every request. */
const LAST_USED_RESOLUTION_MS = 60_000

/** The protected-resource metadata URL every 401 points to (RFC 9728 §5.1). */
export function resourceMetadataUrl(publicUrl: string): string {
  return `${publicUrl}/.well-known/oauth-protected-resource/api/mcp`
}

/** Why a request is refused: no credentials, a token that is no good, or one for elsewhere. */
type Refusal = 'missing' | 'invalid' | 'audience'

const INVALID_DESCRIPTION = 'The access token is invalid, expired or revoked'
const AUDIENCE_DESCRIPTION = 'The access token was issued for another endpoint of this server'

function challenge(ctx: Context, publicUrl: string, refusal: Refusal): void {
  const metadata = `resource_metadata="${resourceMetadataUrl(publicUrl)}"`
  ctx.status = 401
  if (refusal === 'missing') {
    // RFC 6750 §3: a request without credentials gets no error code
    ctx.set('WWW-Authenticate', `Bearer ${metadata}, scope="${SCOPES.join(' ')}"`)
    ctx.body = { error: 'Authentication required: send Authorization: Bearer <token>.' }
    return
  }
  // RFC 6750 §3.1: invalid_token for expired, revoked, malformed, unknown or foreign tokens
  const description = refusal === 'audience' ? AUDIENCE_DESCRIPTION : INVALID_DESCRIPTION
  ctx.set(
    'WWW-Authenticate',
    `Bearer error="invalid_token", error_description="${description}", ${metadata}`,
  )
  ctx.body = { error: `${description}.` }
}

/** The token of `Authorization: Bearer <token>` (RFC 6750 §2.1), '' when the scheme is Bearer but
 * the value is missing, undefined when there is no bearer credential at all. */
export function bearerToken(header: string | undefined): string | undefined {
  const match = header?.match(/^Bearer(?:\s+(.*))?$/i)
  return match ? (match[1] ?? '').trim() : undefined
}

/**
 * Authenticates `/api/mcp` and `/api/v1/*`: manual `tkc_` and OAuth tokens, looked up by
 * SHA-256 in `api_tokens` on every request, so that deletion and revocation take effect on the
 * next request in every process. `mayCall` says whether a live token's audience includes this
 * endpoint (oauth/rules/audience.ts).
 */
export function bearerAuth(
  deps: AuthDeps,
  mayCall: (token: Pick<TokenRow, 'kind' | 'clientId' | 'resource'>) => boolean,
): Middleware {
  const publicUrl = deps.config.publicUrl
  return async (ctx, next) => {
    const token = bearerToken(ctx.get('Authorization') || undefined)
    if (token === undefined) return challenge(ctx, publicUrl, 'missing')
    if (!isWellFormedToken(token)) return challenge(ctx, publicUrl, 'invalid')
    const row = await findToken(deps.prisma, sha256Hex(token))
    const now = deps.clock()
    if (!row || row.revokedAt || row.grantRevokedAt || (row.expiresAt && row.expiresAt <= now)) {
      return challenge(ctx, publicUrl, 'invalid')
    }
    if (!mayCall(row)) return challenge(ctx, publicUrl, 'audience')
    if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() >= LAST_USED_RESOLUTION_MS) {
      // conditional, so that concurrent processes write once; updateMany: no error if just deleted
      await deps.prisma.apiToken.updateMany({
        where: {
          id: row.id,
          OR: [
            { lastUsedAt: null },
            { lastUsedAt: { lte: new Date(now.getTime() - LAST_USED_RESOLUTION_MS) } },
          ],
        },
        data: { lastUsedAt: now },
      })
    }
    const auth: BearerAuth = {
      user: { id: row.userId, email: row.email },
      token: {
        id: row.id,
        kind: row.kind,
        clientId: row.clientId,
        resource: row.resource,
        expiresAt: row.expiresAt,
      },
      scopes: row.scopes.filter(isScope),
    }
    ctx.state.auth = auth
    await next()
  }
}

type TokenRow = {
  id: string
  kind: 'manual' | 'oauth'
  scopes: string[]
  clientId: string | null
  resource: string | null
  expiresAt: Date | null
  revokedAt: Date | null
  lastUsedAt: Date | null
  userId: string
  email: string
  grantRevokedAt: Date | null
}

/**
 * The token with its user and grant, by hash, in one round trip: this runs on every API and MCP
 * request, where a relation query's extra statements would be most of the request's time.
 */
async function findToken(
  prisma: AuthDeps['prisma'],
  tokenHash: string,
): Promise<TokenRow | undefined> {
  const rows = await prisma.$queryRaw<TokenRow[]>`
    SELECT t.id, t.kind::text AS kind, t.scopes, t.client_id AS "clientId", t.resource,
      t.expires_at AS "expiresAt", t.revoked_at AS "revokedAt", t.last_used_at AS "lastUsedAt",
      u.id AS "userId", u.email, g.revoked_at AS "grantRevokedAt"
    FROM api_tokens t
    JOIN users u ON u.id = t.user_id
    LEFT JOIN oauth_grants g ON g.id = t.grant_id
    WHERE t.token_hash = ${tokenHash}`
  return rows[0]
}
