/**
 * Validation of the flat model: what the server runs before it stores tokens (create_token,
 * update_token, import_tokens) and what the DTCG parser runs on what it read. A set of tokens is
 * valid when every name, type and value is, every reference names an existing token of a
 * compatible type, and every mode resolves without cycles.
 */
import { modeNameProblem, tokenNameProblem } from './references.ts'
import { resolveTokens } from './resolve.ts'
import type { FlatToken, JsonValue, TokenError, TokenType } from './types.ts'
import { isTokenType } from './types.ts'
import { checkValue, checkValueInto, isCompatibleType, type ValueCheck } from './values.ts'

/**
 * What is wrong with `value` as a value of `type` (empty when it is valid). References are
 * accepted where the format allows them; their targets are checked by `validateTokens`.
 */
export function validateTokenValue(type: TokenType, value: unknown): TokenError[] {
  return checkValue(type, value).problems.map((p) => ({
    ...(p.path ? { path: p.path } : {}),
    message: p.message,
  }))
}

/** The token's own fields (name, type, description, deprecated, extensions), without values. */
function checkFields(token: FlatToken, errors: TokenError[]): boolean {
  const name = token.name
  const nameProblem =
    typeof name === 'string' ? tokenNameProblem(name) : 'the name must be a string'
  if (nameProblem) errors.push({ token: String(name), message: `invalid name: ${nameProblem}` })
  if (!isTokenType(token.type)) {
    errors.push({ token: name, message: `unknown type ${JSON.stringify(token.type)}` })
    return false
  }
  if (token.description !== undefined && typeof token.description !== 'string') {
    errors.push({ token: name, message: 'the description must be a string' })
  }
  if (
    token.deprecated !== undefined &&
    typeof token.deprecated !== 'boolean' &&
    typeof token.deprecated !== 'string'
  ) {
    errors.push({ token: name, message: 'deprecated must be true, false or a string' })
  }
  if (
    token.extensions !== undefined &&
    (typeof token.extensions !== 'object' ||
      token.extensions === null ||
      Array.isArray(token.extensions))
  ) {
    errors.push({ token: name, message: 'extensions must be an object' })
  }
  return nameProblem === undefined
}

const scratch: ValueCheck = { problems: [], references: [] }

function checkModeValue(
  token: FlatToken,
  mode: string,
  value: JsonValue,
  byName: Map<string, FlatToken>,
  errors: TokenError[],
): void {
  scratch.problems.length = 0
  scratch.references.length = 0
  checkValueInto(token.type, value, scratch)
  const { problems, references } = scratch
  for (const p of problems) {
    errors.push({
      token: token.name,
      mode,
      ...(p.path ? { path: p.path } : {}),
      message: p.message,
    })
  }
  for (const ref of references) {
    const target = byName.get(ref.target)
    const at = ref.path ? { path: ref.path } : {}
    if (!target) {
      errors.push({
        token: token.name,
        mode,
        ...at,
        message: `references {${ref.target}}, which does not exist`,
      })
    } else if (ref.kind === 'alias' && !isCompatibleType(ref.expected, target.type)) {
      errors.push({
        token: token.name,
        mode,
        ...at,
        message: `references {${ref.target}} of type ${target.type} where a ${ref.expected} is expected`,
      })
    }
  }
}

export type ValidateOptions = {
  /** Modes every value must belong to; a value in another mode is an error. */
  modes?: readonly string[]
  /** The default mode, whose value stands in for a mode a token has no value in. */
  defaultMode?: string
}

/**
 * Every error in a set of tokens (empty when the set is valid): names, types, values, references
 * and, for every mode, alias resolution (dangling aliases and cycles).
 */
export function validateTokens(
  tokens: readonly FlatToken[],
  options: ValidateOptions = {},
): TokenError[] {
  const errors: TokenError[] = []
  const byName = new Map<string, FlatToken>()
  for (const token of tokens) {
    if (byName.has(token.name)) {
      errors.push({ token: token.name, message: 'the name is used by more than one token' })
    }
    byName.set(token.name, token)
  }
  const modes = new Set<string>(options.modes ?? [])
  for (const token of tokens) {
    if (!checkFields(token, errors)) continue
    if (typeof token.values !== 'object' || token.values === null) {
      errors.push({ token: token.name, message: 'values must be an object of mode → value' })
      continue
    }
    if (Object.keys(token.values).length === 0) {
      errors.push({ token: token.name, message: 'has no value in any mode' })
    }
    for (const [mode, value] of Object.entries(token.values)) {
      const modeProblem = modeNameProblem(mode)
      if (modeProblem) {
        errors.push({ token: token.name, mode, message: modeProblem })
        continue
      }
      if (options.modes && !modes.has(mode)) {
        errors.push({ token: token.name, mode, message: `mode "${mode}" does not exist` })
        continue
      }
      if (!options.modes) modes.add(mode)
      checkModeValue(token, mode, value, byName, errors)
    }
  }
  if (errors.length > 0) return errors
  for (const mode of modes) {
    const fallback = options.defaultMode ? { fallbackMode: options.defaultMode } : {}
    const result = resolveTokens(tokens, mode, fallback)
    if (!result.ok) errors.push(...result.errors)
  }
  return errors
}
