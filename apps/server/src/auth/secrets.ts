import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'

/** Manual API tokens: `tkc_` + 32 random bytes as 64 lowercase hex characters. */
export const MANUAL_TOKEN_PREFIX = 'tkc_'
const MANUAL_TOKEN = /^tkc_[0-9a-f]{64}$/
/** OAuth access tokens (issued by the OAuth server): 64 lowercase hex characters, no prefix. */
const OAUTH_TOKEN = /^[0-9a-f]{64}$/

/** SHA-256 hex: how every random secret (tokens, session ids) is stored. */
export function sha256Hex(value: string): string {
  return createHash('sha256').update(value).digest('hex')
}

/** A random secret of `bytes` bytes as base64url, for cookies and CSRF secrets. */
export function randomSecret(bytes = 32): string {
  return randomBytes(bytes).toString('base64url')
}

export function generateManualToken(): string {
  return MANUAL_TOKEN_PREFIX + randomBytes(32).toString('hex')
}

/** The short, non-secret part shown on API Settings. */
export function tokenHint(token: string): string {
  return token.slice(-4)
}

/** Whether a bearer value has the shape of a manual or an OAuth token; anything else is refused
 * without a database lookup. */
export function isWellFormedToken(token: string): boolean {
  return MANUAL_TOKEN.test(token) || OAUTH_TOKEN.test(token)
}

/** Constant-time string equality (lengths may leak, contents do not). */
export function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a)
  const right = Buffer.from(b)
  return left.length === right.length && timingSafeEqual(left, right)
}
