/**
 * One MCP tool: its name and schemas (SPEC §5), the scope the endpoint's step-up check needs,
 * truthful annotations, and the domain call it makes for a caller.
 */
import type { Scope } from '@tokencraft/shared'
import type { z } from 'zod'
import type { Caller } from '../../domain/caller.ts'
import type { Db } from '../../domain/db.ts'

export type ToolAnnotations = {
  readOnlyHint: boolean
  destructiveHint: boolean
  idempotentHint: boolean
  openWorldHint: false
}

export type ToolDefinition<
  I extends z.ZodObject = z.ZodObject,
  O extends z.ZodObject = z.ZodObject,
> = {
  name: string
  title: string
  description: string
  scope: Scope
  input: I
  output: O
  annotations: ToolAnnotations
  run: (db: Db, caller: Caller, args: z.output<I>) => Promise<z.input<O>>
}

/** Keeps the input and output types of each tool tied to its schemas. */
export const defineTool = <I extends z.ZodObject, O extends z.ZodObject>(
  tool: ToolDefinition<I, O>,
): ToolDefinition => tool as unknown as ToolDefinition

/** Reads nothing but changes nothing either. */
export const READ: ToolAnnotations = {
  readOnlyHint: true,
  destructiveHint: false,
  idempotentHint: true,
  openWorldHint: false,
}
/** Adds something new; a repeat adds it again (or is refused as a duplicate). */
export const CREATE: ToolAnnotations = {
  readOnlyHint: false,
  destructiveHint: false,
  idempotentHint: false,
  openWorldHint: false,
}
/** Overwrites fields; the same call twice leaves the same state. */
export const OVERWRITE: ToolAnnotations = {
  readOnlyHint: false,
  destructiveHint: true,
  idempotentHint: true,
  openWorldHint: false,
}
/** Overwrites values and bumps versions, so a repeat is another change. */
export const OVERWRITE_VERSIONED: ToolAnnotations = { ...OVERWRITE, idempotentHint: false }
/** Removes something; a repeat finds nothing more to remove. */
export const DELETE: ToolAnnotations = OVERWRITE
