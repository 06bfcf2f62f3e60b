import { SCOPES } from '@tokencraft/shared'
import { mcpResource } from './rules/resource.ts'

/** The grant types this server issues; registration trims a client's list to these. */
export const GRANT_TYPES_SUPPORTED = ['authorization_code', 'refresh_token'] as const

/** Client authentication at the token endpoint (RFC 6749 §2.3, RFC 7591 §2). */
export const TOKEN_ENDPOINT_AUTH_METHODS = [
  'client_secret_post',
  'client_secret_basic',
  'none',
] as const
export type TokenEndpointAuthMethod = (typeof TOKEN_ENDPOINT_AUTH_METHODS)[number]

/** Every endpoint of the authorization server, absolute, from PUBLIC_URL. */
export function oauthEndpoints(publicUrl: string) {
  return {
    authorization: `${publicUrl}/mcp/authorize`,
    token: `${publicUrl}/api/oauth/mcp/token`,
    registration: `${publicUrl}/api/oauth/mcp/register`,
    revocation: `${publicUrl}/api/oauth/mcp/revoke`,
  }
}

/**
 * RFC 8414 §2: the seed's fields, built from PUBLIC_URL. `issuer` is PUBLIC_URL itself (no
 * trailing slash), byte-identical to the protected resource's `authorization_servers[0]`, which
 * clients compare (RFC 8414 §3.3).
 */
export function authorizationServerMetadata(publicUrl: string) {
  const endpoints = oauthEndpoints(publicUrl)
  return {
    issuer: publicUrl,
    authorization_endpoint: endpoints.authorization,
    token_endpoint: endpoints.token,
    registration_endpoint: endpoints.registration,
    revocation_endpoint: endpoints.revocation,
    scopes_supported: [...SCOPES],
    response_types_supported: ['code'],
    grant_types_supported: [...GRANT_TYPES_SUPPORTED],
    code_challenge_methods_supported: ['S256'],
    token_endpoint_auth_methods_supported: [...TOKEN_ENDPOINT_AUTH_METHODS],
    revocation_endpoint_auth_methods_supported: [...TOKEN_ENDPOINT_AUTH_METHODS],
    // RFC 9207 §3: every authorization response carries `iss`
    authorization_response_iss_parameter_supported: true,
    // draft-ietf-oauth-client-id-metadata-document §6: an https client_id names its document
    client_id_metadata_document_supported: true,
  }
}

/** RFC 9728 §2: the metadata of the MCP endpoint as a protected resource. */
export function protectedResourceMetadata(publicUrl: string) {
  return {
    resource: mcpResource(publicUrl),
    authorization_servers: [publicUrl],
    scopes_supported: [...SCOPES],
    bearer_methods_supported: ['header'],
    resource_name: 'Tokencraft MCP server',
  }
}
