/**
 * The rules a Client ID Metadata Document must meet (draft-ietf-oauth-client-id-metadata-document
 * §4 and §8.1) before its client may be shown on the consent page. Pure: no I/O.
 */
import { clientNameProblem } from '../rules/client-name.ts'
import { RESERVED_CLIENT_NAMES } from '../rules/registration.ts'

/** What this server takes from a valid document. */
export type ClientMetadataDocument = {
  clientId: string
  /** The document's `client_name`, or the host when it has none. */
  clientName: string
  redirectUris: string[]
  /** The grant types this server offers that the document lists. */
  grantTypes: SupportedGrantType[]
  /** The document as published, kept with the client like registration metadata. */
  metadata: Record<string, unknown>
}

export type SupportedGrantType = 'authorization_code' | 'refresh_token'
const SUPPORTED_GRANT_TYPES: readonly SupportedGrantType[] = ['authorization_code', 'refresh_token']

/** Methods built on a shared secret, which a public document cannot establish (draft §4.1). */
const SHARED_SECRET_AUTH_METHODS = [
  'client_secret_post',
  'client_secret_basic',
  'client_secret_jwt',
]

/** Long client names would push the host that vouches for them off the consent page. */
const MAX_CLIENT_NAME_LENGTH = 100

export type DocumentCheck =
  | { ok: true; document: ClientMetadataDocument }
  | { ok: false; problem: string }

/**
 * @param clientIdUrl the `client_id` exactly as the client sent it
 * @param redirectUriProblem the registration endpoint's rule for one redirect URI (the same
 *   schemes are accepted and refused whichever way a client introduces itself)
 */
export function checkClientMetadataDocument(
  clientIdUrl: string,
  body: unknown,
  redirectUriProblem: (uri: string) => string | undefined,
): DocumentCheck {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return { ok: false, problem: 'the client metadata document is not a JSON object' }
  }
  const doc = body as Record<string, unknown>
  // §4: client_id MUST equal the document's URL by simple string comparison (RFC 3986 §6.2.1);
  // this is what stops one site from publishing a document that speaks for another's client_id.
  if (doc.client_id !== clientIdUrl) {
    return { ok: false, problem: "the document's client_id is not the URL it was fetched from" }
  }
  // §4.1: no shared secret can exist for a document client.
  if ('client_secret' in doc || 'client_secret_expires_at' in doc) {
    return { ok: false, problem: 'a client metadata document must not contain a client_secret' }
  }
  const authMethod = doc.token_endpoint_auth_method ?? 'none'
  if (typeof authMethod !== 'string' || SHARED_SECRET_AUTH_METHODS.includes(authMethod)) {
    return {
      ok: false,
      problem: 'a client metadata document must not use a shared-secret authentication method',
    }
  }
  // private_key_jwt is allowed by the draft, but this server authenticates no client by key.
  if (authMethod !== 'none') {
    return {
      ok: false,
      problem: `token_endpoint_auth_method "${authMethod}" is not supported here; use "none"`,
    }
  }
  const redirectUris = doc.redirect_uris
  if (
    !Array.isArray(redirectUris) ||
    redirectUris.length === 0 ||
    !redirectUris.every((uri): uri is string => typeof uri === 'string')
  ) {
    return { ok: false, problem: 'the document must list its redirect_uris' }
  }
  for (const uri of redirectUris) {
    const problem = redirectUriProblem(uri)
    if (problem !== undefined) return { ok: false, problem: `redirect_uris: ${problem}` }
  }
  const grantTypes = doc.grant_types ?? ['authorization_code'] // RFC 7591 §2 default
  if (!Array.isArray(grantTypes) || !grantTypes.includes('authorization_code')) {
    return { ok: false, problem: 'the document must allow the authorization_code grant' }
  }
  const responseTypes = doc.response_types ?? ['code']
  if (!Array.isArray(responseTypes) || !responseTypes.includes('code')) {
    return { ok: false, problem: 'the document must allow the "code" response type' }
  }
  const name = doc.client_name
  if (name !== undefined && typeof name !== 'string') {
    return { ok: false, problem: 'client_name must be a string' }
  }
  const clientName = cleanName(name) || new URL(clientIdUrl).host
  // a document names itself as it likes: not as the Figma plugin, nor in look-alike letters
  const nameProblem = clientNameProblem(clientName, RESERVED_CLIENT_NAMES)
  if (nameProblem !== undefined) return { ok: false, problem: nameProblem }
  return {
    ok: true,
    document: {
      clientId: clientIdUrl,
      clientName,
      redirectUris,
      grantTypes: SUPPORTED_GRANT_TYPES.filter((type) => grantTypes.includes(type)),
      metadata: doc,
    },
  }
}

/** Control characters removed and whitespace collapsed: the name is shown, never trusted. */
function cleanName(name: string | undefined): string {
  if (name === undefined) return ''
  const cleaned = Array.from(
    name
      .replace(/\p{Cc}/gu, ' ')
      .replace(/\s+/g, ' ')
      .trim(),
  )
  return cleaned.slice(0, MAX_CLIENT_NAME_LENGTH).join('')
}
