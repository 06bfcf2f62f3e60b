/**
 * DTCG 2025.10 document → flat tokens for one mode. Structure only happens here (groups,
 * `$root`, `$extends`, `$type` inheritance, token properties); values, references and cycles
 * are checked by `validateTokens`, so a document and a server write follow the same rules.
 * A document never half-loads: the result is every token, or every error.
 */
import {
  aliasOf,
  aliasTarget,
  isPointerRef,
  nameSegmentProblem,
  parsePointer,
} from './references.ts'
import type { FlatToken, JsonObject, JsonValue, Result, TokenError, TokenType } from './types.ts'
import { isTokenType } from './types.ts'
import { validateTokens } from './validate.ts'

export const DEFAULT_MODE = 'Base'

/** Deeper nesting is refused, so that a hostile document cannot exhaust the call stack. */
export const MAX_GROUP_DEPTH = 64
/** No DTCG value nests deeper; past this a value is left as is (and fails validation). */
const MAX_VALUE_DEPTH = 32

const TOKEN_PROPERTIES = new Set(['$value', '$type', '$description', '$extensions', '$deprecated'])
const GROUP_PROPERTIES = new Set([
  '$type',
  '$description',
  '$extensions',
  '$deprecated',
  '$extends',
  '$root',
])

type Node = Record<string, unknown>
const isNode = (v: unknown): v is Node => typeof v === 'object' && v !== null && !Array.isArray(v)

type Draft = {
  name: string
  type?: TokenType
  value: JsonValue
  description?: string
  deprecated?: boolean | string
  extensions?: JsonObject
  /** Lenient reading: members DTCG does not define, as given. */
  members?: JsonObject
  /** Lenient reading: a `$type` (own or inherited) that is no token type, as written. */
  typeName?: string
}

/**
 * How strictly a document is read. Strict (the default): anything DTCG does not define is an
 * error. Lenient (what the input normalizer reads with): members DTCG does not define are
 * collected on the token, unknown `$type` names are passed on as written, untyped tokens are
 * left for the normalizer to type, and what is neither a token nor a group is noted and skipped.
 */
type Reading = { lenient: boolean; skipped: TokenError[] }
const STRICT: Reading = { lenient: false, skipped: [] }

/**
 * References in the flat model name tokens by their dot path: `{a.b.$root}` becomes `{a.b}`,
 * and `{"$ref": "#/a/b/$value"}` anywhere in a value becomes the equivalent alias `{a.b}`.
 */
function normalizeReferences(value: JsonValue, depth = 0): JsonValue {
  if (typeof value === 'string') {
    const target = value.endsWith('.$root}') ? aliasTarget(value) : undefined
    return target === undefined ? value : aliasOf(target)
  }
  if (value === null || typeof value !== 'object' || depth > MAX_VALUE_DEPTH) return value
  if (isPointerRef(value)) {
    const parsed = parsePointer(value.$ref)
    return 'token' in parsed && parsed.within.length === 0 ? aliasOf(parsed.token) : value
  }
  // Copy on write: a value without pointers is returned as it is.
  if (Array.isArray(value)) {
    let out: JsonValue[] | undefined
    value.forEach((item, i) => {
      const next = normalizeReferences(item, depth + 1)
      if (next !== item) {
        out ??= value.slice()
        out[i] = next
      }
    })
    return out ?? value
  }
  let out: JsonObject | undefined
  for (const key in value) {
    const item = value[key] as JsonValue
    const next = normalizeReferences(item, depth + 1)
    if (next !== item) {
      out ??= { ...value }
      out[key] = next
    }
  }
  return out ?? value
}

/** The path a group's `$extends` names: `{a.b}` or `#/a/b` (Format Module §6.4). */
function extendsPath(reference: unknown): string[] | undefined {
  if (typeof reference !== 'string') return undefined
  const alias = /^\{([^{}]+)\}$/.exec(reference)
  if (alias?.[1]) return alias[1].split('.')
  if (reference.startsWith('#/')) {
    return reference
      .slice(2)
      .split('/')
      .map((s) => s.replaceAll('~1', '/').replaceAll('~0', '~'))
  }
  return undefined
}

