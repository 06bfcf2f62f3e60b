/**
 * Older token formats turned into DTCG-shaped trees, which the lenient DTCG reading then takes:
 *
 * - Style Dictionary (before DTCG): a token is an object with `value`, maybe `type` and
 *   `comment`; references may end in `.value` (`{color.base.red.value}`).
 * - Tokens Studio for Figma: the same token shape (or `$value`/`$type`) inside token sets, one
 *   per top-level key, merged in `$metadata.tokenSetOrder` (later sets win); `$themes` name the
 *   sets each theme uses, and each theme becomes a mode. Its multi-file layout (one file per set,
 *   `$themes.json`, `$metadata.json`) is the same document split up.
 */
import type { JsonObject, JsonValue } from '../types.ts'
import type { Change } from './report.ts'

export const IMPORT_FORMATS = ['dtcg', 'style-dictionary', 'tokens-studio'] as const
export type ImportFormat = (typeof IMPORT_FORMATS)[number]

type Node = Record<string, unknown>
const isNode = (v: unknown): v is Node => typeof v === 'object' && v !== null && !Array.isArray(v)
const isLegacyToken = (node: Node) => 'value' in node && !('$value' in node)
const isToken = (node: Node) => '$value' in node || isLegacyToken(node)

/** The first token found, breadth first, to tell the formats apart. */
function firstToken(root: Node): Node | undefined {
  const queue: Node[] = [root]
  for (let i = 0; i < queue.length && i < 10_000; i++) {
    const node = queue[i] as Node
    for (const [key, child] of Object.entries(node)) {
      if (key.startsWith('$') || !isNode(child)) continue
      if (isToken(child)) return child
      queue.push(child)
    }
  }
  return undefined
}

/** Which format a document is in: Tokens Studio by `$themes`/`$metadata`, else by its tokens. */
export function detectFormat(document: unknown): ImportFormat {
  if (!isNode(document)) return 'dtcg'
  if ('$themes' in document || '$metadata' in document) return 'tokens-studio'
  const token = firstToken(document)
  return token && isLegacyToken(token) ? 'style-dictionary' : 'dtcg'
}

/** Dot paths of every token of a tree, legacy or DTCG. */
function tokenPaths(root: Node): Set<string> {
  const paths = new Set<string>()
  const walk = (node: Node, prefix: string, depth: number) => {
    if (depth > 64) return
    for (const [key, child] of Object.entries(node)) {
      if (key.startsWith('$') || !isNode(child)) continue
      const path = prefix ? `${prefix}.${key}` : key
      if (isToken(child)) paths.add(path)
      else walk(child, path, depth + 1)
    }
  }
  walk(root, '', 0)
  return paths
}

/** Whether a dot path names a token: of the document, or already stored. */
type IsToken = (path: string) => boolean

/** `{a.b.value}` → `{a.b}` where `a.b` is a token (Style Dictionary 3's reference form). */
function dropValueSuffix(value: unknown, paths: IsToken, renamed: string[]): unknown {
  if (typeof value === 'string') {
    return value.replace(/\{([^{}]+)\.value\}/g, (whole, path: string) => {
      if (!paths(path) || paths(`${path}.value`)) return whole
      renamed.push(whole)
      return `{${path}}`
    })
  }
  if (Array.isArray(value)) return value.map((v) => dropValueSuffix(v, paths, renamed))
  if (isNode(value)) {
    const out: Node = {}
    for (const [k, v] of Object.entries(value)) out[k] = dropValueSuffix(v, paths, renamed)
    return out
  }
  return value
}

/**
 * A legacy token as DTCG: `value` → `$value`, `type` → `$type` (its name is mapped later),
 * `comment` or `description` → `$description`; every other member stays, to be kept.
 */
function legacyToken(node: Node, name: string, paths: IsToken, changes: Change[]): Node {
  const { value, type, comment, description, ...rest } = node
  const renamed: string[] = []
  const out: Node = { $value: dropValueSuffix(value, paths, renamed) }
  if (renamed.length > 0) {
    changes.push({
      token: name,
      kind: 'normalized',
      message: `references ${renamed.join(', ')} written without ".value"`,
    })
  }
  if (type !== undefined) out.$type = type
  const text = typeof description === 'string' ? description : comment
  if (typeof text === 'string') out.$description = text
  else if (text !== undefined) rest.comment = text
  if (typeof description === 'string' && comment !== undefined) rest.comment = comment
  return { ...rest, ...out }
}

/** Rewrites every legacy token of a tree (DTCG tokens and `$` properties pass unchanged). */
function legacyTree(root: Node, changes: Change[], stored: IsToken): Node {
  const own = tokenPaths(root)
  const paths = (path: string) => own.has(path) || stored(path)
  const walk = (node: Node, prefix: string, depth: number): Node => {
    const out: Node = {}
    for (const [key, child] of Object.entries(node)) {
      const path = prefix ? `${prefix}.${key}` : key
      if (key.startsWith('$') || !isNode(child) || depth > 64) out[key] = child
      else if (isLegacyToken(child)) out[key] = legacyToken(child, path, paths, changes)
      else if ('$value' in child)
        out[key] = { ...child, $value: dropValueSuffix(child.$value, paths, []) }
      else out[key] = walk(child, path, depth + 1)
    }
    return out
  }
  return walk(root, '', 0)
}

