/**
 * import_tokens and PUT …/modes/{modeId}/document: a document (DTCG, Style Dictionary or Tokens
 * Studio) normalized, then upserted by token name into one mode or, for Tokens Studio themes,
 * one mode per theme. All or nothing: the merged set is validated before anything is written
 * (with `skip_invalid`, the tokens that keep it from validating are left out and reported), and
 * the writes are set-based statements inside the transaction, however many tokens there are.
 */
import { randomUUID } from 'node:crypto'
import type { ModeView } from '@tokencraft/shared'
import {
  type Change,
  type FlatToken,
  type ImportFormat,
  type JsonValue,
  mergeImport,
  normalizeImport,
  tokensStudioFiles,
} from '@tokencraft/tokens'
import { modeOfTokenset, tokensetAccess } from './access.ts'
import type { Caller } from './caller.ts'
import { type Db, inTransaction, lockTokenset, type Tx } from './db.ts'
import { invalid } from './errors.ts'
import { engineTokenset, knownTokens, loadTokenset, refusal } from './model.ts'
import { MODE_SELECT, type ModeRow, modeView } from './views.ts'

export type ImportResult = {
  mode: ModeView
  mode_created: boolean
  modes: { mode: ModeView; mode_created: boolean }[]
  format: ImportFormat
  created: string[]
  updated: string[]
  changes: Change[]
}

export type ImportOptions = {
  format?: ImportFormat | undefined
  token_sets?: string[] | undefined
  skip_invalid?: boolean | undefined
}

async function upsert(
  tx: Tx,
  tokensetId: string,
  modeName: string | undefined,
  document: unknown,
  options: ImportOptions,
): Promise<ImportResult> {
  await lockTokenset(tx, tokensetId)
  const stored = await loadTokenset(tx, tokensetId)
  const normalized = normalizeImport(document, {
    ...(modeName !== undefined ? { mode: modeName } : {}),
    ...(options.format ? { format: options.format } : {}),
    ...(options.token_sets ? { tokenSets: options.token_sets } : {}),
    fallbackMode: stored.defaultMode.name,
    known: knownTokens(stored),
  })
  if (!normalized.ok) throw refusal('the document was not imported', normalized.errors)
  const { modes: imported, format } = normalized.value
  if (imported.length === 0) throw invalid('the document names no mode to import into')

  const set = engineTokenset(stored)
  const newModes = imported.map((m) => m.mode).filter((m) => !stored.modeIds.has(m))
  const merge = mergeImport(
    { ...set, modes: [...set.modes, ...newModes] },
    imported,
    normalized.value.problems,
    options.skip_invalid === true,
  )
  if (!merge.ok) {
    throw refusal(
      'the document was not imported (nothing changed)',
      merge.errors,
      options.skip_invalid ? undefined : 'or pass skip_invalid: true to import the other tokens',
    )
  }

  let position = Math.max(-1, ...stored.modes.map((m) => m.position))
  const modes = new Map<string, { row: ModeRow; created: boolean }>()
  for (const mode of stored.modes) modes.set(mode.name, { row: mode, created: false })
  for (const name of newModes) {
    const row = await tx.mode.create({
      data: { tokensetId, name, position: ++position },
      select: MODE_SELECT,
    })
    modes.set(name, { row, created: true })
  }

  const ids = new Map(stored.rows.map((r) => [r.name, r.id]))
  const tokenRows = merge.touched.map(({ token }) => ({
    id: ids.get(token.name) ?? randomUUID(),
    name: token.name,
    type: token.type,
    description: token.description ?? null,
    deprecated: token.deprecated ?? null,
    extensions: token.extensions ?? null,
  }))
  const idOf = new Map(tokenRows.map((r) => [r.name, r.id]))
  const valueRows = merge.touched.flatMap(({ token, modes: written }) =>
    written.map((mode) => ({
      token_id: idOf.get(token.name) as string,
      mode_id: (modes.get(mode) as { row: ModeRow }).row.id,
      value: token.values[mode] as JsonValue,
    })),
  )
  await writeRows(tx, tokensetId, tokenRows, valueRows)

  const written = imported.map((m) => modes.get(m.mode) as { row: ModeRow; created: boolean })
  const first = written[0] as { row: ModeRow; created: boolean }
  return {
    mode: modeView(first.row),
    mode_created: first.created,
    modes: written.map((m) => ({ mode: modeView(m.row), mode_created: m.created })),
    format,
    created: merge.created,
    updated: merge.updated,
    changes: [...normalized.value.changes, ...merge.changes],
  }
}

