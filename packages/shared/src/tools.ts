/**
 * Input and output schemas of the MCP tools (SPEC §5), snake_case as the hosted product names
 * them. The REST API (SPEC §7) answers with the same shapes, so one schema documents both.
 */
import { CHANGE_KINDS, EXPORT_FORMATS, IMPORT_FORMATS } from '@tokencraft/tokens/enums'
import { z } from 'zod'
import { ROLES } from './scopes.ts'

export const roleSchema = z.enum(ROLES)
/** Roles a member can be given; `owner` belongs to the workspace's creator alone. */
export const MEMBER_ROLES = ['admin', 'editor', 'viewer'] as const
export const memberRoleSchema = z.enum(MEMBER_ROLES)
export type MemberRole = (typeof MEMBER_ROLES)[number]

export const exportFormatSchema = z.enum(EXPORT_FORMATS)

const id = (what: string) => z.string().min(1).describe(`${what} id`)
const name = z.string().trim().min(1).max(255)
const description = z.string().max(10_000)
const timestamp = z.string().describe('ISO 8601 time')

/** Any JSON value: a DTCG value of the token's type, or an alias such as "{colors.blue.500}". */
export const jsonValueSchema: z.ZodType<unknown> = z.json()
// Recursive, so JSON Schemas refer to it by name: `JsonValue` rather than a generated `__schema0`.
z.globalRegistry.add(jsonValueSchema, { id: 'JsonValue' })

// ---- shapes returned -------------------------------------------------------------------------

export const workspaceSchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  role: roleSchema.describe("the caller's role in the workspace"),
  created_at: timestamp,
  updated_at: timestamp,
})
export type WorkspaceView = z.infer<typeof workspaceSchema>

export const modeSchema = z.object({
  id: z.string(),
  tokenset_id: z.string(),
  name: z.string(),
  is_default: z.boolean(),
  position: z.number().int(),
})
export type ModeView = z.infer<typeof modeSchema>

export const tokensetSchema = z.object({
  id: z.string(),
  workspace_id: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  modes: z.array(modeSchema),
  token_count: z.number().int(),
  created_at: timestamp,
  updated_at: timestamp,
})
export type TokensetView = z.infer<typeof tokensetSchema>

export const tokenSchema = z.object({
  id: z.string(),
  name: z.string().describe('dot path, e.g. colors.primary.500'),
  type: z.string(),
  description: z.string().nullable(),
  deprecated: z.union([z.boolean(), z.string()]).nullable(),
  extensions: z.record(z.string(), jsonValueSchema).nullable(),
  values: z.record(z.string(), jsonValueSchema).describe('mode name → raw value'),
  version: z
    .number()
    .int()
    .describe('bumped by every write; pass it back to update_token to detect a concurrent change'),
  updated_at: timestamp,
})
export type TokenView = z.infer<typeof tokenSchema>

export const memberSchema = z.object({
  user_id: z.string(),
  email: z.string(),
  role: roleSchema,
  created_at: timestamp,
})
export type MemberView = z.infer<typeof memberSchema>

export const exportFileSchema = z.object({ name: z.string(), content: z.string() })

export const deletedSchema = z.object({ id: z.string(), deleted: z.literal(true) })

/** What the input normalizer changed in a write, token by token. */
export const changesSchema = z
  .array(
    z.object({
      token: z.string(),
      mode: z.string().optional(),
      kind: z.enum(CHANGE_KINDS),
      message: z.string(),
    }),
  )
  .describe(
    'what was normalized (a form rewritten into DTCG), inferred (a type), kept (members DTCG lacks, under $extensions["dev.tokencraft.members"]), filled (a default-mode value) or skipped',
  )

// ---- tool inputs ---------------------------------------------------------------------------

export const listResourcesInput = z.object({ workspace_id: id('Workspace').optional() })
export const listWorkspacesInput = z.object({})
export const getWorkspaceInput = z.object({ workspace_id: id('Workspace') })
export const createWorkspaceInput = z.object({ name, description: description.optional() })
export const updateWorkspaceInput = z.object({
  workspace_id: id('Workspace'),
  name: name.optional(),
  description: description.nullable().optional(),
})
export const deleteWorkspaceInput = z.object({ workspace_id: id('Workspace') })

