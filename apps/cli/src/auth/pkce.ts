/** PKCE (RFC 7636) and the `state` of the authorization request (RFC 6749 §10.12). */
import { createHash, randomBytes } from 'node:crypto'

export type Pkce = { verifier: string; challenge: string }

/** RFC 7636 §4.1: 32 random octets, base64url (43 characters); §4.2: S256 challenge. */
export function createPkce(): Pkce {
  const verifier = randomBytes(32).toString('base64url')
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') }
}

/** An unguessable value binding the browser's answer to this sign-in. */
export const randomState = (): string => randomBytes(16).toString('base64url')
