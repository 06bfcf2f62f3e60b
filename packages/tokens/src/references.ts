/**
 * Token names and the two reference syntaxes of DTCG 2025.10 (Format Module §7 "Aliases /
 * References"): curly-brace aliases `{group.token}` that stand for a whole token value, and JSON
 * Pointer (RFC 6901) `{"$ref": "#/group/token/$value/…"}` objects that may point inside one.
 */

const ALIAS = /^\{([^{}]+)\}$/
const VALID_NAME = /^[^.{}$][^.{}]*(?:\.[^.{}$][^.{}]*)*$/

/** Why `segment` cannot be a group or token name (§5.1.1: no `{`, `}`, `.`, no leading `$`). */
export function nameSegmentProblem(segment: string): string | undefined {
  if (segment.length === 0) return 'a name cannot be empty'
  // Would set an object's prototype rather than a property wherever names become keys.
  if (segment === '__proto__') return '"__proto__" is reserved'
  if (segment.startsWith('$')) return `"${segment}" starts with "$", which is reserved`
  if (/[{}.]/.test(segment)) return `"${segment}" contains "{", "}" or ".", which are reserved`
  return undefined
}

/** Why a dot-path token name is invalid, or undefined when it is fine. */
export function tokenNameProblem(name: string): string | undefined {
  if (VALID_NAME.test(name) && !name.includes('__proto__')) return undefined
  for (const segment of name.split('.')) {
    if (segment.length === 0) return `"${name}" has an empty segment`
    const problem = nameSegmentProblem(segment)
    if (problem) return problem
  }
  return undefined
}

/** The token name an alias string points to (`{a.b.$root}` → `a.b`), or undefined. */
export function aliasTarget(value: unknown): string | undefined {
  // Most strings are not aliases: look at the first character before running the pattern.
  if (typeof value !== 'string' || value.charCodeAt(0) !== 123) return undefined
  const match = ALIAS.exec(value)
  if (!match?.[1]) return undefined
  const path = match[1]
  return path.endsWith('.$root') ? path.slice(0, -'.$root'.length) : path
}

export function isAlias(value: unknown): value is string {
  return aliasTarget(value) !== undefined
}

export function aliasOf(name: string): string {
  return `{${name}}`
}

/** A `{"$ref": "#/…"}` object. */
export function isPointerRef(value: unknown): value is { $ref: string } {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false
  if (typeof (value as { $ref?: unknown }).$ref !== 'string') return false
  for (const key in value) if (key !== '$ref') return false
  return true
}

export type PointerTarget = { token: string; within: string[] }

/**
 * Splits a local JSON Pointer into the token it enters and the path inside that token's value:
 * `#/color/blue/$value/components/0` → `{ token: "color.blue", within: ["components", "0"] }`.
 * `~1` and `~0` unescape to `/` and `~` (RFC 6901 §4). Only pointers into a token's `$value`
 * can stand for a value, so anything else is refused with the reason.
 */
export function parsePointer(pointer: string): PointerTarget | { problem: string } {
  if (!pointer.startsWith('#/')) {
    return { problem: `"${pointer}" is not a local JSON Pointer (it must start with "#/")` }
  }
  const segments = pointer
    .slice(2)
    .split('/')
    .map((s) => s.replaceAll('~1', '/').replaceAll('~0', '~'))
  const at = segments.indexOf('$value')
  if (at <= 0) return { problem: `"${pointer}" does not point into a token's $value` }
  const path = segments.slice(0, at)
  if (path[path.length - 1] === '$root') path.pop()
  if (path.length === 0 || path.some((s) => nameSegmentProblem(s) !== undefined)) {
    return { problem: `"${pointer}" does not name a token` }
  }
  return { token: path.join('.'), within: segments.slice(at + 1) }
}

/** The pointer for a token's whole value, the inverse of parsePointer with no `within`. */
export function pointerOf(name: string, within: readonly string[] = []): string {
  const escapeSegment = (s: string) => s.replaceAll('~', '~0').replaceAll('/', '~1')
  return `#/${[...name.split('.'), '$value', ...within].map(escapeSegment).join('/')}`
}

/** Why a mode name cannot be used, or undefined. */
export function modeNameProblem(mode: string): string | undefined {
  if (mode.trim().length === 0) return 'a mode name cannot be empty'
  if (mode === '__proto__') return 'the mode name "__proto__" is reserved'
  return undefined
}
