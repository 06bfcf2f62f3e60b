/**
 * `tokencraft push FILE --tokenset … --mode …`: sends a token file to the server's import
 * (`PUT /tokensets/{id}/modes/{modeId}/document`) exactly as it is on disk, and prints the
 * server's report. The server reads and validates it, all or nothing; the CLI only checks that it
 * is a JSON object, to say so before a round trip.
 */
import { importTokensOutput } from '@tokencraft/shared'
import { connect } from '../auth/session.ts'
import { Directory, modeOf } from '../directory.ts'
import { EXIT, type ExitCode, usageError } from '../errors.ts'
import { readInput } from '../local-files.ts'
import { printable } from '../output.ts'
import type { Runtime } from '../runtime.ts'

/** The report as the server sends it, fields this version does not know included. */
const importReport = importTokensOutput.loose()

const listed = (names: readonly string[]) =>
  names.length <= 20 ? names.join(', ') : `${names.slice(0, 20).join(', ')}, …`

export async function push(
  runtime: Runtime,
  options: {
    file: string
    tokenset: string
    mode: string
    workspace?: string | undefined
    server?: string | undefined
  },
): Promise<ExitCode> {
  const { out } = runtime
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
    `/tokensets/${encodeURIComponent(tokenset.id)}/modes/${encodeURIComponent(mode.id)}/document`,
    text,
    importReport,
  )
  out.line(
    `Imported ${options.file} into ${printable(tokenset.name)} / ${printable(report.mode.name)}: ${report.created.length} created, ${report.updated.length} updated.`,
  )
  if (report.created.length > 0) out.line(`  created: ${printable(listed(report.created))}`)
  if (report.updated.length > 0) out.line(`  updated: ${printable(listed(report.updated))}`)
  out.result(report)
  return EXIT.ok
}