/** A Style Dictionary document as a DTCG-shaped tree. */
export function fromStyleDictionary(
  document: JsonObject,
  changes: Change[],
  stored: IsToken = () => false,
): JsonObject {
  return legacyTree(document, changes, stored) as JsonObject
}

type Theme = { name: string; group?: string; selectedTokenSets: Record<string, string> }

function themesOf(document: Node): Theme[] {
  const themes = document.$themes
  if (!Array.isArray(themes)) return []
  return themes.filter(
    (t): t is Theme => isNode(t) && typeof t.name === 'string' && isNode(t.selectedTokenSets),
  )
}

/** Token sets in the order that applies: `$metadata.tokenSetOrder`, then the rest as written. */
function setOrder(document: Node): string[] {
  const sets = Object.keys(document).filter((k) => !k.startsWith('$') && isNode(document[k]))
  const metadata = document.$metadata
  const listed =
    isNode(metadata) && Array.isArray(metadata.tokenSetOrder) ? metadata.tokenSetOrder : []
  const ordered = listed.filter((s): s is string => typeof s === 'string' && sets.includes(s))
  return [...ordered, ...sets.filter((s) => !ordered.includes(s))]
}

/** Merges token sets, later sets winning token by token (groups merge, tokens replace). */
function mergeSets(sets: Node[]): Node {
  const merge = (base: Node, own: Node): Node => {
    const out: Node = { ...base }
    for (const [key, value] of Object.entries(own)) {
      const inherited = out[key]
      out[key] =
        isNode(inherited) &&
        isNode(value) &&
        !isToken(inherited) &&
        !isToken(value) &&
        !key.startsWith('$')
          ? merge(inherited, value)
          : value
    }
    return out
  }
  return sets.reduce(merge, {})
}

export type TokensStudioOptions = {
  /** The mode to import into: a theme of that name, or the chosen sets. */
  mode?: string
  /** The sets to use, instead of a theme's or all of them. */
  tokenSets?: readonly string[]
  /** The mode when `mode` is not given and there are no themes. */
  fallbackMode?: string
  /** Whether a path names a token already stored (for `{a.b.value}` references). */
  stored?: IsToken
}

export type ModeTree = { mode: string; tree: JsonObject }

/**
 * A Tokens Studio document as one DTCG-shaped tree per mode. With `tokenSets`, those sets make
 * `mode`; otherwise a theme named `mode` gives its sets; otherwise, without `mode`, every theme
 * is a mode of its name (its enabled and source sets); otherwise all sets make `mode`.
 */
export function fromTokensStudio(
  document: JsonObject,
  options: TokensStudioOptions,
  changes: Change[],
): ModeTree[] | { problem: string } {
  const order = setOrder(document)
  const known = new Set(order)
  const build = (mode: string, chosen: readonly string[]): ModeTree => {
    const sets = order.filter((s) => chosen.includes(s)).map((s) => document[s] as Node)
    return {
      mode,
      tree: legacyTree(mergeSets(sets), changes, options.stored ?? (() => false)) as JsonObject,
    }
  }
  const unknown = options.tokenSets?.filter((s) => !known.has(s)) ?? []
  if (unknown.length > 0) {
    return {
      problem: `no token set named ${unknown.map((s) => `"${s}"`).join(', ')}; the sets are ${order.map((s) => `"${s}"`).join(', ')}`,
    }
  }
  const themes = themesOf(document)
  const used = (theme: Theme) =>
    Object.entries(theme.selectedTokenSets)
      .filter(([, status]) => status === 'enabled' || status === 'source')
      .map(([set]) => set)
  const themeName = (theme: Theme) =>
    themes.filter((t) => t.name === theme.name).length > 1 && theme.group
      ? `${theme.group} ${theme.name}`
      : theme.name
  const fallback = options.mode ?? options.fallbackMode ?? 'Base'
  if (options.tokenSets) return [build(fallback, options.tokenSets)]
  const named =
    options.mode === undefined ? undefined : themes.find((t) => themeName(t) === options.mode)
  if (named) return [build(options.mode as string, used(named))]
  if (options.mode === undefined && themes.length > 0) {
    changes.push({
      token: '$themes',
      kind: 'normalized',
      message: `each of ${themes.length} themes is a mode`,
    })
    return themes.map((theme) => build(themeName(theme), used(theme)))
  }
  if (themes.length > 0) {
    changes.push({
      token: '$themes',
      kind: 'skipped',
      message: `no theme is named "${options.mode}", so every set was imported into it (themes: ${themes.map(themeName).join(', ')})`,
    })
  }
  return [build(fallback, order)]
}

/**
 * Tokens Studio's multi-file layout as its single-file document: `$themes.json` and
 * `$metadata.json` as they are, every other file a token set named by its path without `.json`.
 */
export function tokensStudioFiles(
  files: readonly { name: string; content: JsonValue }[],
): JsonObject {
  const document: JsonObject = {}
  for (const file of files) {
    const name = file.name.replace(/^\.?\//, '').replace(/\.json$/i, '')
    document[name] = file.content
  }
  return document
}
