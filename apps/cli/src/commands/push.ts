/**
 * `tokencraft push FILE --tokenset … --mode …`: sends a token file (DTCG, Style Dictionary or
 * Tokens Studio JSON) to the server's import (`PUT /tokensets/{id}/modes/{modeId}/document`)
 * exactly as it is on disk, and prints the server's report: the format it read, the tokens
 * created and updated, and what its normalizer changed. The server reads and validates the file,
 * all or nothing; the CLI only checks that it is a JSON object, to say so before a round trip.
 */
import { importTokensOutput } from '@tokencraft/shared'
import { type ChangeKind, IMPORT_FORMATS } from '@tokencraft/tokens/enums'
import { connect } from '../auth/session.ts'
import { Directory, modeOf } from '../directory.ts'
import { EXIT, type ExitCode, usageError } from '../errors.ts'
import { readInput } from '../local-files.ts'
import { printable } from '../output.ts'
import type { Runtime } from '../runtime.ts'

/** The report as the server sends it, fields this version does not know included. */
const importReport = importTokensOutput.loose()

/** Names and changes listed on the terminal; --json has them all. */
const SHOWN = 20

const listed = (names: readonly string[]) =>
  names.length <= SHOWN ? names.join(', ') : `${names.slice(0, SHOWN).join(', ')}, …`

export type PushOptions = {
  file: string
  tokenset: string
  mode: string
  workspace?: string | undefined
  server?: string | undefined
  /** how the server reads the file (detected when absent) */
  format?: string | undefined
  /** Tokens Studio: the token sets to import, comma-separated */
  tokenSets?: string | undefined
  skipInvalid: boolean
}

/** The import's query: how the server reads the file (the import tool's options). */
export function importQuery(options: PushOptions): string {
  if (
    options.format !== undefined &&
    !(IMPORT_FORMATS as readonly string[]).includes(options.format)
  ) {
    throw usageError(`--format is one of ${IMPORT_FORMATS.join(', ')}, not ${options.format}`)
  }
  const query = new URLSearchParams()
  if (options.format) query.set('format', options.format)
  if (options.tokenSets) query.set('token_sets', options.tokenSets)
  if (options.skipInvalid) query.set('skip_invalid', 'true')
  return query.size > 0 ? `?${query}` : ''
}

export async function push(runtime: Runtime, options: PushOptions): Promise<ExitCode> {
  const { out } = runtime
  const query = importQuery(options)
  const text = await readInput(options.file)
  let document: unknown
  try {
    document = JSON.parse(text)
  } catch (error) {
    throw usageError(`${options.file} is not JSON: ${(error as Error).message}`)
  }
  if (typeof document !== 'object' || document === null || Array.isArray(document)) {
    throw usageError(`${options.file} must hold a JSON object (a token document)`)
  }

  const api = await connect(runtime, { flag: options.server })
  const tokenset = await new Directory(api).tokenset(options.tokenset, options.workspace)
  const mode = modeOf(tokenset, options.mode)
  const report = await api.put(
    `/tokensets/${encodeURIComponent(tokenset.id)}/modes/${encodeURIComponent(mode.id)}/document${query}`,
    text,
    importReport,
  )
  const modes = report.modes.map((written) => printable(written.mode.name)).join(', ')
  out.line(
    `Imported ${options.file} (${report.format}) into ${printable(tokenset.name)} / ${modes}: ${report.created.length} created, ${report.updated.length} updated.`,
  )
  if (report.created.length > 0) out.line(`  created: ${printable(listed(report.created))}`)
  if (report.updated.length > 0) out.line(`  updated: ${printable(listed(report.updated))}`)
  if (report.changes.length > 0) {
    const counts = new Map<ChangeKind, number>()
    for (const change of report.changes) counts.set(change.kind, (counts.get(change.kind) ?? 0) + 1)
    out.line(
      `  ${report.changes.length} changes: ${[...counts].map(([kind, n]) => `${n} ${kind}`).join(', ')}`,
    )
    for (const change of report.changes.slice(0, SHOWN)) {
      const where = change.mode ? `${change.token} (${change.mode})` : change.token
      out.line(`    ${printable(where)}: ${change.kind}: ${printable(change.message)}`)
    }
    if (report.changes.length > SHOWN) out.line('    … (--json lists them all)')
  }
  out.result(report)
  return EXIT.ok
}
