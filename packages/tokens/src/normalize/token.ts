/**
 * One token as a tool, a REST call, a form or the Figma plugin gives it (name, maybe a type,
 * values by mode) → the flat token in DTCG 2025.10, with the changes made, or every reason it
 * cannot be. Pure: what is stored already comes in through `known`.
 */
import { aliasTarget } from '../references.ts'
import type { FlatToken, JsonObject, JsonValue, TokenError, TokenType } from '../types.ts'
import type { KnownToken } from './document.ts'
import { inferType, typeFromName } from './infer.ts'
import type { Change } from './report.ts'
import { normalizeValue } from './value.ts'

export type TokenInput = {
  name: string
  /** Ours, DTCG's, or another tool's type name (`sizing`, `fontSizes`…); inferred when absent. */
  type?: string | undefined
  /** Mode name → value as written. */
  values: Record<string, unknown>
  description?: string | undefined
  deprecated?: boolean | string | undefined
  extensions?: Record<string, unknown> | undefined
}

export type NormalizedToken =
  | { ok: true; token: FlatToken; changes: Change[] }
  | { ok: false; errors: TokenError[] }

/** The token's type: stated (and mapped), or taken from an alias target or from its value. */
export function tokenType(
  input: Pick<TokenInput, 'name' | 'type' | 'values'>,
  known: (name: string, mode: string) => KnownToken | undefined,
  changes: Change[],
): TokenType | TokenError {
  const name = input.name
  if (input.type !== undefined) {
    const typed = typeFromName(input.type)
    if ('problem' in typed) {
      return {
        token: name,
        message: `${typed.problem}; use one of the DTCG types (color, dimension, …) or fontSize, lineHeight, letterSpacing, string, boolean`,
      }
    }
    if (typed.type !== input.type) {
      changes.push({
        token: name,
        kind: 'normalized',
        message: `type "${input.type}" read as ${typed.type}`,
      })
    }
    return typed.type
  }
  const [mode, value] =
    Object.entries(input.values).find(([, v]) => v !== null && v !== undefined) ?? []
  if (mode === undefined)
    return { token: name, message: 'give a type, or a value to infer it from' }
  const target = aliasTarget(value)
  const inferred =
    target !== undefined
      ? (() => {
          const type = known(target, mode)?.type
          return type ? { type, from: `{${target}}` } : undefined
        })()
      : inferType(name, value as JsonValue)
  if (!inferred) {
    return { token: name, message: `give a type: none can be told from ${JSON.stringify(value)}` }
  }
  changes.push({
    token: name,
    kind: 'inferred',
    message: `type ${inferred.type} from ${inferred.from}`,
  })
  return inferred.type
}

/**
 * Normalizes the values of `type`, mode by mode; a null value (remove this mode's value) stays
 * null. Errors name the mode.
 */
export function tokenValues(
  name: string,
  type: TokenType,
  values: Record<string, unknown>,
  known: (name: string, mode: string) => KnownToken | undefined,
  changes: Change[],
  errors: TokenError[],
): Record<string, JsonValue | null> {
  const out: Record<string, JsonValue | null> = {}
  for (const [mode, raw] of Object.entries(values)) {
    if (raw === null) {
      out[mode] = null
      continue
    }
    const normalized = normalizeValue(type, raw, { lookup: (n) => known(n, mode)?.value })
    if (!normalized.ok) {
      errors.push({ token: name, mode, message: normalized.problem })
      continue
    }
    for (const message of normalized.notes)
      changes.push({ token: name, mode, kind: 'normalized', message })
    out[mode] = normalized.value
  }
  return out
}

/** A new token from its input: type, values and fields. */
export function normalizeToken(
  input: TokenInput,
  known: (name: string, mode: string) => KnownToken | undefined = () => undefined,
): NormalizedToken {
  const changes: Change[] = []
  const type = tokenType(input, known, changes)
  if (typeof type !== 'string') return { ok: false, errors: [type] }
  const errors: TokenError[] = []
  const values = tokenValues(input.name, type, input.values, known, changes, errors)
  if (errors.length > 0) return { ok: false, errors }
  const token: FlatToken = { name: input.name, type, values: values as Record<string, JsonValue> }
  if (input.description !== undefined) token.description = input.description
  if (input.deprecated !== undefined) token.deprecated = input.deprecated
  if (input.extensions !== undefined) token.extensions = input.extensions as JsonObject
  return { ok: true, token, changes }
}
