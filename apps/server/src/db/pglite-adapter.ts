/**
 * The PGlite driver adapter factory, with two repairs the migrator depends on:
 * - `executeScript` is awaited, so a failing migration script fails the migration instead of
 *   being recorded as applied while its error surfaces later as an unhandled rejection;
 * - the shadow database (used when diffing the migrations folder) is an in-memory PGlite built
 *   from the process's compiled modules, and is closed when the engine disposes of it.
 */
import type { PGlite } from '@electric-sql/pglite'
import type {
  SqlDriverAdapter,
  SqlMigrationAwareDriverAdapterFactory,
} from '@prisma/driver-adapter-utils'
import { PrismaPGlite } from 'pglite-prisma-adapter'
import { createPGlite } from './pglite.ts'

function repaired(
  adapter: SqlDriverAdapter,
  client: PGlite,
  onDispose?: () => Promise<void>,
): SqlDriverAdapter {
  // Errors go through the adapter's own conversion, so the engine sees the usual error kinds.
  const onError = (adapter as unknown as { onError(error: unknown): never }).onError.bind(adapter)
  return Object.assign(Object.create(adapter) as SqlDriverAdapter, {
    async executeScript(script: string) {
      try {
        await client.exec(script)
      } catch (error) {
        onError(error)
      }
    },
    async dispose() {
      await adapter.dispose()
      await onDispose?.()
    },
  })
}

/**
 * The adapter hands PGlite its type parsers with every query, and PGlite merges them into its
 * own on every query (an object spread of some sixty entries, a tenth of a cached read's time).
 * Merged into the instance once instead (`parsers` is PGlite's public property), each query
 * then uses the instance's; the parsers the adapter passes never change.
 */
function parsersMergedOnce(client: PGlite): PGlite {
  let merged = false
  const query: PGlite['query'] = (sql, params, options) => {
    if (!options?.parsers) return client.query(sql, params, options)
    if (!merged) {
      client.parsers = { ...client.parsers, ...options.parsers }
      merged = true
    }
    const { parsers: _, ...rest } = options
    return client.query(sql, params, rest)
  }
  return new Proxy(client, {
    get(target, property) {
      if (property === 'query') return query
      const value = Reflect.get(target, property, target)
      // PGlite keeps private state per instance: its methods must run on the instance itself
      return typeof value === 'function' ? value.bind(target) : value
    },
  })
}

export class PGliteAdapterFactory implements SqlMigrationAwareDriverAdapterFactory {
  readonly provider = 'postgres'
  readonly adapterName: string
  readonly #inner: PrismaPGlite

  constructor(private readonly client: PGlite) {
    this.#inner = new PrismaPGlite(parsersMergedOnce(client))
    this.adapterName = this.#inner.adapterName
  }

  async connect(): Promise<SqlDriverAdapter> {
    return repaired(await this.#inner.connect(), this.client)
  }

  async connectToShadowDb(): Promise<SqlDriverAdapter> {
    const shadow = await createPGlite()
    const adapter = await new PrismaPGlite(shadow).connect()
    return repaired(adapter, shadow, () => shadow.close())
  }
}
