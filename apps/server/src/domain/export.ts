/** Exports through the token engine's exporters (json, css, ios, android). */
import {
  type ExportFile,
  type ExportFormat,
  exportTokenset,
  formatTokenError,
} from '@tokencraft/tokens'
import { modeOfTokenset, type TokensetAccess, tokensetAccess } from './access.ts'
import type { Caller } from './caller.ts'
import type { Db } from './db.ts'
import { invalid } from './errors.ts'
import { engineTokenset, loadTokenset } from './model.ts'
import { perDatabase } from './read-cache.ts'

/**
 * Exports already made, by tokenset revision, format and mode (read-cache.ts): a CI job or an
 * agent exporting an unchanged tokenset again costs one access query. Weighed in characters.
 */
const madeExports = perDatabase<ExportFile[]>({ maxWeight: 32 * 1024 * 1024, ttlMs: 5 * 60_000 })

function exportStored(
  db: Db,
  access: TokensetAccess,
  format: ExportFormat,
  mode: string | undefined,
): Promise<ExportFile[]> {
  return madeExports(db).getOrLoad(
    JSON.stringify([access.id, access.revision, format, mode ?? null]),
    async () => {
      const stored = await loadTokenset(db, access.id)
      const set = engineTokenset(stored)
      const result = exportTokenset(set, format, mode === undefined ? {} : { mode })
      if (!result.ok) {
        throw invalid(
          `cannot export: ${result.errors.slice(0, 20).map(formatTokenError).join('; ')}`,
        )
      }
      return result.value
    },
    (files) => files.reduce((sum, file) => sum + file.content.length, 0),
  )
}

/** A whole tokenset (every mode) or one mode by name: the exporter's files. */
export async function exportByModeName(
  db: Db,
  caller: Caller,
  input: { tokenset_id: string; format: ExportFormat; mode?: string | undefined },
): Promise<{ files: ExportFile[] }> {
  const access = await tokensetAccess(db, caller, input.tokenset_id, 'export')
  return { files: await exportStored(db, access, input.format, input.mode) }
}

/** One mode by id (REST): the file itself. */
export async function exportModeFile(
  db: Db,
  caller: Caller,
  input: { tokenset_id: string; mode_id: string; format: ExportFormat },
): Promise<ExportFile> {
  const access = await modeOfTokenset(db, caller, input.tokenset_id, input.mode_id, 'export')
  const files = await exportStored(db, access, input.format, access.modeName)
  return files[0] as ExportFile
}

/** The tokenset as one DTCG JSON document with every mode (the `tokenset://` resource). */
export async function tokensetDocument(db: Db, caller: Caller, tokensetId: string) {
  const access = await tokensetAccess(db, caller, tokensetId, 'read')
  const [file] = await exportStored(db, access, 'json', undefined)
  return (file as ExportFile).content
}
