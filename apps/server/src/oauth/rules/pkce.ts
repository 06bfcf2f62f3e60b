import { createHash } from 'node:crypto'
import { safeEqual } from '../../auth/secrets.ts'
import { OAuthError } from '../errors.ts'

/**
 * RFC 7636 §4.1/§4.2: verifiers and challenges are 43 to 128 unreserved characters (a S256
 * challenge is always exactly 43).
 */
const PKCE_VALUE = /^[A-Za-z0-9._~-]{43,128}$/

/**
 * The authorization request's PKCE parameters. OAuth 2.1 §4.1.1 requires a challenge from every
 * client, and this server supports only S256: `plain` is refused, and so is an absent method,
 * which RFC 7636 §4.3 defines to mean `plain`.
 */
export function checkCodeChallenge(
  challenge: string | undefined,
  method: string | undefined,
): string {
  if (!challenge) {
    throw new OAuthError('invalid_request', 'code_challenge is required (PKCE with S256)')
  }
  if (method !== 'S256') {
    throw new OAuthError(
      'invalid_request',
      method === undefined
        ? 'code_challenge_method is required and must be S256'
        : `code_challenge_method ${method} is not supported; use S256`,
    )
  }
  if (!PKCE_VALUE.test(challenge)) {
    throw new OAuthError('invalid_request', 'code_challenge is not a valid S256 challenge')
  }
  return challenge
}

/** RFC 7636 §4.6: BASE64URL(SHA256(ASCII(code_verifier))) must equal the stored challenge. */
export function verifyCodeVerifier(verifier: string | undefined, challenge: string): void {
  if (!verifier) throw new OAuthError('invalid_request', 'code_verifier is required')
  if (!PKCE_VALUE.test(verifier)) {
    throw new OAuthError('invalid_grant', 'code_verifier is not a valid PKCE verifier')
  }
  const computed = createHash('sha256').update(verifier, 'ascii').digest('base64url')
  if (!safeEqual(computed, challenge)) {
    throw new OAuthError('invalid_grant', 'code_verifier does not match the code_challenge')
  }
}
