/**
 * What to do with a presented refresh token: the rotation rules of OAuth 2.1 §4.3.1 (refresh
 * tokens for public clients are rotated on every use, and a used one presented again means that
 * one of two holders is an attacker, so the whole family is revoked; RFC 9700 §4.14.2), with a
 * short grace period for clients that retry a refresh whose answer they lost. Pure: no I/O.
 */

/** A retry of the same refresh within this time gets the same new pair instead of a revocation. */
export const REFRESH_REUSE_GRACE_MS = 60 * 1000
/** Each refresh token lives this long unless used; every rotation starts a new one. */
export const REFRESH_TOKEN_LIFETIME_MS = 90 * 24 * 60 * 60 * 1000

export type PresentedRefreshToken = {
  expiresAt: Date
  rotatedAt: Date | null
  revokedAt: Date | null
  grantRevokedAt: Date | null
  /** The token that replaced this one, when it was rotated. */
  replacement: { rotatedAt: Date | null; revokedAt: Date | null } | null
}

export type RefreshDecision =
  /** Issue a new pair and mark this token rotated. */
  | { action: 'rotate' }
  /** A retry within the grace period: answer with the pair issued the first time. */
  | { action: 'replay' }
  /** A used token came back: revoke the family (grant) and refuse. */
  | { action: 'revoke_family' }
  /** Refuse with invalid_grant (RFC 6749 §5.2); nothing else changes. */
  | { action: 'refuse'; reason: string }

export function decideRefresh(
  token: PresentedRefreshToken,
  now: Date,
  graceMs = REFRESH_REUSE_GRACE_MS,
): RefreshDecision {
  if (token.revokedAt !== null || token.grantRevokedAt !== null) {
    return { action: 'refuse', reason: 'the refresh token has been revoked' }
  }
  if (token.rotatedAt === null) {
    if (token.expiresAt.getTime() <= now.getTime()) {
      return { action: 'refuse', reason: 'the refresh token has expired' }
    }
    return { action: 'rotate' }
  }
  // A retry is only a retry while the pair it would receive is untouched: once the new refresh
  // token has itself been used or revoked, the old one coming back is reuse, grace or not.
  const replacementUntouched =
    token.replacement !== null &&
    token.replacement.rotatedAt === null &&
    token.replacement.revokedAt === null
  const withinGrace = now.getTime() - token.rotatedAt.getTime() <= graceMs
  if (withinGrace && replacementUntouched) return { action: 'replay' }
  return { action: 'revoke_family' }
}
