/**
 * The user code of a Figma sign-in: short, shown by the plugin that started the sign-in and
 * typed by the person on the consent page, so that an approval counts only for the Figma window
 * that asked: the user code of RFC 8628 §3.3, against the consent phishing of RFC 8628 §5.4 and
 * of RFC 10027 (cross-device flows). Pure apart from the random source.
 */
import { randomBytes } from 'node:crypto'
import { safeEqual, sha256Hex } from '../../auth/secrets.ts'

/** RFC 8628 §6.1: consonants only (no vowels, so no words), case-insensitive, easy to type. */
export const USER_CODE_ALPHABET = 'BCDFGHJKLMNPQRSTVWXZ'
/** 8 characters of 20: about 34.5 bits, more than the lifetime of a sign-in lets anyone guess. */
export const USER_CODE_LENGTH = 8

/** A fresh code as shown, e.g. `WDJB-MJHT` (RFC 8628 §6.1: a dash for readability). */
export function generateUserCode(random: (size: number) => Uint8Array = randomBytes): string {
  const chars: string[] = []
  // rejection sampling: 256 is not a multiple of 20, so bytes ≥ 240 would favour some letters
  const limit = 256 - (256 % USER_CODE_ALPHABET.length)
  while (chars.length < USER_CODE_LENGTH) {
    for (const byte of random(USER_CODE_LENGTH * 2)) {
      if (byte < limit && chars.length < USER_CODE_LENGTH) {
        chars.push(USER_CODE_ALPHABET[byte % USER_CODE_ALPHABET.length] as string)
      }
    }
  }
  return `${chars.slice(0, 4).join('')}-${chars.slice(4).join('')}`
}

/**
 * The code as typed, compared form: RFC 8628 §6.1 asks to accept lower case and to ignore the
 * dash and spaces people add or leave out.
 */
export function normalizeUserCode(typed: string): string {
  return typed.toUpperCase().replace(/[^A-Z0-9]/g, '')
}

/** What is stored: the SHA-256 of the normalized code, never the code. */
export function userCodeHash(code: string): string {
  return sha256Hex(normalizeUserCode(code))
}

/** Whether the typed code is the one whose hash was stored (compared in constant time). */
export function userCodeMatches(typed: string, storedHash: string): boolean {
  return safeEqual(userCodeHash(typed), storedHash)
}
