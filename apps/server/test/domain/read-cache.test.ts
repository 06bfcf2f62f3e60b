import { describe, expect, it } from 'vitest'
import { deepFreeze, perDatabase, ReadCache } from '../../src/domain/read-cache.ts'

function clockAt(start: number) {
  const clock = { now: start }
  return { clock, now: () => clock.now }
}

describe('ReadCache', () => {
  it('serves what it holds until the entry is ttlMs old', () => {
    const { clock, now } = clockAt(1_000)
    const cache = new ReadCache<string>({ maxWeight: 10, ttlMs: 500, now })
    cache.set('a', 'A', 1)
    clock.now += 499
    expect(cache.get('a')).toBe('A')
    clock.now += 1
    expect(cache.get('a')).toBeUndefined()
    expect(cache.weight).toBe(0)
  })

  it('drops the least recently used entries once over its weight', () => {
    const cache = new ReadCache<string>({ maxWeight: 10, ttlMs: 60_000 })
    cache.set('a', 'A', 4)
    cache.set('b', 'B', 4)
    expect(cache.get('a')).toBe('A') // a is now the most recently used
    cache.set('c', 'C', 4)
    expect(cache.get('b')).toBeUndefined()
    expect(cache.get('a')).toBe('A')
    expect(cache.get('c')).toBe('C')
    expect(cache.weight).toBe(8)
  })

  it('never keeps a value heavier than the whole cache, and replaces a key in place', () => {
    const cache = new ReadCache<string>({ maxWeight: 10, ttlMs: 60_000 })
    cache.set('a', 'A', 3)
    cache.set('huge', 'H', 11)
    expect(cache.get('huge')).toBeUndefined()
    cache.set('a', 'A2', 5)
    expect(cache.get('a')).toBe('A2')
    expect(cache.weight).toBe(5)
  })

  it('shares one load among concurrent misses of a key and keeps its result', async () => {
    const cache = new ReadCache<number>({ maxWeight: 10, ttlMs: 60_000 })
    let loads = 0
    const load = async () => {
      loads++
      await new Promise((resolve) => setTimeout(resolve, 5))
      return 42
    }
    const values = await Promise.all([1, 2, 3].map(() => cache.getOrLoad('k', load, () => 1)))
    expect(values).toEqual([42, 42, 42])
    expect(await cache.getOrLoad('k', load, () => 1)).toBe(42)
    expect(loads).toBe(1)
  })

  it('keeps nothing when the load fails, so the next read tries again', async () => {
    const cache = new ReadCache<number>({ maxWeight: 10, ttlMs: 60_000 })
    await expect(
      cache.getOrLoad(
        'k',
        () => Promise.reject(new Error('down')),
        () => 1,
      ),
    ).rejects.toThrow('down')
    expect(
      await cache.getOrLoad(
        'k',
        async () => 7,
        () => 1,
      ),
    ).toBe(7)
  })

  it('freezes what it loads, so no request can change what the next one reads', async () => {
    const cache = new ReadCache<{ tokens: { name: string }[] }>({ maxWeight: 10, ttlMs: 60_000 })
    const page = await cache.getOrLoad(
      'k',
      async () => ({ tokens: [{ name: 'a' }] }),
      () => 1,
    )
    expect(() => page.tokens.push({ name: 'b' })).toThrow(TypeError)
    expect(() => {
      ;(page.tokens[0] as { name: string }).name = 'changed'
    }).toThrow(TypeError)
    expect(
      deepFreeze(new Map([['k', 1]]))
        .set('k', 2)
        .get('k'),
    ).toBe(2) // only plain data
  })

  it('gives each database its own cache', () => {
    const cacheOf = perDatabase<string>({ maxWeight: 10, ttlMs: 60_000 })
    const one = {}
    const two = {}
    cacheOf(one).set('k', 'one', 1)
    expect(cacheOf(one).get('k')).toBe('one')
    expect(cacheOf(two).get('k')).toBeUndefined()
  })
})
