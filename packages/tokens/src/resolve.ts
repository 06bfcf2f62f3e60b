/**
 * Alias resolution for one mode, in time linear in the size of all values: each token is
 * resolved once (memoised), and a token that is being resolved when it is reached again closes
 * a cycle (DTCG 2025.10 §7: circular references are not allowed).
 */
import { aliasTarget, isPointerRef, parsePointer } from './references.ts'
import type { FlatToken, JsonValue, Result, TokenError, TokenType } from './types.ts'

export type ResolvedToken = {
  name: string
  type: TokenType
  /** The value with every alias and pointer replaced by what it stands for. */
  value: JsonValue
  /**
   * The tokens a whole-value alias passes through, nearest first (`a` → `{b}` → `{c}` gives
   * `["b", "c"]`); empty when the value is not an alias.
   */
  aliasChain: string[]
  token: FlatToken
}

export type ResolveOptions = {
  /** Mode whose value stands in when a token has none in `mode` (the tokenset's default). */
  fallbackMode?: string
}

const VISITING = 1
const DONE = 2
const FAILED = 3

/** The raw value of a token in `mode`, or in the fallback mode when it has none there. */
export function rawValue(
  token: FlatToken,
  mode: string,
  fallbackMode?: string,
): JsonValue | undefined {
  const own = token.values[mode]
  if (own !== undefined) return own
  return fallbackMode === undefined ? undefined : token.values[fallbackMode]
}

/**
 * Resolves every token of `tokens` in `mode`. Returns all tokens resolved, or every error found
 * (dangling references, cycles, pointers to nothing, tokens without a value in the mode).
 */
export function resolveTokens(
  tokens: readonly FlatToken[],
  mode: string,
  options: ResolveOptions = {},
): Result<Map<string, ResolvedToken>> {
  const byName = new Map<string, FlatToken>()
  for (const token of tokens) byName.set(token.name, token)
  const state = new Map<string, number>()
  const resolved = new Map<string, ResolvedToken>()
  const errors: TokenError[] = []
  const stack: string[] = []

  const fail = (token: string, message: string, path?: string) => {
    errors.push({ token, mode, ...(path ? { path } : {}), message })
  }

  /** Resolves the token `name` referenced from `from`, or undefined when it cannot. */
  const follow = (name: string, from: string, path: string): ResolvedToken | undefined => {
    const seen = state.get(name)
    if (seen === DONE) return resolved.get(name)
    if (seen === FAILED) return undefined
    if (seen === VISITING) {
      const cycle = [...stack.slice(stack.indexOf(name)), name]
      fail(from, `alias cycle: ${cycle.join(' → ')}`, path)
      return undefined
    }
    const token = byName.get(name)
    if (!token) {
      fail(from, `references {${name}}, which does not exist`, path)
      return undefined
    }
    return resolveToken(token)
  }

  const resolveValue = (value: JsonValue, owner: string, path: string): JsonValue | undefined => {
    if (typeof value === 'string') {
      const target = aliasTarget(value)
      if (target === undefined) return value
      return follow(target, owner, path)?.value
    }
    if (value === null || typeof value !== 'object') return value
    if (Array.isArray(value)) {
      const out: JsonValue[] = new Array(value.length)
      for (let i = 0; i < value.length; i++) {
        const item = resolveValue(value[i] as JsonValue, owner, `${path}[${i}]`)
        if (item === undefined) return undefined
        out[i] = item
      }
      return out
    }
    if (isPointerRef(value)) return resolvePointer(value.$ref, owner, path)
    const out: Record<string, JsonValue> = {}
    for (const key in value) {
      const item = resolveValue(value[key] as JsonValue, owner, path ? `${path}.${key}` : key)
      if (item === undefined) return undefined
      out[key] = item
    }
    return out
  }

  const resolvePointer = (pointer: string, owner: string, path: string): JsonValue | undefined => {
    const parsed = parsePointer(pointer)
    if ('problem' in parsed) {
      fail(owner, parsed.problem, path)
      return undefined
    }
    let value = follow(parsed.token, owner, path)?.value
    for (const key of parsed.within) {
      if (value === undefined) return undefined
      const next: JsonValue | undefined =
        value !== null && typeof value === 'object'
          ? (value as Record<string, JsonValue>)[key]
          : undefined
      if (next === undefined) {
        fail(owner, `"${pointer}" points to nothing in {${parsed.token}}`, path)
        return undefined
      }
      value = next
    }
    return value
  }

  const resolveToken = (token: FlatToken): ResolvedToken | undefined => {
    const raw = rawValue(token, mode, options.fallbackMode)
    if (raw === undefined) {
      state.set(token.name, FAILED)
      fail(token.name, `has no value in mode "${mode}"`)
      return undefined
    }
    state.set(token.name, VISITING)
    stack.push(token.name)
    const value = resolveValue(raw, token.name, '')
    stack.pop()
    if (value === undefined) {
      state.set(token.name, FAILED)
      return undefined
    }
    const target = aliasTarget(raw)
    const aliasChain =
      target === undefined ? [] : [target, ...(resolved.get(target)?.aliasChain ?? [])]
    const result: ResolvedToken = { name: token.name, type: token.type, value, aliasChain, token }
    state.set(token.name, DONE)
    resolved.set(token.name, result)
    return result
  }

  for (const token of tokens) {
    if (!state.has(token.name)) resolveToken(token)
  }
  if (errors.length > 0) return { ok: false, errors }
  const ordered = new Map<string, ResolvedToken>()
  for (const token of tokens) ordered.set(token.name, resolved.get(token.name) as ResolvedToken)
  return { ok: true, value: ordered }
}
