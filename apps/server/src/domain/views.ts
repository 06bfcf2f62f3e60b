/** Database rows → the snake_case shapes of the tools and the REST API (packages/shared). */
import type { ModeView, Role, TokensetView, TokenView, WorkspaceView } from '@tokencraft/shared'
import type { JsonObject, JsonValue } from '@tokencraft/tokens'
import { Prisma } from '../generated/prisma/client.ts'
import type { Db, Tx } from './db.ts'

type WorkspaceRow = {
  id: string
  name: string
  description: string | null
  createdAt: Date
  updatedAt: Date
}

export const workspaceView = (row: WorkspaceRow, role: Role): WorkspaceView => ({
  id: row.id,
  name: row.name,
  description: row.description,
  role,
  created_at: row.createdAt.toISOString(),
  updated_at: row.updatedAt.toISOString(),
})

export type ModeRow = {
  id: string
  tokensetId: string
  name: string
  isDefault: boolean
  position: number
}

export const modeView = (row: ModeRow): ModeView => ({
  id: row.id,
  tokenset_id: row.tokensetId,
  name: row.name,
  is_default: row.isDefault,
  position: row.position,
})

type TokensetRow = WorkspaceRow & { workspaceId: string }

export const tokensetView = (
  row: TokensetRow,
  modes: readonly ModeRow[],
  tokenCount: number,
): TokensetView => ({
  id: row.id,
  workspace_id: row.workspaceId,
  name: row.name,
  description: row.description,
  modes: modes.map(modeView),
  token_count: tokenCount,
  created_at: row.createdAt.toISOString(),
  updated_at: row.updatedAt.toISOString(),
})

export type TokenRow = {
  id: string
  name: string
  type: string
  description: string | null
  deprecated: unknown
  extensions: unknown
  version: number
  updatedAt: Date
  /** mode name → stored value, in mode order */
  values: Record<string, unknown>
}

/** `onlyMode` keeps one mode's value. */
export function tokenView(row: TokenRow, onlyMode?: string): TokenView {
  const values: Record<string, JsonValue> = {}
  for (const [mode, value] of Object.entries(row.values)) {
    if (onlyMode === undefined || mode === onlyMode) values[mode] = value as JsonValue
  }
  return {
    id: row.id,
    name: row.name,
    type: row.type,
    description: row.description,
    deprecated: (row.deprecated ?? null) as boolean | string | null,
    extensions: (row.extensions ?? null) as JsonObject | null,
    values,
    version: row.version,
    updated_at: row.updatedAt.toISOString(),
  }
}

/**
 * Tokens matching `condition` (on alias `t`) with their values keyed by mode name, in one
 * query: the hot path of list_tokens and of every export.
 */
export function selectTokens(
  db: Db | Tx,
  condition: Prisma.Sql,
  limit?: number,
): Promise<TokenRow[]> {
  return db.$queryRaw<TokenRow[]>`
    SELECT t.id, t.name, t.type, t.description, t.deprecated, t.extensions, t.version,
      t.updated_at AS "updatedAt",
      COALESCE((SELECT json_object_agg(o.name, v.value ORDER BY o.position, o.created_at)
        FROM token_values v JOIN modes o ON o.id = v.mode_id WHERE v.token_id = t.id), '{}'::json)
        AS "values"
    FROM tokens t
    WHERE ${condition}
    ORDER BY t.name
    ${limit === undefined ? Prisma.empty : Prisma.sql`LIMIT ${limit}`}`
}

/** Modes in the order they were laid out (position, then creation). */
export const MODE_ORDER: Prisma.ModeOrderByWithRelationInput[] = [
  { position: 'asc' },
  { createdAt: 'asc' },
]

export const MODE_SELECT = {
  id: true,
  tokensetId: true,
  name: true,
  isDefault: true,
  position: true,
} as const