/**
 * Deep-merges two group trees, the second winning: groups merge member by member, a token
 * replaces a token whole. Used by `$extends` and by resolver sources applied in order.
 */
export function mergeGroups(base: Node, own: Node): Node {
  const out: Node = { ...base }
  for (const [key, value] of Object.entries(own)) {
    const inherited = out[key]
    const bothGroups =
      isNode(inherited) && isNode(value) && !('$value' in inherited) && !('$value' in value)
    out[key] = bothGroups && !key.startsWith('$') ? mergeGroups(inherited, value) : value
  }
  return out
}

/**
 * Applies group inheritance: a group with `$extends` gets the target group's members and
 * properties, deep-merged, with its own members winning (a token replaces a token whole).
 */
function applyExtends(root: Node, errors: TokenError[]): Node {
  const done = new Map<Node, Node>()
  const visiting = new Set<Node>()

  const lookup = (path: string[]): Node | undefined => {
    let node: unknown = root
    for (const key of path) node = isNode(node) ? node[key] : undefined
    return isNode(node) && !('$value' in node) ? node : undefined
  }

  const expand = (node: Node, where: string, depth: number): Node => {
    const cached = done.get(node)
    if (cached) return cached
    if (depth > MAX_GROUP_DEPTH) {
      errors.push({ token: where, message: `groups are nested more than ${MAX_GROUP_DEPTH} deep` })
      return node
    }
    if (visiting.has(node)) {
      errors.push({ token: where, message: 'circular $extends' })
      return node
    }
    visiting.add(node)
    let result: Node = node
    if ('$extends' in node) {
      const path = extendsPath(node.$extends)
      const target = path ? lookup(path) : undefined
      const { $extends: _, ...own } = node
      if (!path || !target) {
        errors.push({
          token: where,
          message: `$extends ${JSON.stringify(node.$extends)} does not name a group`,
        })
        result = own
      } else {
        result = mergeGroups(expand(target, path.join('.'), path.length), own)
      }
    }
    let children: Node | undefined
    for (const key in result) {
      const value = result[key]
      if (key.startsWith('$') || !isNode(value) || '$value' in value) continue
      const next = expand(value, where ? `${where}.${key}` : key, depth + 1)
      if (next !== value) {
        children ??= { ...result }
        children[key] = next
      }
    }
    visiting.delete(node)
    done.set(node, children ?? result)
    return children ?? result
  }

  return expand(root, '', 0)
}

type Inherited = { type?: TokenType; typeName?: string; deprecated?: boolean | string }

function readToken(
  node: Node,
  name: string,
  inherited: Inherited,
  errors: TokenError[],
  reading: Reading,
): Draft | undefined {
  let ok = true
  const problem = (message: string) => {
    errors.push({ token: name, message })
    ok = false
  }
  let members: JsonObject | undefined
  for (const key of Object.keys(node)) {
    if (key.startsWith('$') ? TOKEN_PROPERTIES.has(key) : false) continue
    if (reading.lenient) {
      members ??= {}
      members[key] = node[key] as JsonValue
    } else if (key.startsWith('$')) {
      problem(`unknown token property ${key}`)
    } else {
      problem(
        `a token cannot contain "${key}": tokens hold no tokens or groups (use a group with $root)`,
      )
    }
  }
  let typeName = inherited.typeName
  if (node.$type !== undefined && !isTokenType(node.$type)) {
    if (reading.lenient && typeof node.$type === 'string') typeName = node.$type
    else problem(`unknown $type ${JSON.stringify(node.$type)}`)
  }
  if (node.$description !== undefined && typeof node.$description !== 'string') {
    problem('$description must be a string')
  }
  if (
    node.$deprecated !== undefined &&
    typeof node.$deprecated !== 'boolean' &&
    typeof node.$deprecated !== 'string'
  ) {
    problem('$deprecated must be true, false or a string explaining why')
  }
  if (node.$extensions !== undefined && !isNode(node.$extensions)) {
    problem('$extensions must be an object')
  }
  if (node.$value === null) problem('$value cannot be null')
  if (!ok) return undefined
  // One object literal with every field, so that all drafts share one shape.
  const ownType = isTokenType(node.$type) ? node.$type : undefined
  const draft: Draft = {
    name,
    type: ownType ?? (node.$type === undefined ? inherited.type : undefined),
    value: normalizeReferences(node.$value as JsonValue),
    description: node.$description as string | undefined,
    deprecated: (node.$deprecated as boolean | string | undefined) ?? inherited.deprecated,
    extensions: node.$extensions as JsonObject | undefined,
    members,
    typeName: ownType === undefined ? typeName : undefined,
  }
  return draft
}

