import { OAuthError } from '../errors.ts'

/** The one protected resource of this server (RFC 9728 `resource`). */
export function mcpResource(publicUrl: string): string {
  return `${publicUrl}/api/mcp`
}

/** Resource identifiers compared as clients write them: with or without a trailing slash. */
function withoutTrailingSlash(uri: string): string {
  return uri.endsWith('/') ? uri.slice(0, -1) : uri
}

/**
 * RFC 8707 §2: the `resource` parameter, when sent, must be an absolute URI without a fragment,
 * and here it must name this server's MCP resource. Returns the canonical form, or undefined
 * when the request has none.
 */
export function checkResource(resource: string | undefined, publicUrl: string): string | undefined {
  if (resource === undefined) return undefined
  const ours = mcpResource(publicUrl)
  if (withoutTrailingSlash(resource) !== ours) {
    throw new OAuthError('invalid_target', `resource must be ${ours}`)
  }
  return ours
}

/**
 * RFC 8707 §2.2: the token request may name a resource too; it must be this server's, as the
 * authorization's was, so the two agree. The token is bound to whichever was named.
 */
export function resourceForToken(
  authorized: string | null,
  requested: string | undefined,
  publicUrl: string,
): string | null {
  const named = checkResource(requested, publicUrl)
  return authorized ?? named ?? null
}
