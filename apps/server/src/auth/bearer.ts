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

function challenge(ctx: Context, publicUrl: string, invalid: boolean): void {
  const metadata = `resource_metadata="${resourceMetadataUrl(publicUrl)}"`
  ctx.status = 401
  if (invalid) {
    // RFC 6750 §3.1: invalid_token for expired, revoked, malformed or unknown tokens
    ctx.set(
      'WWW-Authenticate',
      `Bearer error="invalid_token", error_description="The access token is invalid, expired or revoked", ${metadata}`,
    )
    ctx.body = { error: 'The access token is invalid, expired or revoked.' }
  } else {
    // RFC 6750 §3: a request without credentials gets no error code
    ctx.set('WWW-Authenticate', `Bearer ${metadata}, scope="${SCOPES.join(' ')}"`)
    ctx.body = { error: 'Authentication required: send Authorization: Bearer <token>.' }
  }
}

/** The token of `Authorization: Bearer <token>` (RFC 6750 §2.1), '' when the scheme is Bearer but
 * the value is missing, undefined when there is no bearer credential at all. */
export function bearerToken(header: string | undefined): string | undefined {
  const match = header?.match(/^Bearer(?:\s+(.*))?$/i)
  return match ? (match[1] ?? '').trim() : undefined
}

/**
 * Authenticates `/api/mcp` and `/api/v1/*`: manual `tkc_` and OAuth tokens alike, looked up by
 * SHA-256 in `api_tokens` on every request, so that deletion and revocation take effect on the
 * next request in every process.
 */
export function bearerAuth(deps: AuthDeps): Middleware {
  const publicUrl = deps.config.publicUrl
  return async (ctx, next) => {
    const token = bearerToken(ctx.get('Authorization') || undefined)
    if (token === undefined) return challenge(ctx, publicUrl, false)
    if (!isWellFormedToken(token)) return challenge(ctx, publicUrl, true)
    const row = await deps.prisma.apiToken.findUnique({
      where: { tokenHash: sha256Hex(token) },
      select: {
        id: true,
        kind: true,
        scopes: true,
        clientId: true,
        resource: true,
        expiresAt: true,
        revokedAt: true,
        lastUsedAt: true,
        user: { select: { id: true, email: true } },
        grant: { select: { revokedAt: true } },
      },
    })
    const now = deps.clock()
    if (
      !row ||
      row.revokedAt ||
      row.grant?.revokedAt ||
      (row.expiresAt && row.expiresAt <= now) ||
      !audienceIsOurs(row.resource, publicUrl)
    ) {
      return challenge(ctx, publicUrl, true)
    }
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
      user: row.user,
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

/** RFC 8707: a token bound to a resource is accepted only by that resource, i.e. by this server. */
function audienceIsOurs(resource: string | null, publicUrl: string): boolean {
  return resource === null || resource === publicUrl || resource.startsWith(`${publicUrl}/`)
}
