/**
 * REST v1 request bodies and queries: the tool input schemas without the ids the path carries.
 * The routes validate with them and openapi.ts describes them, so the two cannot drift.
 */
import {
  createModeInput,
  createTokenInput,
  createTokensetInput,
  importOptions,
  jsonValueSchema,
  listTokensInput,
  updateModeInput,
  updateTokenInput,
  updateTokensetInput,
  updateWorkspaceInput,
} from '@tokencraft/shared'
import { z } from 'zod'

export const updateWorkspaceBody = updateWorkspaceInput.omit({ workspace_id: true })
export const createTokensetBody = createTokensetInput.omit({ workspace_id: true })
export const updateTokensetBody = updateTokensetInput.omit({ tokenset_id: true })
export const createModeBody = createModeInput.omit({ tokenset_id: true })
export const updateModeBody = updateModeInput.omit({ mode_id: true })

/**
 * Query strings carry text: `limit` is read as a number. Without `limit` and `cursor` the
 * answer holds every token (SPEC §7: "every token with its value per mode"), so that a script
 * needs no paging; with either, pages of `limit` (100) follow `next_cursor`.
 */
export const pageQuery = listTokensInput
  .omit({ tokenset_id: true, mode: true, limit: true })
  .extend({ limit: z.coerce.number().int().min(1).max(500).optional() })
  .transform((query) => ({
    ...query,
    limit: query.limit ?? (query.cursor === undefined ? null : undefined),
  }))

/** One mode's token (the path's): `value` or `alias_to` instead of a map of values. */
export const createModeTokenBody = createTokenInput.omit({
  tokenset_id: true,
  values: true,
  mode_id: true,
})
export const updateModeTokenBody = updateTokenInput.omit({
  tokenset_id: true,
  name: true,
  values: true,
  mode_id: true,
})

/** A token document (DTCG, Style Dictionary or Tokens Studio JSON), upserted into one mode. */
export const documentBody = z.record(z.string(), jsonValueSchema)
/** How the document is read: the import tool's options, as query parameters. */
export const documentQuery = z.object({
  format: importOptions.format,
  token_sets: z
    .string()
    .optional()
    .describe('Tokens Studio: the token sets to import, comma-separated')
    .transform((sets) =>
      sets
        ?.split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  skip_invalid: z
    .enum(['true', 'false'])
    .optional()
    .describe(importOptions.skip_invalid.description ?? '')
    .transform((v) => (v === undefined ? undefined : v === 'true')),
})
