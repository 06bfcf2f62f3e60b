/** Exports through the token engine's exporters (json, css, ios, android). */
import {
  type ExportFile,
  type ExportFormat,
  exportJson,
  exportTokenset,
  formatTokenError,
} from '@tokencraft/tokens'
import { modeOfTokenset, tokensetAccess } from './access.ts'
import type { Caller } from './caller.ts'
import type { Db } from './db.ts'
import { invalid } from './errors.ts'
import { engineTokenset, loadTokenset } from './model.ts'

async function exportStored(
  db: Db,
  tokensetId: string,
  format: ExportFormat,
  mode: string | undefined,
): Promise<ExportFile[]> {
  const stored = await loadTokenset(db, tokensetId)
  const result = exportTokenset(engineTokenset(stored), format, mode === undefined ? {} : { mode })
  if (!result.ok) {
    throw invalid(`cannot export: ${result.errors.slice(0, 20).map(formatTokenError).join('; ')}`)
  }
  return result.value
}

/** A whole tokenset (every mode) or one mode by name: the exporter's files. */
export async function exportByModeName(
  db: Db,
  caller: Caller,
  input: { tokenset_id: string; format: ExportFormat; mode?: string | undefined },
): Promise<{ files: ExportFile[] }> {
  await tokensetAccess(db, caller, input.tokenset_id, 'export')
  return { files: await exportStored(db, input.tokenset_id, input.format, input.mode) }
}

/** One mode by id (REST): the file itself. */
export async function exportModeFile(
  db: Db,
  caller: Caller,
  input: { tokenset_id: string; mode_id: string; format: ExportFormat },
): Promise<ExportFile> {
  const access = await modeOfTokenset(db, caller, input.tokenset_id, input.mode_id, 'export')
  const files = await exportStored(db, access.id, input.format, access.modeName)
  return files[0] as ExportFile
}

/** The tokenset as one DTCG JSON document with every mode (the `tokenset://` resource). */
export async function tokensetDocument(db: Db, caller: Caller, tokensetId: string) {
  await tokensetAccess(db, caller, tokensetId, 'read')
  const stored = await loadTokenset(db, tokensetId)
  const result = exportJson(engineTokenset(stored))
  if (!result.ok) throw invalid(result.errors.map(formatTokenError).join('; '))
  return (result.value[0] as ExportFile).content
}
