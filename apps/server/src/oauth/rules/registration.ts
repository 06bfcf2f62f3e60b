/**
 * Client registration metadata (RFC 7591 §2), checked and normalised before it is stored.
 * Tolerant where §2 asks servers to be: unknown fields are ignored, and a client asking for more
 * grant or response types than this server offers is registered with what is offered (the
 * response states it, §3.2.1). Pure: no I/O.
 */
import { CLI_CLIENT_ID, CLI_CLIENT_NAME } from '@tokencraft/shared'
import { OAuthError } from '../errors.ts'
import {
  GRANT_TYPES_SUPPORTED,
  TOKEN_ENDPOINT_AUTH_METHODS,
  type TokenEndpointAuthMethod,
} from '../metadata.ts'
import { clientNameProblem } from './client-name.ts'
import { redirectUriProblem } from './redirect-uri.ts'
import { parseScope } from './scope.ts'

/** The pre-registered Figma plugin; no registered client may pass itself off as it. */
export const FIGMA_CLIENT_ID = 'figma-plugin-v1'
export const FIGMA_CLIENT_NAME = 'Tokencraft for Figma'
/**
 * Names no other client may take, nor anything that looks like them (client-name.ts): the
 * pre-registered clients' ids and names (the Figma plugin's, the CLI's).
 */
export const RESERVED_CLIENT_NAMES = [
  FIGMA_CLIENT_ID,
  FIGMA_CLIENT_NAME,
  CLI_CLIENT_ID,
  CLI_CLIENT_NAME,
] as const

/** The column holding client names is 255 characters wide. */
const MAX_CLIENT_NAME_LENGTH = 255
const UNNAMED_CLIENT = 'Unnamed MCP client'

/** Human-readable and informational fields of RFC 7591 §2, stored and echoed as given. */
const ECHOED_STRING_FIELDS = [
  'client_uri',
  'logo_uri',
  'tos_uri',
  'policy_uri',
  'software_id',
  'software_version',
] as const

/** OpenID Connect Dynamic Client Registration §2, which MCP clients send. */
const APPLICATION_TYPES = ['native', 'web']

export type RegisteredMetadata = {
  redirect_uris: string[]
  client_name: string
  token_endpoint_auth_method: TokenEndpointAuthMethod
  grant_types: string[]
  response_types: string[]
  [field: string]: unknown
}

const invalid = (description: string) => new OAuthError('invalid_client_metadata', description)

function optionalString(body: Record<string, unknown>, field: string): string | undefined {
  const value = body[field]
  if (value === undefined || value === null) return undefined
  if (typeof value !== 'string') throw invalid(`${field} must be a string`)
  return value
}

function optionalStringArray(body: Record<string, unknown>, field: string): string[] | undefined {
  const value = body[field]
  if (value === undefined || value === null) return undefined
  if (!Array.isArray(value) || !value.every((item) => typeof item === 'string')) {
    throw invalid(`${field} must be an array of strings`)
  }
  return value
}

/** RFC 7591 §2: redirect_uris is required for redirect-based flows; each one must be safe. */
export function checkRedirectUris(body: Record<string, unknown>): string[] {
  const uris = optionalStringArray(body, 'redirect_uris')
  if (!uris || uris.length === 0) {
    throw new OAuthError('invalid_redirect_uri', 'redirect_uris must name at least one URI')
  }
  for (const uri of uris) {
    const problem = redirectUriProblem(uri)
    if (problem) throw new OAuthError('invalid_redirect_uri', problem)
  }
  return [...new Set(uris)]
}

/**
 * The name shown on the consent page and in the token's name: control characters removed and
 * length bounded (it is escaped wherever it is shown). A client may not use a pre-registered
 * client's id or name (the Figma plugin's, the CLI's), nor a look-alike of them, which would let
 * it borrow that client's trust on the consent page, nor mix look-alike alphabets in a word
 * (client-name.ts).
 */
export function checkClientName(name: string | undefined): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping control characters is the point
  const cleaned = (name ?? '').replace(/[\u0000-\u001f\u007f]/g, ' ').trim()
  if (cleaned === '') return UNNAMED_CLIENT
  if (cleaned.length > MAX_CLIENT_NAME_LENGTH) {
    throw invalid(`client_name may be at most ${MAX_CLIENT_NAME_LENGTH} characters`)
  }
  const problem = clientNameProblem(cleaned, RESERVED_CLIENT_NAMES)
  if (problem) throw invalid(problem)
  return cleaned
}

/** RFC 7591 §2: default client_secret_basic; this server knows the methods it advertises. */
export function checkAuthMethod(method: string | undefined): TokenEndpointAuthMethod {
  const chosen = method ?? 'client_secret_basic'
  if (!(TOKEN_ENDPOINT_AUTH_METHODS as readonly string[]).includes(chosen)) {
    throw invalid(
      `token_endpoint_auth_method ${chosen} is not supported; use one of ${TOKEN_ENDPOINT_AUTH_METHODS.join(', ')}`,
    )
  }
  return chosen as TokenEndpointAuthMethod
}

/**
 * RFC 7591 §2 (default `authorization_code`) and §3.2.1 (the server may grant fewer): the
 * requested grant types this server offers. Nothing offered is an error, since the client could
 * not obtain a token at all.
 */
export function grantedGrantTypes(requested: string[] | undefined): string[] {
  const granted = (requested ?? ['authorization_code']).filter((type) =>
    (GRANT_TYPES_SUPPORTED as readonly string[]).includes(type),
  )
  if (granted.length === 0) {
    throw invalid(`grant_types must include one of ${GRANT_TYPES_SUPPORTED.join(', ')}`)
  }
  return [...new Set(granted)]
}

/** Normalises a registration request body into the metadata that is stored and echoed. */
export function normaliseRegistration(body: unknown): RegisteredMetadata {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw invalid('The registration request must be a JSON object')
  }
  const fields = body as Record<string, unknown>
  const metadata: RegisteredMetadata = {
    redirect_uris: checkRedirectUris(fields),
    client_name: checkClientName(optionalString(fields, 'client_name')),
    token_endpoint_auth_method: checkAuthMethod(
      optionalString(fields, 'token_endpoint_auth_method'),
    ),
    grant_types: grantedGrantTypes(optionalStringArray(fields, 'grant_types')),
    // only the code flow exists here (OAuth 2.1 §4.1)
    response_types: ['code'],
  }
  const applicationType = optionalString(fields, 'application_type')
  if (applicationType !== undefined) {
    if (!APPLICATION_TYPES.includes(applicationType)) {
      throw invalid(`application_type must be ${APPLICATION_TYPES.join(' or ')}`)
    }
    metadata.application_type = applicationType
  }
  const scope = optionalString(fields, 'scope')
  if (scope !== undefined) {
    try {
      metadata.scope = parseScope(scope).join(' ')
    } catch (error) {
      throw invalid(error instanceof OAuthError ? error.description : String(error))
    }
  }
  const contacts = optionalStringArray(fields, 'contacts')
  if (contacts !== undefined) metadata.contacts = contacts
  for (const field of ECHOED_STRING_FIELDS) {
    const value = optionalString(fields, field)
    if (value !== undefined) metadata[field] = value
  }
  return metadata
}
