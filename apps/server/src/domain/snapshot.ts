/**
 * A tokenset as it stood at one revision, with every mode resolved: what reads of one token
 * (get_token) and of the whole set (the token browser) share. Kept per process by revision
 * (read-cache.ts), so an agent asking for token after token does not load and resolve the
 * whole set each time. Read-only and shared: writes load the set afresh in their transaction.
 */
import { type ResolvedToken, resolveTokens } from '@tokencraft/tokens'
import type { TokensetAccess } from './access.ts'
import type { Db } from './db.ts'
import { loadTokenset, type StoredTokenset } from './model.ts'
import { perDatabase } from './read-cache.ts'

export type TokensetSnapshot = StoredTokenset & {
  /** mode name → every token resolved in it (undefined when the mode does not resolve) */
  resolved: ReadonlyMap<string, ReadonlyMap<string, ResolvedToken> | undefined>
  /** token name → its index in `rows` and `tokens` */
  index: ReadonlyMap<string, number>
}

/** Weighed in token values (tokens × modes). */
const snapshots = perDatabase<TokensetSnapshot>({ maxWeight: 200_000, ttlMs: 5 * 60_000 })

export function tokensetSnapshot(db: Db, access: TokensetAccess): Promise<TokensetSnapshot> {
  return snapshots(db).getOrLoad(
    JSON.stringify([access.id, access.revision]),
    async () => {
      const stored = await loadTokenset(db, access.id)
      const fallbackMode = stored.defaultMode.name
      const resolved = new Map(
        stored.modes.map((mode) => {
          const result = resolveTokens(stored.tokens, mode.name, { fallbackMode })
          return [mode.name, result.ok ? result.value : undefined] as const
        }),
      )
      const index = new Map(stored.rows.map((row, i) => [row.name, i]))
      return { ...stored, resolved, index }
    },
    (snapshot) => snapshot.tokens.length * Math.max(1, snapshot.modes.length),
  )
}