function readGroup(
  node: Node,
  path: string[],
  inherited: Inherited,
  drafts: Draft[],
  errors: TokenError[],
  reading: Reading,
): void {
  if (path.length > MAX_GROUP_DEPTH) return // reported by applyExtends, which walks first
  const where = path.join('.')
  const here = { ...inherited }
  for (const key of Object.keys(node)) {
    if (key.startsWith('$') && !GROUP_PROPERTIES.has(key) && !(key === '$schema' && !where)) {
      const message = `unknown group property ${key}`
      if (reading.lenient) reading.skipped.push({ token: where || '(root)', message })
      else errors.push({ token: where || '(root)', message })
    }
  }
  if (node.$type !== undefined) {
    if (isTokenType(node.$type)) {
      here.type = node.$type
      delete here.typeName
    } else if (reading.lenient && typeof node.$type === 'string') {
      delete here.type
      here.typeName = node.$type
    } else
      errors.push({
        token: where || '(root)',
        message: `unknown $type ${JSON.stringify(node.$type)}`,
      })
  }
  if (typeof node.$deprecated === 'boolean' || typeof node.$deprecated === 'string') {
    here.deprecated = node.$deprecated
  }
  if ('$root' in node) {
    if (!where) errors.push({ token: '$root', message: '$root belongs in a group, not at the top' })
    else if (!isNode(node.$root) || !('$value' in node.$root)) {
      errors.push({ token: `${where}.$root`, message: '$root must be a token with a $value' })
    } else {
      const draft = readToken(node.$root, where, here, errors, reading)
      if (draft) drafts.push(draft)
    }
  }
  const prefix = where ? `${where}.` : ''
  for (const key in node) {
    if (key.charCodeAt(0) === 36 /* $ */) continue
    const child = node[key]
    const name = prefix + key
    const problem = nameSegmentProblem(key)
    if (problem) {
      errors.push({ token: name, message: `invalid name: ${problem}` })
      continue
    }
    if (!isNode(child)) {
      const message = 'must be a token (with $value) or a group (an object)'
      if (reading.lenient) reading.skipped.push({ token: name, message: `${message}: not read` })
      else errors.push({ token: name, message })
    } else if ('$value' in child) {
      const draft = readToken(child, name, here, errors, reading)
      if (draft) drafts.push(draft)
    } else {
      readGroup(child, [...path, key], here, drafts, errors, reading)
    }
  }
}

/**
 * Gives each untyped token the type of the token its whole-value alias points to (§8: an alias
 * has the type of what it references). Types are never guessed from a literal value.
 */
function inferAliasTypes(drafts: Draft[], errors: TokenError[]): boolean {
  const byName = new Map<string, Draft>()
  for (const draft of drafts) byName.set(draft.name, draft)
  const visiting = new Set<Draft>()
  /** Follows whole-value aliases to a typed token; a cycle ends untyped (and is reported later). */
  const typeOf = (draft: Draft): TokenType | undefined => {
    if (draft.type) return draft.type
    const target = aliasTarget(draft.value)
    const next = target === undefined ? undefined : byName.get(target)
    if (!next || visiting.has(draft)) return undefined
    visiting.add(draft)
    const type = typeOf(next)
    visiting.delete(draft)
    if (type) draft.type = type
    return type
  }
  for (const draft of drafts) {
    if (typeOf(draft)) continue
    const target = aliasTarget(draft.value)
    errors.push({
      token: draft.name,
      message:
        target !== undefined && !byName.has(target)
          ? `references {${target}}, which does not exist`
          : 'has no $type: set $type on the token or on a parent group (a type is never guessed from the value)',
    })
  }
  return errors.length === 0
}

