/**
 * PGlite instances. Most of a new PGlite's start-up is compiling PostgreSQL's wasm and running
 * initdb, so both are paid once: the compiled modules are shared by every instance of the
 * process, and a new in-memory database starts from a dump of an empty, freshly initialised
 * cluster (cached on disk per PGlite version) instead of running initdb again. That makes the
 * migrator's shadow databases and the tests' fresh databases cheap.
 */
import { existsSync } from 'node:fs'
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { PGlite, type PGliteOptions } from '@electric-sql/pglite'
import { CACHE_DIR } from './paths.ts'

type Assets = Pick<PGliteOptions, 'pgliteWasmModule' | 'initdbWasmModule' | 'fsBundle'> & {
  version: string
}

const require = createRequire(import.meta.url)

let assets: Promise<Assets> | undefined

function loadAssets(): Promise<Assets> {
  assets ??= (async () => {
    const dist = dirname(require.resolve('@electric-sql/pglite'))
    const [pglite, initdb, bundle, manifest] = await Promise.all([
      readFile(join(dist, 'pglite.wasm')),
      readFile(join(dist, 'initdb.wasm')),
      readFile(join(dist, 'pglite.data')),
      readFile(join(dist, '../package.json'), 'utf8'),
    ])
    const [pgliteWasmModule, initdbWasmModule] = await Promise.all([
      WebAssembly.compile(pglite),
      WebAssembly.compile(initdb),
    ])
    const { version } = JSON.parse(manifest) as { version: string }
    return { pgliteWasmModule, initdbWasmModule, fsBundle: new Blob([bundle]), version }
  })()
  return assets
}

/** Writes aside, then renames: a concurrent reader sees the whole file or none. */
export async function writeFileAtomically(file: string, data: Blob): Promise<void> {
  await mkdir(dirname(file), { recursive: true })
  const partial = `${file}.${process.pid}.partial`
  await writeFile(partial, Buffer.from(await data.arrayBuffer()))
  await rename(partial, file)
}

let emptyCluster: Promise<Blob> | undefined

function freshClusterDump(): Promise<Blob> {
  emptyCluster ??= (async () => {
    const { version, ...modules } = await loadAssets()
    const file = join(CACHE_DIR, `pglite-${version}-empty.tar`)
    if (existsSync(file)) return new Blob([await readFile(file)])
    const pglite = new PGlite(modules)
    await pglite.waitReady
    const dump = await pglite.dumpDataDir('none')
    await pglite.close()
    await writeFileAtomically(file, dump)
    return dump
  })()
  return emptyCluster
}

export type PGliteSource = {
  /** A directory on disk; omitted: in memory. */
  dataDir?: string
  /** A data directory dumped with `dumpDataDir()` to start from; omitted: an empty cluster. */
  loadDataDir?: Blob
}

/**
 * PostgreSQL's default 128 MB of shared buffers would grow the wasm memory past its 128 MB
 * minimum to about 200 MB; 32 MB fit in the minimum and hold the working set of a one-process
 * install (pages beyond them are read through the operating system's file cache).
 */
const CONF = ['shared_buffers = 32MB']

export async function createPGlite({ dataDir, loadDataDir }: PGliteSource = {}): Promise<PGlite> {
  const { version: _, ...modules } = await loadAssets()
  const start = loadDataDir ?? (dataDir ? undefined : await freshClusterDump())
  const pglite = new PGlite({ ...modules, dataDir, loadDataDir: start, postgresqlconf: CONF })
  await pglite.waitReady
  return pglite
}
