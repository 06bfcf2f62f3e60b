import { describe, expect, it } from 'vitest'
import { decideRefresh, type PresentedRefreshToken } from '../../src/oauth/refresh/rotation.ts'
import { openReplacement, sealReplacement } from '../../src/oauth/refresh/sealed-replacement.ts'

const now = new Date('2026-11-26T12:00:00Z')
const later = (ms: number) => new Date(now.getTime() + ms)
const fresh: PresentedRefreshToken = {
  expiresAt: later(1000 * 60 * 60),
  rotatedAt: null,
  revokedAt: null,
  grantRevokedAt: null,
  replacement: null,
}
const rotated: PresentedRefreshToken = {
  ...fresh,
  rotatedAt: now,
  replacement: { rotatedAt: null, revokedAt: null },
}

describe('refresh token rotation decisions (OAuth 2.1 §4.3.1, RFC 9700 §4.14.2)', () => {
  it('rotates an unused, live token', () => {
    expect(decideRefresh(fresh, now)).toEqual({ action: 'rotate' })
  })

  it('refuses an expired or revoked token, or one of a revoked grant', () => {
    expect(decideRefresh({ ...fresh, expiresAt: now }, now).action).toBe('refuse')
    expect(decideRefresh({ ...fresh, revokedAt: now }, now).action).toBe('refuse')
    expect(decideRefresh({ ...fresh, grantRevokedAt: now }, now).action).toBe('refuse')
    expect(decideRefresh({ ...rotated, grantRevokedAt: now }, now).action).toBe('refuse')
  })

  // The grace period is 60 seconds (README: "a client retrying within a minute gets the same
  // answer"); written out, so that a change of the constant fails here.
  it('replays the same pair for a retry within the 60-second grace period, up to its last millisecond', () => {
    expect(decideRefresh(rotated, later(1))).toEqual({ action: 'replay' })
    expect(decideRefresh(rotated, later(60_000))).toEqual({ action: 'replay' })
  })

  it('revokes the family for reuse after the grace period', () => {
    expect(decideRefresh(rotated, later(60_001))).toEqual({
      action: 'revoke_family',
    })
  })

  it('revokes the family for reuse once the replacement was itself used or revoked', () => {
    expect(
      decideRefresh({ ...rotated, replacement: { rotatedAt: now, revokedAt: null } }, later(1)),
    ).toEqual({ action: 'revoke_family' })
    expect(
      decideRefresh({ ...rotated, replacement: { rotatedAt: null, revokedAt: now } }, later(1)),
    ).toEqual({ action: 'revoke_family' })
    expect(decideRefresh({ ...rotated, replacement: null }, later(1))).toEqual({
      action: 'revoke_family',
    })
  })

  it('revokes the family for reuse of an expired, used token', () => {
    expect(decideRefresh({ ...rotated, expiresAt: now }, later(60_001)).action).toBe(
      'revoke_family',
    )
  })
})

describe('the sealed replacement pair', () => {
  const old = 'a'.repeat(64)
  const pair = { refreshToken: 'b'.repeat(64), accessToken: 'c'.repeat(64) }

  it('opens with the old refresh token', () => {
    expect(openReplacement(old, sealReplacement(old, pair))).toEqual(pair)
  })

  it('reveals nothing readable and opens with no other token', () => {
    const sealed = sealReplacement(old, pair)
    expect(sealed).not.toContain('bbbb')
    expect(Buffer.from(sealed, 'base64url').toString('latin1')).not.toContain('bbbb')
    expect(openReplacement('d'.repeat(64), sealed)).toBeUndefined()
    expect(openReplacement(old, `${sealed.slice(0, -2)}AA`)).toBeUndefined()
    expect(openReplacement(old, 'short')).toBeUndefined()
  })

  it('seals differently each time (random salt and nonce)', () => {
    expect(sealReplacement(old, pair)).not.toBe(sealReplacement(old, pair))
  })
})
