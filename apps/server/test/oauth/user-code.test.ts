import { describe, expect, it } from 'vitest'
import { sha256Hex } from '../../src/auth/secrets.ts'
import {
  generateUserCode,
  normalizeUserCode,
  userCodeHash,
  userCodeMatches,
} from '../../src/oauth/rules/user-code.ts'

describe('the Figma sign-in user code (RFC 8628 §6.1)', () => {
  it('is 8 consonants of 20 with a dash, drawn without bias', () => {
    // bytes of 240 and above would favour the first 16 letters: they are skipped
    const bytes = [255, 240, 0, 19, 20, 239, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]
    expect(generateUserCode(() => Uint8Array.from(bytes))).toBe('BZBZ-CDFG')
    for (let i = 0; i < 50; i++) {
      expect(generateUserCode()).toMatch(/^[BCDFGHJKLMNPQRSTVWXZ]{4}-[BCDFGHJKLMNPQRSTVWXZ]{4}$/)
    }
  })

  it('is compared as typed generously: any case, with or without dash and spaces', () => {
    expect(normalizeUserCode(' wdjb-mjht ')).toBe('WDJBMJHT')
    const stored = userCodeHash('WDJB-MJHT')
    expect(stored).toBe(sha256Hex('WDJBMJHT'))
    for (const typed of ['WDJB-MJHT', 'wdjbmjht', 'wdjb mjht']) {
      expect(userCodeMatches(typed, stored)).toBe(true)
    }
    for (const typed of ['', 'WDJB-MJHX', 'WDJB-MJH']) {
      expect(userCodeMatches(typed, stored)).toBe(false)
    }
  })
})
