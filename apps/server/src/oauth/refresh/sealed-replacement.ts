import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto'

/**
 * The pair of tokens that replaced a refresh token, kept so that a client retrying the same
 * refresh within the grace period receives the same pair again (see rotation.ts).
 *
 * Raw tokens are never stored readable. The pair is encrypted (AES-256-GCM) under a key derived
 * (HKDF-SHA256, RFC 5869) from the old refresh token itself, which the database holds only as a
 * SHA-256 hash: a copy of the database cannot open it, and only someone presenting the old token
 * can, which is exactly who may receive the pair during the grace period. Nothing is derivable
 * from the old token alone either: the new tokens are random, so holding an old token without
 * presenting it (and tripping reuse detection after the grace period) yields nothing.
 */
export type ReplacementPair = {
  refreshToken: string
  accessToken: string
}

const INFO = Buffer.from('tokencraft refresh-token replacement v1')

function keyFrom(oldRefreshToken: string, salt: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', oldRefreshToken, salt, INFO, 32))
}

/** base64url(salt ‖ iv ‖ ciphertext ‖ tag). */
export function sealReplacement(oldRefreshToken: string, pair: ReplacementPair): string {
  const salt = randomBytes(16)
  const iv = randomBytes(12)
  const cipher = createCipheriv('aes-256-gcm', keyFrom(oldRefreshToken, salt), iv)
  const plaintext = Buffer.from(JSON.stringify([pair.refreshToken, pair.accessToken]))
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()])
  return Buffer.concat([salt, iv, ciphertext, cipher.getAuthTag()]).toString('base64url')
}

/** The pair, or undefined when the token is not the one it was sealed with or the data is bad. */
export function openReplacement(
  oldRefreshToken: string,
  sealed: string,
): ReplacementPair | undefined {
  const data = Buffer.from(sealed, 'base64url')
  if (data.length < 16 + 12 + 16) return undefined
  const salt = data.subarray(0, 16)
  const iv = data.subarray(16, 28)
  const tag = data.subarray(data.length - 16)
  const ciphertext = data.subarray(28, data.length - 16)
  try {
    const decipher = createDecipheriv('aes-256-gcm', keyFrom(oldRefreshToken, salt), iv)
    decipher.setAuthTag(tag)
    const plaintext = Buffer.concat([decipher.update(ciphertext), decipher.final()])
    const [refreshToken, accessToken] = JSON.parse(plaintext.toString('utf8')) as unknown[]
    if (typeof refreshToken !== 'string' || typeof accessToken !== 'string') return undefined
    return { refreshToken, accessToken }
  } catch {
    return undefined
  }
}
