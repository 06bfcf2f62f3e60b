import { describe, expect, it } from 'vitest'
import { bearerToken } from '../../src/auth/bearer.ts'
import {
  generateManualToken,
  isWellFormedToken,
  safeEqual,
  sha256Hex,
  tokenHint,
} from '../../src/auth/secrets.ts'

describe('manual API tokens', () => {
  it('are tkc_ and 32 random bytes in hex, different every time', () => {
    const token = generateManualToken()
    expect(token).toMatch(/^tkc_[0-9a-f]{64}$/)
    expect(generateManualToken()).not.toBe(token)
    expect(tokenHint(token)).toBe(token.slice(-4))
  })

  it('are stored as SHA-256 hex', () => {
    expect(sha256Hex('abc')).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    )
  })
})

describe('bearer token shape', () => {
  const hex = 'a'.repeat(64)
  it.each([
    [`tkc_${hex}`, true],
    [hex, true],
    [`tkx_${hex}`, false],
    [`tkc_${hex.slice(1)}`, false],
    [`tkc_${hex}0`, false],
    [hex.slice(1), false],
    [`${hex}0`, false],
    [hex.toUpperCase(), false],
    ['', false],
  ])('%s → %s', (token, ok) => {
    expect(isWellFormedToken(token)).toBe(ok)
  })

  it('reads Authorization: Bearer case-insensitively (RFC 6750 §2.1)', () => {
    expect(bearerToken(`Bearer ${hex}`)).toBe(hex)
    expect(bearerToken(`bearer ${hex}`)).toBe(hex)
    expect(bearerToken('Bearer')).toBe('')
    expect(bearerToken('Basic dXNlcjpwYXNz')).toBeUndefined()
    expect(bearerToken(undefined)).toBeUndefined()
  })

  it('compares secrets in full', () => {
    expect(safeEqual('abc', 'abc')).toBe(true)
    expect(safeEqual('abc', 'abd')).toBe(false)
    expect(safeEqual('abc', 'abcd')).toBe(false)
  })
})
