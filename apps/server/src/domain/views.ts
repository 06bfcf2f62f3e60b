/** Database rows → the snake_case shapes of the tools and the REST API (packages/shared). */
import type { ModeView, Role, TokensetView, TokenView, WorkspaceView } from '@tokencraft/shared'
import type { JsonObject, JsonValue } from '@tokencraft/tokens'
import type { Prisma } from '../generated/prisma/client.ts'

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
  values: { modeId: string; value: unknown }[]
}

/** `modeNames` maps mode ids to names; `onlyMode` keeps one mode's value. */
export function tokenView(
  row: TokenRow,
  modeNames: ReadonlyMap<string, string>,
  onlyMode?: string,
): TokenView {
  const values: Record<string, JsonValue> = {}
  for (const v of row.values) {
    const mode = modeNames.get(v.modeId)
    if (mode !== undefined && (onlyMode === undefined || mode === onlyMode)) {
      values[mode] = v.value as JsonValue
    }
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

/** The columns every token read selects. */
export const TOKEN_SELECT = {
  id: true,
  name: true,
  type: true,
  description: true,
  deprecated: true,
  extensions: true,
  version: true,
  updatedAt: true,
  values: { select: { modeId: true, value: true } },
} as const

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
