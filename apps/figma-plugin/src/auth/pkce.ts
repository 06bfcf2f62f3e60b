/** Base64url without padding (RFC 7636 Appendix A). */
export function base64url(bytes: Uint8Array): string {
  let binary = ''
  for (const byte of bytes) binary += String.fromCharCode(byte)
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
}

/** 256 random bits, base64url: the `state` and the PKCE code verifier are made this way. */
export function randomToken(crypto: Crypto = globalThis.crypto): string {
  return base64url(crypto.getRandomValues(new Uint8Array(32)))
}

/**
 * A PKCE pair (RFC 7636 §4.1–4.2): a 43-character verifier of 32 random octets, and its S256
 * challenge BASE64URL(SHA256(ASCII(verifier))).
 */
export async function createPkce(
  crypto: Crypto = globalThis.crypto,
): Promise<{ verifier: string; challenge: string }> {
  const verifier = randomToken(crypto)
  return { verifier, challenge: await s256Challenge(verifier, crypto) }
}

/** The S256 code challenge of a verifier (RFC 7636 §4.2). */
export async function s256Challenge(
  verifier: string,
  crypto: Crypto = globalThis.crypto,
): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))
  return base64url(new Uint8Array(digest))
}