type TokenRow = Pick<FlatToken, 'name' | 'type'> & {
  id: string
  description: string | null
  deprecated: boolean | string | null
  extensions: FlatToken['extensions'] | null
}

/** Two set-based upserts: the tokens' fields, then their values in the modes written. */
async function writeRows(
  tx: Tx,
  tokensetId: string,
  tokens: TokenRow[],
  values: { token_id: string; mode_id: string; value: JsonValue }[],
): Promise<void> {
  if (tokens.length === 0) return
  await tx.$executeRaw`
    INSERT INTO tokens (id, tokenset_id, name, type, description, deprecated, extensions, version, created_at, updated_at)
    SELECT x.id, ${tokensetId}, x.name, x.type, x.description, x.deprecated, x.extensions, 1, now(), now()
    FROM jsonb_to_recordset(${JSON.stringify(tokens)}::jsonb)
      AS x(id text, name text, type text, description text, deprecated jsonb, extensions jsonb)
    ON CONFLICT (tokenset_id, name) DO UPDATE SET
      type = EXCLUDED.type, description = EXCLUDED.description, deprecated = EXCLUDED.deprecated,
      extensions = EXCLUDED.extensions, version = tokens.version + 1, updated_at = now()`
  await tx.$executeRaw`
    INSERT INTO token_values (token_id, mode_id, value)
    SELECT x.token_id, x.mode_id, x.value
    FROM jsonb_to_recordset(${JSON.stringify(values)}::jsonb)
      AS x(token_id text, mode_id text, value jsonb)
    ON CONFLICT (token_id, mode_id) DO UPDATE SET value = EXCLUDED.value`
}

/** The document, or Tokens Studio's multi-file layout made into one. */
function documentOf(input: { document?: unknown; files?: { name: string; content: unknown }[] }) {
  if (input.files !== undefined && input.document !== undefined) {
    throw invalid('give document or files, not both')
  }
  if (input.files !== undefined) {
    return tokensStudioFiles(input.files as { name: string; content: JsonValue }[])
  }
  if (input.document === undefined) throw invalid('give the document to import (or files)')
  return input.document
}

/** By mode name (the MCP tool): a missing mode is created. */
export async function importTokens(
  db: Db,
  caller: Caller,
  input: {
    tokenset_id: string
    mode?: string | undefined
    document?: unknown
    files?: { name: string; content: unknown }[] | undefined
  } & ImportOptions,
): Promise<ImportResult> {
  const document = documentOf(input)
  const format = input.files !== undefined ? ('tokens-studio' as const) : input.format
  return inTransaction(db, async (tx) => {
    const access = await tokensetAccess(tx, caller, input.tokenset_id, 'write')
    return upsert(tx, access.id, input.mode, document, { ...input, format })
  })
}

/** By mode id (REST `PUT /tokensets/{id}/modes/{modeId}/document`). */
export async function importModeDocument(
  db: Db,
  caller: Caller,
  input: { tokenset_id: string; mode_id: string; document: unknown } & ImportOptions,
): Promise<ImportResult> {
  return inTransaction(db, async (tx) => {
    const access = await modeOfTokenset(tx, caller, input.tokenset_id, input.mode_id, 'write')
    return upsert(tx, access.id, access.modeName, input.document, input)
  })
}