export const listTokensetsInput = z.object({ workspace_id: id('Workspace') })
export const getTokensetInput = z.object({ tokenset_id: id('Tokenset') })
export const createTokensetInput = z.object({
  workspace_id: id('Workspace'),
  name,
  description: description.optional(),
  modes: z
    .array(name)
    .min(1)
    .optional()
    .describe('mode names; the first is the default. Without it, one mode "Base"'),
})
export const updateTokensetInput = z.object({
  tokenset_id: id('Tokenset'),
  name: name.optional(),
  description: description.nullable().optional(),
})
export const deleteTokensetInput = z.object({ tokenset_id: id('Tokenset') })

export const listModesInput = z.object({ tokenset_id: id('Tokenset') })
export const createModeInput = z.object({
  tokenset_id: id('Tokenset'),
  name,
  is_default: z.boolean().optional(),
})
export const updateModeInput = z.object({
  mode_id: id('Mode'),
  name: name.optional(),
  is_default: z
    .literal(true)
    .optional()
    .describe('make this the default mode (the previous default stops being one)'),
})
export const deleteModeInput = z.object({ mode_id: id('Mode') })

export const listTokensInput = z.object({
  tokenset_id: id('Tokenset'),
  mode: z.string().optional().describe('only the values of this mode (by name)'),
  name_prefix: z.string().optional(),
  type: z.string().optional(),
  cursor: z.string().optional().describe('next_cursor of the previous page'),
  limit: z.number().int().min(1).max(500).optional().describe('page size, 100 when absent'),
})
export const getTokenInput = z.object({ tokenset_id: id('Tokenset'), name: z.string().min(1) })
export const searchTokensInput = z.object({
  workspace_id: id('Workspace'),
  query: z.string().trim().min(1).max(200),
})
const tokenValues = z
  .record(z.string(), jsonValueSchema)
  .describe(
    'mode name → value: a DTCG value of the type, the forms people write ("#0066ff", "rgb(0 102 255)", "16px", "1.5rem", "200ms", "bold", "cubic-bezier(…)", "Inter, sans-serif", CSS shorthand for shadow/border/typography), or an alias "{other.token}"',
  )
/** The hosted product's one-mode arguments, beside `values` by mode name. */
const oneMode = {
  mode_id: z
    .string()
    .min(1)
    .optional()
    .describe(
      'with value or alias_to: the mode (by id) they are for; the default mode when absent',
    ),
  value: jsonValueSchema
    .optional()
    .describe('the value in mode_id, in any form values accepts (instead of values)'),
  alias_to: z
    .string()
    .min(1)
    .optional()
    .describe('the name of the token this one is an alias of, in mode_id (instead of value)'),
}
export const createTokenInput = z.object({
  tokenset_id: id('Tokenset'),
  name: z.string().min(1).max(1024),
  type: z
    .string()
    .min(1)
    .optional()
    .describe(
      'a DTCG type or fontSize, lineHeight, letterSpacing, string, boolean (Tokens Studio names such as sizing or fontSizes are read too); inferred from the value when absent',
    ),
  values: tokenValues.optional(),
  ...oneMode,
  description: description.optional(),
  deprecated: z.union([z.boolean(), z.string()]).optional(),
  extensions: z.record(z.string(), jsonValueSchema).optional(),
})
export const updateTokenInput = z.object({
  tokenset_id: id('Tokenset'),
  name: z.string().min(1),
  new_name: z.string().min(1).max(1024).optional(),
  type: z.string().min(1).optional(),
  values: tokenValues
    .optional()
    .describe("mode name → new value (null removes the mode's value); modes not named keep theirs"),
  ...oneMode,
  description: description.nullable().optional(),
  deprecated: z.union([z.boolean(), z.string()]).nullable().optional(),
  extensions: z.record(z.string(), jsonValueSchema).nullable().optional(),
  version: z
    .number()
    .int()
    .optional()
    .describe('the version you read: the update is refused if the token changed since'),
})
export const deleteTokenInput = z.object({ tokenset_id: id('Tokenset'), name: z.string().min(1) })
export const importFormatSchema = z.enum(IMPORT_FORMATS)
export const importOptions = {
  format: importFormatSchema
    .optional()
    .describe(
      'dtcg, style-dictionary (value/type/comment) or tokens-studio (token sets, $themes, $metadata); detected when absent',
    ),
  token_sets: z
    .array(z.string().min(1))
    .optional()
    .describe("Tokens Studio: the token sets to import, in their order (instead of a theme's)"),
  skip_invalid: z
    .boolean()
    .optional()
    .describe(
      'import the tokens that are valid and list the others as skipped, instead of changing nothing',
    ),
}
export const importTokensInput = z.object({
  tokenset_id: id('Tokenset'),
  mode: name
    .optional()
    .describe(
      'mode the values belong to, created when missing; may be left out for a Tokens Studio document with $themes, whose themes become modes',
    ),
  document: z
    .record(z.string(), jsonValueSchema)
    .optional()
    .describe('the token document: DTCG, Style Dictionary or Tokens Studio JSON'),
  files: z
    .array(z.object({ name: z.string().min(1), content: jsonValueSchema }))
    .optional()
    .describe(
      "Tokens Studio's multi-file layout instead of document: one file per token set (name = set path + .json), $themes.json, $metadata.json",
    ),
  ...importOptions,
})
export const exportTokensetInput = z.object({
  tokenset_id: id('Tokenset'),
  format: exportFormatSchema,
  mode: z.string().optional().describe('one mode by name; every mode when absent'),
})