export type ParseOptions = {
  /** The mode the document's values belong to; `Base` when not given. */
  mode?: string
}

/** A token as a document holds it: one value, the mode is the caller's. */
export type DocumentToken = Omit<FlatToken, 'values'> & { value: JsonValue }

/**
 * Reads the structure of one DTCG document (an object, or JSON text) into its tokens with their
 * types, without checking the values: for callers that validate several documents as one set
 * (the modes of a tokenset). `parseDocument` is this followed by `validateTokens`.
 */
export function readDocumentTokens(document: unknown): Result<DocumentToken[]> {
  const read = readTree(document, STRICT)
  if (!read.ok) return read
  const errors: TokenError[] = []
  if (!inferAliasTypes(read.value, errors)) return { ok: false, errors }
  return { ok: true, value: read.value as DocumentToken[] }
}

/** A token as the lenient reading gives it: maybe untyped, with the members DTCG lacks. */
export type LenientToken = Omit<DocumentToken, 'type'> & {
  type?: TokenType
  members?: JsonObject
  typeName?: string
}

/**
 * The lenient reading (see `Reading`): every token with what it holds, untyped ones included,
 * and what was skipped. Errors remain for what cannot be read at all (names, circular
 * `$extends`, values that are null).
 */
export function readDocumentLeniently(
  document: unknown,
): Result<{ tokens: LenientToken[]; skipped: TokenError[] }> {
  const reading: Reading = { lenient: true, skipped: [] }
  const read = readTree(document, reading)
  if (!read.ok) return read
  return { ok: true, value: { tokens: read.value as LenientToken[], skipped: reading.skipped } }
}

/** A document given as JSON text, parsed; any other value as it is. */
export function jsonDocument(content: unknown): Result<unknown> {
  if (typeof content !== 'string') return { ok: true, value: content }
  try {
    return { ok: true, value: JSON.parse(content) }
  } catch (error) {
    return { ok: false, errors: [{ message: `not valid JSON: ${(error as Error).message}` }] }
  }
}

function readTree(document: unknown, reading: Reading): Result<Draft[]> {
  const parsed = jsonDocument(document)
  if (!parsed.ok) return parsed
  const root = parsed.value
  if (!isNode(root)) {
    return { ok: false, errors: [{ message: 'a DTCG document must be a JSON object' }] }
  }
  const errors: TokenError[] = []
  const expanded = applyExtends(root, errors)
  const drafts: Draft[] = []
  readGroup(expanded, [], {}, drafts, errors, reading)
  return errors.length > 0 ? { ok: false, errors } : { ok: true, value: drafts }
}

/** `readDocumentTokens` as flat tokens holding their value in `mode`. */
export function readDocument(document: unknown, mode: string): Result<FlatToken[]> {
  const read = readDocumentTokens(document)
  if (!read.ok) return read
  return { ok: true, value: read.value.map((t) => toFlatToken(t, mode)) }
}

export function toFlatToken(token: DocumentToken, mode: string): FlatToken {
  const flat: FlatToken = { name: token.name, type: token.type, values: { [mode]: token.value } }
  if (token.description !== undefined) flat.description = token.description
  if (token.deprecated !== undefined) flat.deprecated = token.deprecated
  if (token.extensions !== undefined) flat.extensions = token.extensions
  return flat
}

/** Parses and validates one DTCG document (an object, or JSON text) into the tokens of one mode. */
export function parseDocument(document: unknown, options: ParseOptions = {}): Result<FlatToken[]> {
  const mode = options.mode ?? DEFAULT_MODE
  const read = readDocument(document, mode)
  if (!read.ok) return read
  const problems = validateTokens(read.value, { modes: [mode] })
  return problems.length > 0 ? { ok: false, errors: problems } : read
}
