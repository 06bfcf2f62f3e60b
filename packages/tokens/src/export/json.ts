/**
 * DTCG 2025.10 JSON: one mode as a plain document (a token without a value in it has the default
 * mode's, as in every export), a whole tokenset as `{"$modes": {"<default>": {…}, "<mode>": {…}}}`
 * (the hosted product's shape, default mode first; there a mode lists only its own values, so
 * that importing the export keeps which values are inherited).
 * Every token carries its own `$type`; a token whose name is also a group's is written as that
 * group's `$root`, and references to it as `{group.$root}`. Import reads both shapes back into
 * the same tokens.
 */
import { DEFAULT_MODE, jsonDocument, readDocumentTokens, toFlatToken } from '../parse.ts'
import {
  aliasTarget,
  isPointerRef,
  modeNameProblem,
  parsePointer,
  pointerOf,
} from '../references.ts'
import { rawValue } from '../resolve.ts'
import type {
  ExportFile,
  FlatToken,
  JsonObject,
  JsonValue,
  Result,
  TokenError,
  Tokenset,
} from '../types.ts'
import { validateTokens } from '../validate.ts'
import { byName, type ExportOptions, modesToExport } from './prepare.ts'

export const JSON_FILE = 'tokens.json'
export const MODES_KEY = '$modes'

/** Names that are also groups (a proper prefix of another name): written as `$root`. */
function groupNames(tokens: readonly FlatToken[]): Set<string> {
  const groups = new Set<string>()
  for (const { name } of tokens) {
    for (let i = name.indexOf('.'); i !== -1; i = name.indexOf('.', i + 1)) {
      groups.add(name.slice(0, i))
    }
  }
  return groups
}

/** Rewrites references to tokens written as `$root` so that they point at `$root`. */
function documentValue(value: JsonValue, groups: Set<string>): JsonValue {
  if (typeof value === 'string') {
    const target = aliasTarget(value)
    return target !== undefined && groups.has(target) ? `{${target}.$root}` : value
  }
  if (value === null || typeof value !== 'object') return value
  if (Array.isArray(value)) return value.map((v) => documentValue(v, groups))
  if (isPointerRef(value)) {
    const parsed = parsePointer(value.$ref)
    if ('problem' in parsed || !groups.has(parsed.token)) return value
    return { $ref: pointerOf(`${parsed.token}.$root`, parsed.within) }
  }
  const out: JsonObject = {}
  for (const key of Object.keys(value)) out[key] = documentValue(value[key] as JsonValue, groups)
  return out
}

/**
 * The DTCG document of one mode. Tokens without a value in it are left out, unless
 * `fallbackMode` names the mode whose value they take (a one-mode export is then complete, as
 * the other formats are).
 */
export function tokensToDocument(
  tokens: readonly FlatToken[],
  mode: string,
  fallbackMode?: string,
): JsonObject {
  const groups = groupNames(tokens)
  const root: JsonObject = {}
  for (const token of [...tokens].sort(byName)) {
    const value = rawValue(token, mode, fallbackMode)
    if (value === undefined) continue
    const path = token.name.split('.')
    if (groups.has(token.name)) path.push('$root')
    let node = root
    for (const key of path.slice(0, -1)) {
      node[key] ??= {}
      node = node[key] as JsonObject
    }
    const entry: JsonObject = { $type: token.type, $value: documentValue(value, groups) }
    if (token.description !== undefined) entry.$description = token.description
    if (token.deprecated !== undefined) entry.$deprecated = token.deprecated
    if (token.extensions !== undefined) entry.$extensions = token.extensions
    node[path[path.length - 1] as string] = entry
  }
  return root
}

const stringify = (value: JsonValue) => `${JSON.stringify(value, null, 2)}\n`

export function exportJson(set: Tokenset, options: ExportOptions = {}): Result<ExportFile[]> {
  const modes = modesToExport(set, options.mode)
  if (!modes.ok) return modes
  if (options.mode !== undefined) {
    return {
      ok: true,
      value: [
        {
          name: JSON_FILE,
          content: stringify(tokensToDocument(set.tokens, options.mode, set.defaultMode)),
        },
      ],
    }
  }
  const byMode: JsonObject = {}
  for (const mode of modes.value) byMode[mode] = tokensToDocument(set.tokens, mode)
  return { ok: true, value: [{ name: JSON_FILE, content: stringify({ [MODES_KEY]: byMode }) }] }
}

const METADATA = ['type', 'description', 'deprecated', 'extensions'] as const
const same = (a: unknown, b: unknown) =>
  a === b || (typeof a === 'object' && JSON.stringify(a) === JSON.stringify(b))

/**
 * One tokenset from one DTCG document per mode: tokens are matched by name across modes and
 * must agree on type, description, deprecation and extensions. The first mode is the default
 * unless `defaultMode` says otherwise. Every mode is validated together.
 */
export function tokensetFromDocuments(
  documents: readonly (readonly [mode: string, document: unknown])[],
  defaultMode?: string,
): Result<Tokenset> {
  const errors: TokenError[] = []
  const tokens = new Map<string, FlatToken>()
  for (const [mode, document] of documents) {
    if (modeNameProblem(mode)) continue
    const read = readDocumentTokens(document)
    if (!read.ok) {
      errors.push(...read.errors.map((e) => ({ ...e, mode })))
      continue
    }
    for (const token of read.value) {
      const known = tokens.get(token.name)
      if (!known) {
        tokens.set(token.name, toFlatToken(token, mode))
        continue
      }
      for (const field of METADATA) {
        if (token[field] === undefined || same(token[field], known[field])) continue
        if (known[field] === undefined) {
          ;(known as Record<string, unknown>)[field] = token[field]
        } else {
          errors.push({
            token: token.name,
            mode,
            message: `its ${field} differs from mode "${documents[0]?.[0]}"`,
          })
        }
      }
      known.values[mode] = token.value
    }
  }
  const modes = documents.map(([mode]) => mode)
  if (modes.length === 0) errors.push({ message: 'there are no modes' })
  for (const mode of modes) {
    const problem = modeNameProblem(mode)
    if (problem) errors.push({ mode, message: problem })
  }
  const chosen = defaultMode ?? modes[0] ?? ''
  if (errors.length > 0) return { ok: false, errors }
  const list = [...tokens.values()]
  const problems = validateTokens(list, { modes, defaultMode: chosen })
  if (problems.length > 0) return { ok: false, errors: problems }
  return { ok: true, value: { modes, defaultMode: chosen, tokens: list } }
}

export type ImportJsonOptions = {
  /** The mode of a plain (single-mode) document; `Base` when not given. */
  mode?: string
}

/** Reads a JSON export (or any DTCG document) back: `$modes` documents give every mode. */
export function importJson(content: unknown, options: ImportJsonOptions = {}): Result<Tokenset> {
  const parsed = jsonDocument(content)
  if (!parsed.ok) return parsed
  const document = parsed.value
  const modes = (document as Record<string, unknown> | null)?.[MODES_KEY]
  if (modes !== undefined) {
    if (typeof modes !== 'object' || modes === null || Array.isArray(modes)) {
      return { ok: false, errors: [{ message: '$modes must be an object of mode → document' }] }
    }
    const extra = Object.keys(document as object).filter((k) => k !== MODES_KEY)
    if (extra.length > 0) {
      return {
        ok: false,
        errors: [{ message: `a $modes document holds nothing else, found ${extra.join(', ')}` }],
      }
    }
    return tokensetFromDocuments(Object.entries(modes))
  }
  return tokensetFromDocuments([[options.mode ?? DEFAULT_MODE, document]])
}