// ---- tool outputs --------------------------------------------------------------------------

export const listResourcesOutput = z.object({
  workspaces: z.array(workspaceSchema),
  tokensets: z
    .array(
      z.object({
        id: z.string(),
        name: z.string(),
        modes: z.array(z.object({ id: z.string(), name: z.string(), is_default: z.boolean() })),
      }),
    )
    .optional(),
})
export const workspacesOutput = z.object({ workspaces: z.array(workspaceSchema) })
export const workspaceOutput = z.object({ workspace: workspaceSchema })
export const tokensetsOutput = z.object({ tokensets: z.array(tokensetSchema) })
export const tokensetOutput = z.object({ tokenset: tokensetSchema })
export const modesOutput = z.object({ modes: z.array(modeSchema) })
export const modeOutput = z.object({ mode: modeSchema })
export const tokensPageOutput = z.object({
  tokens: z.array(tokenSchema),
  next_cursor: z.string().nullable().describe('pass as cursor for the next page; null at the end'),
})
export const tokenOutput = z.object({ token: tokenSchema, changes: changesSchema })
/** REST answers of token writes: the token, with the normalizer's changes beside its fields. */
export const tokenWithChangesSchema = tokenSchema.extend({ changes: changesSchema })
export const tokenDetailOutput = z.object({
  token: tokenSchema,
  modes: z.array(
    z.object({
      mode: z.string(),
      raw: jsonValueSchema,
      resolved: jsonValueSchema,
      alias_chain: z.array(z.string()).describe('tokens the alias passes through, nearest first'),
    }),
  ),
})
export const searchTokensOutput = z.object({
  tokens: z.array(tokenSchema.extend({ tokenset_id: z.string(), tokenset_name: z.string() })),
})
export const importTokensOutput = z.object({
  mode: modeSchema.describe('the (first) mode written'),
  mode_created: z.boolean(),
  modes: z
    .array(z.object({ mode: modeSchema, mode_created: z.boolean() }))
    .describe('every mode written (several for Tokens Studio themes)'),
  format: importFormatSchema,
  created: z.array(z.string()),
  updated: z.array(z.string()),
  changes: changesSchema,
})
export const exportOutput = z.object({ files: z.array(exportFileSchema) })
export const deletedOutput = deletedSchema
export const membersOutput = z.object({ members: z.array(memberSchema) })
export const memberOutput = z.object({ member: memberSchema })
export const addMemberInput = z.object({ email: z.string().trim().min(3), role: memberRoleSchema })
export const changeMemberInput = z.object({ role: memberRoleSchema })
