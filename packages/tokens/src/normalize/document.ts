/**
 * A document to import → flat tokens per mode, in DTCG 2025.10, with the changes made and the
 * tokens that could not be made valid. Reads DTCG (leniently), Style Dictionary and Tokens
 * Studio; types untyped tokens; normalizes every value; keeps members DTCG does not define under
 * `$extensions`. Pure: what is stored already comes in through `known`.
 */
import { jsonDocument, type LenientToken, readDocumentLeniently } from '../parse.ts'
import { aliasTarget } from '../references.ts'
import type { FlatToken, JsonObject, JsonValue, TokenError, TokenType } from '../types.ts'
import {
  detectFormat,
  fromStyleDictionary,
  fromTokensStudio,
  type ImportFormat,
  type ModeTree,
} from './formats.ts'
import { inferType, typeFromName } from './infer.ts'
import { RELATIVE_UNITS, readMeasure } from './measure.ts'
import { type Change, KEPT_MEMBERS_KEY } from './report.ts'
import { computedText, normalizeValue } from './value.ts'

/** A token already stored: its type, and its value in the mode being written (or the default). */
export type KnownToken = { type: TokenType; value?: JsonValue | undefined }

export type NormalizeImportOptions = {
  /** The mode the values belong to; for Tokens Studio, also a theme's name. */
  mode?: string
  /** The mode when `mode` is not given and the document brings no modes (Tokens Studio themes). */
  fallbackMode?: string
  /** Named by the caller, or detected. */
  format?: ImportFormat
  /** Tokens Studio: the token sets to import, instead of a theme's or all of them. */
  tokenSets?: readonly string[]
  /** Tokens already in the tokenset, for alias types and for values computed from them. */
  known?: (name: string, mode: string) => KnownToken | undefined
}

export type ModeTokens = { mode: string; tokens: FlatToken[] }

export type NormalizedImport = {
  format: ImportFormat
  modes: ModeTokens[]
  changes: Change[]
  /** Tokens that could not be typed or whose value could not be read, with why. */
  problems: TokenError[]
}

const isObject = (v: unknown): v is JsonObject =>
  typeof v === 'object' && v !== null && !Array.isArray(v)

/** Reads `document` (an object or JSON text) in its format into tokens per mode. */
export function normalizeImport(
  document: unknown,
  options: NormalizeImportOptions = {},
): { ok: true; value: NormalizedImport } | { ok: false; errors: TokenError[] } {
  const parsed = jsonDocument(document)
  if (!parsed.ok) return parsed
  const root = parsed.value
  if (!isObject(root))
    return { ok: false, errors: [{ message: 'a document must be a JSON object' }] }
  const format = options.format ?? detectFormat(root)
  const changes: Change[] = []
  const mode = options.mode ?? options.fallbackMode ?? 'Base'
  const stored = (path: string) => options.known?.(path, mode) !== undefined
  let trees: ModeTree[]
  if (format === 'tokens-studio') {
    const studio = fromTokensStudio(
      root,
      {
        ...(options.mode !== undefined ? { mode: options.mode } : {}),
        ...(options.tokenSets ? { tokenSets: options.tokenSets } : {}),
        fallbackMode: mode,
        stored,
      },
      changes,
    )
    if ('problem' in studio) return { ok: false, errors: [{ message: studio.problem }] }
    trees = studio
  } else if (format === 'style-dictionary') {
    trees = [{ mode, tree: fromStyleDictionary(root, changes, stored) }]
  } else {
    trees = [{ mode, tree: root }]
  }
  const problems: TokenError[] = []
  const modes = trees.map(({ mode, tree }) => ({
    mode,
    tokens: normalizeTree(tree, mode, format, options.known, changes, problems),
  }))
  return { ok: true, value: { format, modes, changes, problems } }
}

type Typed = { type: TokenType } | { problem: string }

