/**
 * The DTCG 2025.10 Resolver Module: a tokenset as a `.resolver.json` document with one modifier
 * whose contexts are the modes (one token file each, default mode as the modifier's `default`),
 * and back. Import follows the module's resolution: for each context, the sources of every set
 * and of that context are merged in `resolutionOrder`, later ones winning (Resolver §4).
 * A tokenset has one mode axis, so a document with several multi-context modifiers is refused.
 */
import { DEFAULT_MODE, mergeGroups } from '../parse.ts'
import type { ExportFile, JsonObject, Result, TokenError, Tokenset } from '../types.ts'
import { tokensetFromDocuments, tokensToDocument } from './json.ts'
import { prepareExport } from './prepare.ts'

export const RESOLVER_FILE = 'tokens.resolver.json'
export const RESOLVER_SCHEMA = 'https://www.designtokens.org/schemas/2025.10/resolver.json'
export const MODIFIER_NAME = 'mode'

type Node = Record<string, unknown>
const isNode = (v: unknown): v is Node => typeof v === 'object' && v !== null && !Array.isArray(v)

/** A file name for a mode's tokens: its name with anything unsafe replaced, kept unique. */
function modeFiles(modes: readonly string[]): Map<string, string> {
  const files = new Map<string, string>()
  const used = new Set<string>()
  for (const mode of modes) {
    const base = mode.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[.-]+/, '') || 'mode'
    let name = `${base}.tokens.json`
    for (let i = 2; used.has(name.toLowerCase()); i++) name = `${base}-${i}.tokens.json`
    used.add(name.toLowerCase())
    files.set(mode, name)
  }
  return files
}

export type ResolverExportOptions = { name?: string; description?: string }

/**
 * Files: the resolver document and one DTCG token file per mode holding every token's value in
 * that mode (a token without one there gets the default mode's, as the tokenset resolves it).
 */
export function exportResolver(
  set: Tokenset,
  options: ResolverExportOptions = {},
): Result<ExportFile[]> {
  const checked = prepareExport(set)
  if (!checked.ok) return checked
  const files = modeFiles(set.modes)
  const filled = set.tokens.map((token) => {
    const values = { ...token.values }
    for (const mode of set.modes) {
      const fallback = token.values[set.defaultMode]
      if (values[mode] === undefined && fallback !== undefined) values[mode] = fallback
    }
    return { ...token, values }
  })
  const source = (mode: string) => [{ $ref: files.get(mode) as string }]
  const document: JsonObject = {
    $schema: RESOLVER_SCHEMA,
    name: options.name ?? 'Tokencraft tokenset',
    version: '2025.10',
  }
  if (options.description) document.description = options.description
  if (set.modes.length > 1) {
    const contexts: JsonObject = {}
    for (const mode of set.modes) contexts[mode] = source(mode)
    document.modifiers = {
      [MODIFIER_NAME]: { description: 'Modes of the tokenset', contexts, default: set.defaultMode },
    }
    document.resolutionOrder = [{ $ref: `#/modifiers/${MODIFIER_NAME}` }]
  } else {
    // One context alone is a set (Resolver §3: a modifier with one context SHOULD be an error).
    document.sets = { [set.defaultMode]: { sources: source(set.defaultMode) } }
    document.resolutionOrder = [{ $ref: `#/sets/${encodePointer(set.defaultMode)}` }]
  }
  const out: ExportFile[] = [
    { name: RESOLVER_FILE, content: `${JSON.stringify(document, null, 2)}\n` },
  ]
  for (const mode of set.modes) {
    const content = `${JSON.stringify(tokensToDocument(filled, mode), null, 2)}\n`
    out.push({ name: files.get(mode) as string, content })
  }
  return { ok: true, value: out }
}

const encodePointer = (s: string) => s.replaceAll('~', '~0').replaceAll('/', '~1')

type Item =
  | { kind: 'set'; name: string; sources: unknown[] }
  | {
      kind: 'modifier'
      name: string
      contexts: Record<string, unknown[]>
      default?: string
    }

/** Reads `{"$ref": "#/sets/x"}`, `{"$ref": "#/modifiers/x"}` or an inline set or modifier. */
function orderItem(entry: unknown, document: Node, errors: TokenError[]): Item | undefined {
  let node = entry
  let name = ''
  let kind: string | undefined
  if (isNode(entry) && typeof entry.$ref === 'string') {
    const match = /^#\/(sets|modifiers)\/(.+)$/.exec(entry.$ref)
    const key = match?.[2]?.replaceAll('~1', '/').replaceAll('~0', '~')
    const group = match ? document[match[1] as string] : undefined
    node = isNode(group) && key !== undefined ? group[key] : undefined
    if (!match || node === undefined) {
      errors.push({
        message: `resolutionOrder: ${JSON.stringify(entry.$ref)} names no set or modifier`,
      })
      return undefined
    }
    kind = match[1] === 'sets' ? 'set' : 'modifier'
    name = key ?? ''
  } else if (isNode(entry)) {
    kind = entry.type as string
    name = String(entry.name ?? '')
    if ((kind !== 'set' && kind !== 'modifier') || !name) {
      errors.push({
        message: 'resolutionOrder: an inline item needs "name" and "type" (set or modifier)',
      })
      return undefined
    }
  }
  if (!isNode(node)) {
    errors.push({ message: 'resolutionOrder: each item must be an object' })
    return undefined
  }
  if (kind === 'set') {
    if (!Array.isArray(node.sources)) {
      errors.push({ message: `set "${name}" needs a "sources" array` })
      return undefined
    }
    return { kind: 'set', name, sources: node.sources }
  }
  const contexts = node.contexts
  if (!isNode(contexts) || Object.keys(contexts).length === 0) {
    errors.push({ message: `modifier "${name}" needs a non-empty "contexts" map` })
    return undefined
  }
  if (Object.values(contexts).some((c) => !Array.isArray(c))) {
    errors.push({ message: `modifier "${name}": every context must be an array of sources` })
    return undefined
  }
  if (
    node.default !== undefined &&
    !(typeof node.default === 'string' && node.default in contexts)
  ) {
    errors.push({
      message: `modifier "${name}": default ${JSON.stringify(node.default)} is not one of its contexts`,
    })
    return undefined
  }
  return {
    kind: 'modifier',
    name,
    contexts: contexts as Record<string, unknown[]>,
    ...(typeof node.default === 'string' ? { default: node.default } : {}),
  }
}

