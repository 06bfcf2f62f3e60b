/**
 * PGlite instances. Compiling PostgreSQL's wasm is a large share of PGlite's start-up, so the
 * modules and the file-system bundle are loaded once per process and handed to every instance
 * (the server's database, the migrator's shadow database, test databases).
 */
import { readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { PGlite, type PGliteOptions } from '@electric-sql/pglite'

type Assets = Pick<PGliteOptions, 'pgliteWasmModule' | 'initdbWasmModule' | 'fsBundle'>

let assets: Promise<Assets> | undefined

function loadAssets(): Promise<Assets> {
  assets ??= (async () => {
    const require = createRequire(import.meta.url)
    const dist = dirname(require.resolve('@electric-sql/pglite'))
    const [pglite, initdb, bundle] = await Promise.all([
      readFile(join(dist, 'pglite.wasm')),
      readFile(join(dist, 'initdb.wasm')),
      readFile(join(dist, 'pglite.data')),
    ])
    const [pgliteWasmModule, initdbWasmModule] = await Promise.all([
      WebAssembly.compile(pglite),
      WebAssembly.compile(initdb),
    ])
    return { pgliteWasmModule, initdbWasmModule, fsBundle: new Blob([bundle]) }
  })()
  return assets
}

export type PGliteSource = {
  /** A directory on disk; omitted: in memory. */
  dataDir?: string
  /** A data directory dumped with `dumpDataDir()`, to start from instead of an empty cluster. */
  loadDataDir?: Blob
}

export async function createPGlite({ dataDir, loadDataDir }: PGliteSource = {}): Promise<PGlite> {
  const pglite = new PGlite({ ...(await loadAssets()), dataDir, loadDataDir })
  await pglite.waitReady
  return pglite
}
