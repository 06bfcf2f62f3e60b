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
  /**
   * The value with every alias and pointer replaced by what it stands for. Parts without
   * references are the stored objects themselves, not copies: treat the value as read-only.
   */
  value: JsonValue
  /**
   * The tokens a whole-value alias passes through, nearest first (`a` → `{b}` → `{c}` gives
   * `["b", "c"]`); empty when the value is not an alias. (Each token of a chain holds its own
   * copy, so only an unusually long chain costs more than linear time.)
   */
  aliasChain: string[]
  token: FlatToken
}

export type ResolveOptions = {
  /** Mode whose value stands in when a token has none in `mode` (the tokenset's default). */
  fallbackMode?: string
}

// Resolution states, kept in `value` until the value is known (one object per token, no
// second table).
const PENDING = Symbol('pending')
const VISITING = Symbol('visiting')
const FAILED = Symbol('failed')
type Entry = Omit<ResolvedToken, 'value'> & { value: JsonValue | symbol }
const NO_CHAIN: string[] = Object.freeze([]) as unknown as string[]

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
  const entries = new Map<string, Entry>()
  for (const token of tokens) {
    entries.set(token.name, {
      name: token.name,
      type: token.type,
      value: PENDING,
      aliasChain: NO_CHAIN,
      token,
    })
  }
  const errors: TokenError[] = []
  const stack: string[] = []

  // The path inside the value being resolved, kept as segments so that no string is built
  // unless an error is reported.
  let at: (string | number)[] = []
  const pathText = () =>
    at.map((s, i) => (typeof s === 'number' ? `[${s}]` : i === 0 ? s : `.${s}`)).join('')

  const fail = (token: string, message: string) => {
    const path = pathText()
    errors.push({ token, mode, ...(path ? { path } : {}), message })
  }

  /** The value of the token `name` referenced from `from`, or undefined when it has none. */
  const follow = (name: string, from: string): Entry | undefined => {
    const entry = entries.get(name)
    if (!entry) {
      fail(from, `references {${name}}, which does not exist`)
      return undefined
    }
    if (entry.value === FAILED) return undefined
    if (entry.value === VISITING) {
      const cycle = [...stack.slice(stack.indexOf(name)), name]
      fail(from, `alias cycle: ${cycle.join(' → ')}`)
      return undefined
    }
    if (entry.value !== PENDING) return entry
    const outer = at
    at = []
    const done = resolveEntry(entry)
    at = outer
    return done
  }

  /**
   * The value with references replaced; literal parts are returned as they are (not copied),
   * so a value without references costs one walk and no allocation.
   */
  const resolveValue = (value: JsonValue, owner: string): JsonValue | undefined => {
    if (typeof value === 'string') {
      const target = aliasTarget(value)
      if (target === undefined) return value
      return follow(target, owner)?.value as JsonValue | undefined
    }
    if (value === null || typeof value !== 'object') return value
    if (Array.isArray(value)) {
      let out: JsonValue[] | undefined
      for (let i = 0; i < value.length; i++) {
        const item = value[i] as JsonValue
        at.push(i)
        const next = resolveValue(item, owner)
        at.pop()
        if (next === undefined) return undefined
        if (next !== item) {
          out ??= value.slice()
          out[i] = next
        }
      }
      return out ?? value
    }
    if (isPointerRef(value)) return resolvePointer(value.$ref, owner)
    let out: Record<string, JsonValue> | undefined
    for (const key in value) {
      const item = value[key] as JsonValue
      at.push(key)
      const next = resolveValue(item, owner)
      at.pop()
      if (next === undefined) return undefined
      if (next !== item) {
        out ??= { ...value }
        out[key] = next
      }
    }
    return out ?? value
  }

  const resolvePointer = (pointer: string, owner: string): JsonValue | undefined => {
    const parsed = parsePointer(pointer)
    if ('problem' in parsed) {
      fail(owner, parsed.problem)
      return undefined
    }
    let value = follow(parsed.token, owner)?.value as JsonValue | undefined
    for (const key of parsed.within) {
      if (value === undefined) return undefined
      const next: JsonValue | undefined =
        value !== null && typeof value === 'object'
          ? (value as Record<string, JsonValue>)[key]
          : undefined
      if (next === undefined) {
        fail(owner, `"${pointer}" points to nothing in {${parsed.token}}`)
        return undefined
      }
      value = next
    }
    return value
  }

  /** Resolves a token whose value is not a whole alias (it may hold aliases inside). */
  const resolveOwnValue = (entry: Entry): Entry | undefined => {
    const raw = rawValue(entry.token, mode, options.fallbackMode)
    if (raw === undefined) {
      entry.value = FAILED
      fail(entry.name, `has no value in mode "${mode}"`)
      return undefined
    }
    entry.value = VISITING
    stack.push(entry.name)
    const value = resolveValue(raw, entry.name)
    stack.pop()
    entry.value = value === undefined ? FAILED : value
    return value === undefined ? undefined : entry
  }

  /**
   * Resolves a token, following a chain of whole-value aliases in a loop rather than by
   * recursion, so that a long chain does not grow the call stack.
   */
  const resolveEntry = (start: Entry): Entry | undefined => {
    const chain: Entry[] = []
    let end: Entry | undefined = start
    while (end.value === PENDING) {
      const raw = rawValue(end.token, mode, options.fallbackMode)
      const target = raw === undefined ? undefined : aliasTarget(raw)
      if (target === undefined) break
      end.value = VISITING
      stack.push(end.name)
      chain.push(end)
      const next = entries.get(target)
      if (!next) {
        fail(end.name, `references {${target}}, which does not exist`)
        end = undefined
        break
      }
      if (next.value === VISITING) {
        fail(
          end.name,
          `alias cycle: ${[...stack.slice(stack.indexOf(target)), target].join(' → ')}`,
        )
        end = undefined
        break
      }
      if (next.value === FAILED) {
        end = undefined
        break
      }
      end = next
    }
    let result = end && end.value === PENDING ? resolveOwnValue(end) : end
    for (let i = chain.length - 1; i >= 0; i--) {
      const entry = chain[i] as Entry
      stack.pop()
      if (result === undefined) {
        entry.value = FAILED
        continue
      }
      entry.value = result.value
      entry.aliasChain = [result.name, ...result.aliasChain]
      result = entry
    }
    return result
  }

  for (const entry of entries.values()) {
    if (entry.value === PENDING) resolveEntry(entry)
  }
  if (errors.length > 0) return { ok: false, errors }
  // Every entry now holds its value: the map is the result.
  return { ok: true, value: entries as Map<string, ResolvedToken> }
}
