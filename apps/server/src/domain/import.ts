/**
 * import_tokens and PUT …/modes/{modeId}/document: a DTCG document upserted into one mode by
 * token name, all or nothing. The merged set is validated before anything is written, and the
 * writes are two set-based statements inside the transaction, however many tokens there are.
 */
import { randomUUID } from 'node:crypto'
import type { ModeView } from '@tokencraft/shared'
import { type FlatToken, formatTokenError, readDocument } from '@tokencraft/tokens'
import { modeOfTokenset, tokensetAccess } from './access.ts'
import type { Caller } from './caller.ts'
import { type Db, inTransaction, lockTokenset, type Tx } from './db.ts'
import { invalid } from './errors.ts'
import { loadTokenset, requireValid } from './model.ts'
import { MODE_SELECT, modeView } from './views.ts'

export type ImportResult = {
  mode: ModeView
  mode_created: boolean
  created: string[]
  updated: string[]
}

function readOrRefuse(document: unknown, mode: string): FlatToken[] {
  const read = readDocument(document, mode)
  if (read.ok) return read.value
  const listed = read.errors.slice(0, 20).map(formatTokenError).join('; ')
  throw invalid(`the document was not imported (nothing changed); fix these: ${listed}`)
}

async function upsert(
  tx: Tx,
  tokensetId: string,
  modeName: string,
  document: unknown,
): Promise<ImportResult> {
  const imported = readOrRefuse(document, modeName)
  await lockTokenset(tx, tokensetId)
  const stored = await loadTokenset(tx, tokensetId)
  const modeCreated = !stored.modeIds.has(modeName)
  const modes = stored.modes.map((m) => m.name)
  if (modeCreated) modes.push(modeName)

  // The set as it will be: imported tokens replace the stored ones' fields and this mode's value.
  const merged = new Map(stored.tokens.map((t) => [t.name, t]))
  const ids = new Map(stored.rows.map((r) => [r.name, r.id]))
  const created: string[] = []
  const updated: string[] = []
  for (const token of imported) {
    const known = merged.get(token.name)
    if (known) updated.push(token.name)
    else created.push(token.name)
    merged.set(token.name, {
      ...(known ?? {}),
      ...token,
      values: { ...(known?.values ?? {}), ...token.values },
    })
  }
  requireValid([...merged.values()], modes, stored.defaultMode.name)

  const mode = modeCreated
    ? await tx.mode.create({
        data: {
          tokensetId,
          name: modeName,
          position: Math.max(-1, ...stored.modes.map((m) => m.position)) + 1,
        },
        select: MODE_SELECT,
      })
    : (stored.modes.find((m) => m.name === modeName) as (typeof stored.modes)[number])

  const rows = imported.map((token) => {
    const full = merged.get(token.name) as FlatToken
    const id = ids.get(token.name) ?? randomUUID()
    ids.set(token.name, id)
    return {
      id,
      name: full.name,
      type: full.type,
      description: full.description ?? null,
      deprecated: full.deprecated ?? null,
      extensions: full.extensions ?? null,
      value: token.values[modeName],
    }
  })
  if (rows.length > 0) {
    const json = JSON.stringify(rows)
    await tx.$executeRaw`
      INSERT INTO tokens (id, tokenset_id, name, type, description, deprecated, extensions, version, created_at, updated_at)
      SELECT x.id, ${tokensetId}, x.name, x.type, x.description, x.deprecated, x.extensions, 1, now(), now()
      FROM jsonb_to_recordset(${json}::jsonb)
        AS x(id text, name text, type text, description text, deprecated jsonb, extensions jsonb)
      ON CONFLICT (tokenset_id, name) DO UPDATE SET
        type = EXCLUDED.type, description = EXCLUDED.description, deprecated = EXCLUDED.deprecated,
        extensions = EXCLUDED.extensions, version = tokens.version + 1, updated_at = now()`
    await tx.$executeRaw`
      INSERT INTO token_values (token_id, mode_id, value)
      SELECT x.id, ${mode.id}, x.value
      FROM jsonb_to_recordset(${json}::jsonb) AS x(id text, value jsonb)
      ON CONFLICT (token_id, mode_id) DO UPDATE SET value = EXCLUDED.value`
  }
  return { mode: modeView(mode), mode_created: modeCreated, created, updated }
}

/** By mode name (the MCP tool): a missing mode is created. */
export async function importTokens(
  db: Db,
  caller: Caller,
  input: { tokenset_id: string; mode: string; document: unknown },
): Promise<ImportResult> {
  return inTransaction(db, async (tx) => {
    const access = await tokensetAccess(tx, caller, input.tokenset_id, 'write')
    return upsert(tx, access.id, input.mode, input.document)
  })
}

/** By mode id (REST `PUT /tokensets/{id}/modes/{modeId}/document`). */
export async function importModeDocument(
  db: Db,
  caller: Caller,
  input: { tokenset_id: string; mode_id: string; document: unknown },
): Promise<ImportResult> {
  return inTransaction(db, async (tx) => {
    const access = await modeOfTokenset(tx, caller, input.tokenset_id, input.mode_id, 'write')
    return upsert(tx, access.id, access.modeName, input.document)
  })
}
