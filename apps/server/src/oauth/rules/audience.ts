/**
 * Which endpoint a bearer token may call: its audience (RFC 8707 §2, a token is meant for the
 * resource it was issued for; RFC 9068 §4 asks a resource server to refuse one whose audience is
 * another). The two endpoints are two resources: the MCP server (`PUBLIC_URL/api/mcp`, the one
 * this server advertises, RFC 9728) and the REST API (`PUBLIC_URL/api/v1`). docs/security.md
 * gives the table. Pure: no I/O.
 */

import { FIGMA_CLIENT_ID } from './registration.ts'
import { mcpResource, restResource } from './resource.ts'

export type ProtectedEndpoint = 'mcp' | 'rest'

export type TokenAudienceFacts = {
  kind: 'manual' | 'oauth'
  clientId: string | null
  /** the `resource` the token was issued for, when the client named one */
  resource: string | null
}

/**
 * - A manual `tkc_` token: both. The person made it on API Settings for their own scripts, which
 *   call the REST API and the MCP server alike.
 * - An OAuth token issued for a resource: that resource only.
 * - An OAuth token issued without `resource`: its client's endpoint. The Figma plugin browses,
 *   pulls and pushes through REST; every other OAuth client is an MCP client.
 */
export function tokenMayCall(
  endpoint: ProtectedEndpoint,
  token: TokenAudienceFacts,
  publicUrl: string,
): boolean {
  if (token.kind === 'manual') return true
  const wanted = endpoint === 'mcp' ? mcpResource(publicUrl) : restResource(publicUrl)
  if (token.resource !== null) return token.resource === wanted
  const clientsEndpoint: ProtectedEndpoint = token.clientId === FIGMA_CLIENT_ID ? 'rest' : 'mcp'
  return clientsEndpoint === endpoint
}
