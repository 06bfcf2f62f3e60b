/**
 * zod schemas of the flat model's shape, for tool and API schemas (MCP output schemas, OpenAPI).
 * They check the shape only; `validateTokens` and `validateTokenValue` check values and
 * references.
 */
import { z } from 'zod'
import { TOKEN_TYPES } from './types.ts'

export const tokenTypeSchema = z.enum(TOKEN_TYPES)

const jsonValue: z.ZodType<unknown> = z.lazy(() =>
  z.union([
    z.string(),
    z.number(),
    z.boolean(),
    z.null(),
    z.array(jsonValue),
    z.record(z.string(), jsonValue),
  ]),
)

export const flatTokenSchema = z.object({
  name: z.string().min(1),
  type: tokenTypeSchema,
  description: z.string().optional(),
  deprecated: z.union([z.boolean(), z.string()]).optional(),
  extensions: z.record(z.string(), jsonValue).optional(),
  /** Mode name → DTCG value or alias string. */
  values: z.record(z.string(), jsonValue),
})

export const tokensetSchema = z.object({
  modes: z.array(z.string().min(1)).min(1),
  defaultMode: z.string().min(1),
  tokens: z.array(flatTokenSchema),
})
