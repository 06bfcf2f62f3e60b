/**
 * `tokencraft pull`: exports what tokencraft.config.json names and writes the files that changed;
 * with `--check`, writes nothing and exits 1 when a file on disk differs from the server (a CI
 * gate). Every export is fetched before any file is written, so a failure leaves the files as
 * they were.
 */
import { resolve } from 'node:path'
import { exportOutput, type ModeView, type TokensetView } from '@tokencraft/shared'
import type { ExportFormat } from '@tokencraft/tokens/enums'
import { connect } from '../auth/session.ts'
import { loadConfig } from '../config/load.ts'
import { Directory, modeOf } from '../directory.ts'
import { CliError, EXIT, type ExitCode } from '../errors.ts'
import type { ApiClient } from '../http/api-client.ts'
import { readIfExists, writeAtomically } from '../local-files.ts'
import { printable } from '../output.ts'
import type { Runtime } from '../runtime.ts'

type Download = {
  /** as written in the config file */
  file: string
  path: string
  format: ExportFormat
  tokenset: TokensetView
  mode: ModeView | undefined
}

type Status = 'new' | 'changed' | 'unchanged'

/** Exports fetched at once: quicker than one by one, well inside the per-token rate limit. */
const PARALLEL_DOWNLOADS = 4

/**
 * One mode: the exported file itself. Every mode: the tokenset export, whose one file holds
 * them all.
 */
async function exportedBytes(api: ApiClient, download: Download): Promise<Uint8Array> {
  const tokenset = encodeURIComponent(download.tokenset.id)
  const query = `export?format=${download.format}`
  if (download.mode) {
    return api.file(`/tokensets/${tokenset}/modes/${encodeURIComponent(download.mode.id)}/${query}`)
  }
  const { files } = await api.get(`/tokensets/${tokenset}/${query}`, exportOutput)
  if (files.length !== 1) {
    throw new CliError(
      EXIT.unavailable,
      'unexpected_answer',
      `the ${download.format} export of "${download.tokenset.name}" has ${files.length} files; ${download.file} can hold one: name a mode`,
    )
  }
  return Buffer.from((files[0] as { content: string }).content, 'utf8')
}

async function mapInParallel<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length)
  let next = 0
  const worker = async () => {
    while (next < items.length) {
      const index = next++
      results[index] = await work(items[index] as T)
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker))
  return results
}

const sameBytes = (a: Uint8Array, b: Uint8Array) => Buffer.from(a).equals(b)

export async function pull(
  runtime: Runtime,
  options: { config?: string | undefined; check: boolean; server?: string | undefined },
): Promise<ExitCode> {
  const { out } = runtime
  const { config, dir } = await loadConfig(runtime.cwd, options.config)
  const api = await connect(runtime, { flag: options.server, configFile: config.server })
  const directory = new Directory(api)

  const downloads: Download[] = []
  for (const entry of config.tokensets) {
    const tokenset = await directory.tokenset(entry.tokenset, entry.workspace)
    for (const output of entry.outputs) {
      downloads.push({
        file: output.file,
        path: resolve(dir, output.file),
        format: output.format,
        tokenset,
        mode: output.mode === undefined ? undefined : modeOf(tokenset, output.mode),
      })
    }
  }

  let done = 0
  const fetched = await mapInParallel(downloads, PARALLEL_DOWNLOADS, async (download) => {
    const bytes = await exportedBytes(api, download)
    const what = `${download.tokenset.name}${download.mode ? ` / ${download.mode.name}` : ''}`
    out.progress(
      ++done,
      downloads.length,
      `${download.format} ${printable(what)} → ${download.file}`,
    )
    const onDisk = await readIfExists(download.path)
    const status: Status =
      onDisk === undefined ? 'new' : sameBytes(onDisk, bytes) ? 'unchanged' : 'changed'
    return { download, bytes, status }
  })

  const differing = fetched.filter((item) => item.status !== 'unchanged')
  if (!options.check) {
    for (const item of differing) await writeAtomically(item.download.path, item.bytes)
  }
  for (const { download, status } of differing) {
    const label = options.check
      ? { new: 'missing', changed: 'differs' }[status as 'new' | 'changed']
      : { new: 'created', changed: 'updated' }[status as 'new' | 'changed']
    out.line(`${label.padEnd(8)} ${download.file}`)
  }
  const total = fetched.length
  if (options.check) {
    out.line(
      differing.length === 0
        ? `All ${total} files match ${api.server}.`
        : `${differing.length} of ${total} files differ from ${api.server}: run tokencraft pull`,
    )
  } else {
    out.line(`${differing.length} written, ${total - differing.length} unchanged.`)
  }
  out.result({
    server: api.server,
    check: options.check,
    files: fetched.map(({ download, status, bytes }) => ({
      file: download.file,
      format: download.format,
      tokenset: download.tokenset.id,
      mode: download.mode?.id ?? null,
      status,
      written: !options.check && status !== 'unchanged',
      bytes: bytes.byteLength,
    })),
  })
  return options.check && differing.length > 0 ? EXIT.differences : EXIT.ok
}
