/**
 * `Retry-After` (RFC 9110 §10.2.3): a number of seconds or an HTTP date, as milliseconds to wait
 * from `now`; undefined when absent or unreadable. Pure.
 */
export function retryAfterMs(header: string | null, now: number): number | undefined {
  const value = header?.trim()
  if (!value) return undefined
  if (/^\d+$/.test(value)) return Number(value) * 1000
  const date = Date.parse(value)
  return Number.isNaN(date) ? undefined : Math.max(0, date - now)
}
