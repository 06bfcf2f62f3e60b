/**
 * Client authentication at the token and revocation endpoints (RFC 6749 §2.3): HTTP Basic
 * (`client_secret_basic`, §2.3.1), the secret in the form body (`client_secret_post`), or none
 * for public clients, which prove themselves with PKCE instead. Pure: no I/O.
 */
import { safeEqual, sha256Hex } from '../../auth/secrets.ts'
import { OAuthError } from '../errors.ts'

export type PresentedClient = {
  clientId: string | undefined
  secret: string | undefined
  basic: boolean
}

export type StoredClient = { id: string; secretHash: string | null }

/** RFC 6749 §2.3.1: Basic credentials are the form-urlencoded id and secret. */
function parseBasic(header: string): { clientId: string; secret: string } {
  const match = header.match(/^Basic\s+([A-Za-z0-9+/=]+)\s*$/i)
  const decoded = match?.[1] ? Buffer.from(match[1], 'base64').toString('utf8') : ''
  const colon = decoded.indexOf(':')
  if (colon < 0) throw new OAuthError('invalid_client', 'Malformed Basic client credentials')
  try {
    return {
      clientId: decodeURIComponent(decoded.slice(0, colon).replace(/\+/g, ' ')),
      secret: decodeURIComponent(decoded.slice(colon + 1).replace(/\+/g, ' ')),
    }
  } catch {
    throw new OAuthError('invalid_client', 'Malformed Basic client credentials')
  }
}

const nonEmpty = (value: unknown) => (typeof value === 'string' && value !== '' ? value : undefined)

/**
 * Who the request says it comes from. RFC 6749 §2.3: a client MUST NOT use more than one
 * authentication method in a request, so a Basic header plus a body secret is refused, and a
 * body client_id that differs from the Basic one too.
 */
export function presentedClient(
  authorization: string | undefined,
  body: Record<string, unknown>,
): PresentedClient {
  const bodyId = nonEmpty(body.client_id)
  const bodySecret = nonEmpty(body.client_secret)
  if (authorization && /^Basic\s/i.test(authorization)) {
    const basic = parseBasic(authorization)
    if (bodySecret !== undefined) {
      throw new OAuthError('invalid_request', 'Send the client secret once: Basic or client_secret')
    }
    if (bodyId !== undefined && bodyId !== basic.clientId) {
      throw new OAuthError('invalid_client', 'client_id differs from the Basic credentials')
    }
    return { clientId: basic.clientId, secret: basic.secret, basic: true }
  }
  return { clientId: bodyId, secret: bodySecret, basic: false }
}

/**
 * A confidential client (one that was given a secret) must present it; a public client
 * (`token_endpoint_auth_method: none`) is identified by its client_id alone.
 */
export function authenticateClient<C extends StoredClient>(
  presented: PresentedClient,
  client: C | null | undefined,
): asserts client is C {
  if (!presented.clientId) throw new OAuthError('invalid_client', 'client_id is required')
  if (!client || client.id !== presented.clientId) {
    throw new OAuthError('invalid_client', 'Unknown client')
  }
  if (client.secretHash === null) return
  if (presented.secret === undefined) {
    throw new OAuthError('invalid_client', 'This client must authenticate with its client_secret')
  }
  if (!safeEqual(sha256Hex(presented.secret), client.secretHash)) {
    throw new OAuthError('invalid_client', 'Client authentication failed')
  }
}