function normalizeTree(
  tree: JsonObject,
  mode: string,
  format: ImportFormat,
  known: NormalizeImportOptions['known'],
  changes: Change[],
  problems: TokenError[],
): FlatToken[] {
  const read = readDocumentLeniently(tree)
  if (!read.ok) {
    problems.push(...read.errors.map((e) => ({ ...e, token: e.token ?? '(document)', mode })))
    return []
  }
  for (const skipped of read.value.skipped) {
    changes.push({
      token: skipped.token ?? '(root)',
      mode,
      kind: 'skipped',
      message: skipped.message,
    })
  }
  const drafts = new Map(read.value.tokens.map((t) => [t.name, t]))
  const note = (token: string, kind: Change['kind'], message: string) =>
    changes.push({ token, mode, kind, message })

  const types = new Map<string, Typed>()
  const visiting = new Set<string>()
  const typeOf = (draft: LenientToken): Typed => {
    const cached = types.get(draft.name)
    if (cached) return cached
    let typed: Typed
    if (draft.type) typed = { type: draft.type }
    else if (draft.typeName !== undefined) {
      typed = typeFromName(draft.typeName)
      if ('type' in typed)
        note(draft.name, 'normalized', `type "${draft.typeName}" read as ${typed.type}`)
    } else typed = untyped(draft)
    types.set(draft.name, typed)
    return typed
  }
  const untyped = (draft: LenientToken): Typed => {
    const target = aliasTarget(draft.value)
    if (target !== undefined) {
      const inDocument = drafts.get(target)
      let type: TokenType | undefined
      if (inDocument && !visiting.has(draft.name)) {
        visiting.add(draft.name)
        const targetType = typeOf(inDocument)
        visiting.delete(draft.name)
        if ('type' in targetType) type = targetType.type
      } else if (!inDocument) type = known?.(target, mode)?.type
      if (type) {
        note(draft.name, 'inferred', `type ${type} from {${target}}`)
        return { type }
      }
      return {
        problem: inDocument
          ? `its alias target {${target}} has no type`
          : `references {${target}}, which does not exist`,
      }
    }
    const computed =
      typeof draft.value === 'string'
        ? computedText(draft.value, { lookup: (n) => lookup(n) })
        : undefined
    const inferred = inferType(draft.name, computed ?? draft.value)
    if (inferred) {
      const from =
        computed === undefined ? inferred.from : `its computed value ${JSON.stringify(computed)}`
      note(draft.name, 'inferred', `type ${inferred.type} from ${from}`)
      return { type: inferred.type }
    }
    const measure = typeof draft.value === 'string' ? readMeasure(draft.value) : undefined
    const why = measure ? RELATIVE_UNITS[measure.unit] : undefined
    if (why) {
      return {
        problem: `${JSON.stringify(draft.value)} has no type, and a length in ${measure?.unit} (${why}) has no DTCG form: DTCG dimensions are px or rem`,
      }
    }
    return { problem: `has no type, and neither its value nor its name shows one: give it a $type` }
  }

  /** A token's value as written, following whole-value aliases (for computed values). */
  const lookup = (name: string, depth = 0): JsonValue | undefined => {
    const draft = drafts.get(name)
    if (!draft) return known?.(name, mode)?.value
    const target = aliasTarget(draft.value)
    return target !== undefined && depth < 32 ? lookup(target, depth + 1) : draft.value
  }

  const tokens: FlatToken[] = []
  for (const draft of read.value.tokens) {
    const typed = typeOf(draft)
    if ('problem' in typed) {
      problems.push({ token: draft.name, mode, message: typed.problem })
      continue
    }
    const normalized = normalizeValue(typed.type, draft.value, {
      lookup: (n) => lookup(n),
      arithmetic: format === 'tokens-studio',
    })
    if (!normalized.ok) {
      problems.push({ token: draft.name, mode, message: normalized.problem })
      continue
    }
    for (const message of normalized.notes) note(draft.name, 'normalized', message)
    const token: FlatToken = {
      name: draft.name,
      type: typed.type,
      values: { [mode]: normalized.value },
    }
    if (draft.description !== undefined) token.description = draft.description
    if (draft.deprecated !== undefined) token.deprecated = draft.deprecated
    const extensions = keepMembers(draft, note)
    if (extensions !== undefined) token.extensions = extensions
    tokens.push(token)
  }
  return tokens
}

/** `$extensions` with the members DTCG does not define added under KEPT_MEMBERS_KEY. */
function keepMembers(
  draft: LenientToken,
  note: (token: string, kind: Change['kind'], message: string) => void,
): JsonObject | undefined {
  if (!draft.members) return draft.extensions
  const already = draft.extensions?.[KEPT_MEMBERS_KEY]
  note(
    draft.name,
    'kept',
    `${Object.keys(draft.members).join(', ')} kept under $extensions["${KEPT_MEMBERS_KEY}"] (not DTCG token properties)`,
  )
  return {
    ...(draft.extensions ?? {}),
    [KEPT_MEMBERS_KEY]: { ...(isObject(already) ? already : {}), ...draft.members },
  }
}
