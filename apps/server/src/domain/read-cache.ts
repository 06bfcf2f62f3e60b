/**
 * A bounded in-process cache for reads keyed by a tokenset's revision (db.ts, lockTokenset).
 * Every write bumps the revision inside its transaction and every read asks the database for
 * the current revision first, so an entry is never served once a write it predates has
 * committed, in this process or any other (SPEC §1: no request depends on another's memory,
 * except optional caches with a bounded lifetime). Bounded in total weight (e.g. rows held) and
 * in age; least recently used entries go first. Concurrent misses of one key share one load.
 */
export type ReadCacheOptions = {
  /** The most weight held at once; a value heavier than this alone is never kept. */
  maxWeight: number
  /** How long an entry may be served after it was loaded. */
  ttlMs: number
  now?: () => number
}

type Entry<V> = { value: V; weight: number; expiresAt: number }

/**
 * Freezes plain objects and arrays all the way down: a cached value is shared by every request
 * that reads it, so a change made for one answer would leak into the next (strict mode turns
 * any such write into a TypeError). Other objects (Maps, Dates) are left as they are.
 */
export function deepFreeze<T>(value: T): T {
  if (value === null || typeof value !== 'object' || Object.isFrozen(value)) return value
  const prototype = Object.getPrototypeOf(value)
  if (!Array.isArray(value) && prototype !== Object.prototype && prototype !== null) return value
  Object.freeze(value)
  for (const item of Object.values(value)) deepFreeze(item)
  return value
}

export class ReadCache<V> {
  readonly #entries = new Map<string, Entry<V>>()
  readonly #loading = new Map<string, Promise<V>>()
  readonly #maxWeight: number
  readonly #ttlMs: number
  readonly #now: () => number
  #weight = 0

  constructor(options: ReadCacheOptions) {
    this.#maxWeight = options.maxWeight
    this.#ttlMs = options.ttlMs
    this.#now = options.now ?? Date.now
  }

  /** The total weight held now. */
  get weight(): number {
    return this.#weight
  }

  get(key: string): V | undefined {
    const entry = this.#entries.get(key)
    if (!entry) return undefined
    this.#entries.delete(key)
    if (entry.expiresAt <= this.#now()) {
      this.#weight -= entry.weight
      return undefined
    }
    this.#entries.set(key, entry) // most recently used last
    return entry.value
  }

  set(key: string, value: V, weight: number): void {
    const previous = this.#entries.get(key)
    if (previous) {
      this.#entries.delete(key)
      this.#weight -= previous.weight
    }
    if (weight > this.#maxWeight) return
    this.#entries.set(key, { value, weight, expiresAt: this.#now() + this.#ttlMs })
    this.#weight += weight
    for (const [oldest, entry] of this.#entries) {
      if (this.#weight <= this.#maxWeight) break
      this.#entries.delete(oldest)
      this.#weight -= entry.weight
    }
  }

  /**
   * The cached value, or `load()`'s, frozen (deepFreeze) and kept with the weight `weigh` gives
   * it.
   */
  async getOrLoad(key: string, load: () => Promise<V>, weigh: (value: V) => number): Promise<V> {
    const cached = this.get(key)
    if (cached !== undefined) return cached
    const pending = this.#loading.get(key)
    if (pending) return pending
    const loading = load().then(
      (value) => {
        this.#loading.delete(key)
        deepFreeze(value)
        this.set(key, value, weigh(value))
        return value
      },
      (error: unknown) => {
        this.#loading.delete(key)
        throw error
      },
    )
    this.#loading.set(key, loading)
    return loading
  }
}

/** One cache per database client, so that two databases in one process never share entries. */
export function perDatabase<V>(options: ReadCacheOptions): (db: object) => ReadCache<V> {
  const caches = new WeakMap<object, ReadCache<V>>()
  return (db) => {
    let cache = caches.get(db)
    if (!cache) {
      cache = new ReadCache<V>(options)
      caches.set(db, cache)
    }
    return cache
  }
}
