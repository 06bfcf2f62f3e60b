import type { WindowHit } from './store.ts'

export type Policy = {
  /** names the policy in the IETF fields, e.g. "per-token" */
  name: string
  limit: number
  windowMs: number
}

/**
 * The response fields for one decision:
 * - `X-RateLimit-Limit`, `-Remaining`, `-Reset` (Unix seconds) as the hosted product documents;
 * - `RateLimit-Policy` and `RateLimit` as in draft-ietf-httpapi-ratelimit-headers (§3, §4):
 *   q = quota, w = window seconds, r = remaining, t = seconds until the quota frees up;
 * - `Retry-After` (RFC 9110 §10.2.3) in seconds when refused.
 * "Reset" is when the oldest request in the window leaves it, i.e. when one more is allowed.
 */
export function rateLimitHeaders(
  policy: Policy,
  hit: WindowHit,
  nowMs: number,
): Record<string, string> {
  const remaining = Math.max(0, policy.limit - hit.count)
  const resetMs = hit.oldestMs + policy.windowMs
  const secondsToReset = Math.max(0, Math.ceil((resetMs - nowMs) / 1000))
  const headers: Record<string, string> = {
    'X-RateLimit-Limit': String(policy.limit),
    'X-RateLimit-Remaining': String(remaining),
    'X-RateLimit-Reset': String(Math.ceil(resetMs / 1000)),
    'RateLimit-Policy': `"${policy.name}";q=${policy.limit};w=${Math.round(policy.windowMs / 1000)}`,
    RateLimit: `"${policy.name}";r=${remaining};t=${secondsToReset}`,
  }
  if (!hit.allowed) headers['Retry-After'] = String(Math.max(1, secondsToReset))
  return headers
}
