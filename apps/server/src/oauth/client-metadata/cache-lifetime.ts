/**
 * How long a fetched metadata document may be reused (draft §5.2: the authorization server may
 * cache the document within its HTTP caching headers, RFC 9111). Pure: no I/O.
 */

/** Upper bound whatever the headers say, so that a client's changed or withdrawn document is
 * noticed within the hour. */
export const MAX_DOCUMENT_CACHE_MS = 60 * 60 * 1000

export type CachingHeaders = {
  cacheControl?: string | undefined
  expires?: string | undefined
  date?: string | undefined
}

/**
 * Milliseconds the response may be reused, clamped to [0, MAX_DOCUMENT_CACHE_MS]. A response
 * without freshness information is not cached at all (no heuristic freshness, RFC 9111 §4.2.2,
 * which would only guess).
 */
export function documentCacheLifetimeMs(headers: CachingHeaders, now: Date): number {
  const directives = parseCacheControl(headers.cacheControl ?? '')
  // RFC 9111 §5.2.2.5 and §5.2.2.3: no-store forbids keeping it; no-cache forbids reuse without
  // revalidation, which this cache does not do.
  if (directives.has('no-store') || directives.has('no-cache')) return 0
  // §5.2.2.1: max-age takes precedence over Expires.
  const maxAge = directives.get('max-age')
  if (maxAge !== undefined) {
    return /^\d+$/.test(maxAge) ? clamp(Number(maxAge) * 1000) : 0
  }
  if (headers.expires !== undefined) {
    const expires = Date.parse(headers.expires)
    // §5.3: an invalid Expires means "already expired".
    if (Number.isNaN(expires)) return 0
    const date = headers.date === undefined ? Number.NaN : Date.parse(headers.date)
    const origin = Number.isNaN(date) ? now.getTime() : date
    return clamp(expires - origin)
  }
  return 0
}

function clamp(ms: number): number {
  return Math.max(0, Math.min(ms, MAX_DOCUMENT_CACHE_MS))
}

/** Directive names lower-cased; values without quotes. */
function parseCacheControl(value: string): Map<string, string> {
  const directives = new Map<string, string>()
  for (const part of value.split(',')) {
    const [name = '', ...rest] = part.split('=')
    const key = name.trim().toLowerCase()
    if (key === '') continue
    directives.set(
      key,
      rest
        .join('=')
        .trim()
        .replace(/^"(.*)"$/, '$1'),
    )
  }
  return directives
}
