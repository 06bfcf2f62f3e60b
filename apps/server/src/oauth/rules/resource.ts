import { OAuthError } from '../errors.ts'

/** The MCP endpoint as a protected resource (RFC 9728 `resource`). */
export function mcpResource(publicUrl: string): string {
  return `${publicUrl}/api/mcp`
}

/** The REST API as a protected resource: what the command-line client asks its tokens for. */
export function restResource(publicUrl: string): string {
  return `${publicUrl}/api/v1`
}

/** Resource identifiers compared as clients write them: with or without a trailing slash. */
function withoutTrailingSlash(uri: string): string {
  return uri.endsWith('/') ? uri.slice(0, -1) : uri
}

/**
 * RFC 8707 §2: the `resource` parameter, when sent, must be an absolute URI without a fragment,
 * and here it must name one of this server's resources: the MCP endpoint or the REST API.
 * Returns the canonical form, or undefined when the request has none.
 */
export function checkResource(resource: string | undefined, publicUrl: string): string | undefined {
  if (resource === undefined) return undefined
  const ours = [mcpResource(publicUrl), restResource(publicUrl)]
  const named = withoutTrailingSlash(resource)
  if (!ours.includes(named)) {
    throw new OAuthError('invalid_target', `resource must be ${ours.join(' or ')}`)
  }
  return named
}

/**
 * RFC 8707 §2.2: the token request may name a resource too; it must be this server's and, when
 * the authorization named one, the same one, so the two agree. The token is bound to whichever
 * was named.
 */
export function resourceForToken(
  authorized: string | null,
  requested: string | undefined,
  publicUrl: string,
): string | null {
  const named = checkResource(requested, publicUrl)
  if (authorized !== null && named !== undefined && named !== authorized) {
    throw new OAuthError('invalid_target', `this authorization was granted for ${authorized}`)
  }
  return authorized ?? named ?? null
}
