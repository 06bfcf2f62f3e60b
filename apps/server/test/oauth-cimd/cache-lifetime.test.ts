import { describe, expect, it } from 'vitest'
import { documentCacheLifetimeMs } from '../../src/oauth/client-metadata/cache-lifetime.ts'
import type { ClientMetadataDocument } from '../../src/oauth/client-metadata/document.ts'
import { DocumentCache } from '../../src/oauth/client-metadata/document-cache.ts'

const now = new Date('2026-11-26T12:00:00Z')

describe('how long a document may be cached (RFC 9111 within a bound)', () => {
  it('uses max-age, before Expires', () => {
    expect(documentCacheLifetimeMs({ cacheControl: 'public, max-age=300' }, now)).toBe(300_000)
    expect(
      documentCacheLifetimeMs(
        { cacheControl: 'max-age=60', expires: 'Thu, 26 Nov 2026 12:30:00 GMT' },
        now,
      ),
    ).toBe(60_000)
  })

  it('uses Expires relative to Date', () => {
    expect(
      documentCacheLifetimeMs(
        { expires: 'Thu, 26 Nov 2026 12:10:00 GMT', date: 'Thu, 26 Nov 2026 12:00:00 GMT' },
        now,
      ),
    ).toBe(600_000)
  })

  it('caches nothing without freshness information, or when told not to', () => {
    expect(documentCacheLifetimeMs({}, now)).toBe(0)
    expect(documentCacheLifetimeMs({ cacheControl: 'no-store, max-age=300' }, now)).toBe(0)
    expect(documentCacheLifetimeMs({ cacheControl: 'no-cache' }, now)).toBe(0)
    expect(documentCacheLifetimeMs({ cacheControl: 'max-age=abc' }, now)).toBe(0)
    expect(documentCacheLifetimeMs({ expires: 'yesterday-ish' }, now)).toBe(0)
    expect(documentCacheLifetimeMs({ expires: 'Thu, 26 Nov 2026 11:00:00 GMT' }, now)).toBe(0)
  })

  // README: "cached as its HTTP caching headers allow, at most an hour" (written out, so that a
  // change of the bound fails here)
  it('never beyond one hour, by max-age or by Expires', () => {
    const HOUR = 3_600_000
    expect(documentCacheLifetimeMs({ cacheControl: 'max-age=3600' }, now)).toBe(HOUR)
    expect(documentCacheLifetimeMs({ cacheControl: 'max-age=3599' }, now)).toBe(HOUR - 1_000)
    expect(documentCacheLifetimeMs({ cacheControl: 'max-age=3601' }, now)).toBe(HOUR)
    expect(documentCacheLifetimeMs({ cacheControl: 'max-age=31536000' }, now)).toBe(HOUR)
    expect(
      documentCacheLifetimeMs(
        { expires: 'Fri, 27 Nov 2026 12:00:00 GMT', date: 'Thu, 26 Nov 2026 12:00:00 GMT' },
        now,
      ),
    ).toBe(HOUR)
  })
})

describe('the per-process document cache', () => {
  const doc = (n: number): ClientMetadataDocument => ({
    clientId: `https://example.com/c${n}`,
    clientName: `C${n}`,
    redirectUris: ['https://example.com/cb'],
    grantTypes: ['authorization_code'],
    metadata: {},
  })

  it('forgets an entry when its lifetime ends', () => {
    const cache = new DocumentCache(10)
    cache.set(doc(1), 1000, now)
    expect(cache.get(doc(1).clientId, new Date(now.getTime() + 999))?.clientName).toBe('C1')
    expect(cache.get(doc(1).clientId, new Date(now.getTime() + 1000))).toBeUndefined()
  })

  it('keeps nothing with a zero lifetime, and drops what it had', () => {
    const cache = new DocumentCache(10)
    cache.set(doc(1), 1000, now)
    cache.set(doc(1), 0, now)
    expect(cache.get(doc(1).clientId, now)).toBeUndefined()
  })

  it('holds at most maxEntries, dropping the least recently used', () => {
    const cache = new DocumentCache(2)
    cache.set(doc(1), 1000, now)
    cache.set(doc(2), 1000, now)
    cache.get(doc(1).clientId, now)
    cache.set(doc(3), 1000, now)
    expect(cache.size).toBe(2)
    expect(cache.get(doc(2).clientId, now)).toBeUndefined()
    expect(cache.get(doc(1).clientId, now)).toBeDefined()
    expect(cache.get(doc(3).clientId, now)).toBeDefined()
  })
})