/** A source: inline tokens, a same-document set, or a file among `files` (relative path). */
function loadSource(
  source: unknown,
  document: Node,
  files: ReadonlyMap<string, unknown>,
  errors: TokenError[],
): Node | undefined {
  if (!isNode(source)) {
    errors.push({ message: 'a source must be an object (tokens or {"$ref"})' })
    return undefined
  }
  if (typeof source.$ref !== 'string') return source
  const ref = source.$ref
  const set = /^#\/sets\/(.+)$/.exec(ref)
  if (set) {
    const node = (document.sets as Node | undefined)?.[set[1] as string]
    if (!isNode(node) || !Array.isArray(node.sources)) {
      errors.push({ message: `${JSON.stringify(ref)} names no set` })
      return undefined
    }
    return node.sources
      .map((s) => loadSource(s, document, files, errors))
      .reduce<Node>((acc, next) => (next ? mergeGroups(acc, next) : acc), {})
  }
  const path = ref.replace(/^\.\//, '').split('#')[0] as string
  const file = files.get(path)
  if (file === undefined) {
    errors.push({ message: `source file "${path}" was not given` })
    return undefined
  }
  let parsed = file
  if (typeof file === 'string') {
    try {
      parsed = JSON.parse(file)
    } catch (error) {
      errors.push({ message: `"${path}" is not valid JSON: ${(error as Error).message}` })
      return undefined
    }
  }
  if (!isNode(parsed)) {
    errors.push({ message: `"${path}" is not a DTCG document` })
    return undefined
  }
  return parsed
}

/**
 * Imports a resolver document with the token files it references. `files` maps each file name
 * (as the `$ref`s write it, relative to the resolver) to its content, text or parsed JSON; the
 * resolver itself is the file ending in `.resolver.json` unless `entry` names it.
 */
export function importResolver(
  files: Readonly<Record<string, unknown>>,
  entry?: string,
): Result<Tokenset> {
  const entryName = entry ?? Object.keys(files).find((f) => f.endsWith('.resolver.json'))
  const byPath = new Map(Object.entries(files))
  const errors: TokenError[] = []
  const raw = entryName === undefined ? undefined : byPath.get(entryName)
  let document: unknown = raw
  if (typeof raw === 'string') {
    try {
      document = JSON.parse(raw)
    } catch (error) {
      return { ok: false, errors: [{ message: `not valid JSON: ${(error as Error).message}` }] }
    }
  }
  if (!isNode(document)) {
    return {
      ok: false,
      errors: [{ message: 'no resolver document (a *.resolver.json file) was given' }],
    }
  }
  if (document.version !== '2025.10') {
    return {
      ok: false,
      errors: [{ message: `version must be "2025.10", got ${JSON.stringify(document.version)}` }],
    }
  }
  if (!Array.isArray(document.resolutionOrder)) {
    return { ok: false, errors: [{ message: 'resolutionOrder must be an array' }] }
  }
  const items = document.resolutionOrder
    .map((e) => orderItem(e, document as Node, errors))
    .filter((i): i is Item => i !== undefined)
  if (errors.length > 0) return { ok: false, errors }
  const axes = items.filter(
    (i): i is Extract<Item, { kind: 'modifier' }> =>
      i.kind === 'modifier' && Object.keys(i.contexts).length > 1,
  )
  if (axes.length > 1) {
    return {
      ok: false,
      errors: [
        {
          message: `a tokenset has one set of modes, but modifiers ${axes.map((a) => a.name).join(', ')} each have several contexts`,
        },
      ],
    }
  }
  const axis = axes[0]
  const onlySet = items.length === 1 && items[0]?.kind === 'set' ? items[0].name : undefined
  const modes = axis ? Object.keys(axis.contexts) : [onlySet ?? DEFAULT_MODE]
  const documents = modes.map((mode) => {
    const sources = items.flatMap((item) =>
      item.kind === 'set'
        ? item.sources
        : (item.contexts[item === axis ? mode : (Object.keys(item.contexts)[0] as string)] ?? []),
    )
    const merged = sources
      .map((s) => loadSource(s, document as Node, byPath, errors))
      .reduce<Node>((acc, next) => (next ? mergeGroups(acc, next) : acc), {})
    return [mode, merged] as const
  })
  if (errors.length > 0) return { ok: false, errors }
  return tokensetFromDocuments(documents, axis?.default ?? modes[0])
}
