/**
 * The three design systems of `test/fixtures/design-systems`: the documents to import, in the
 * order and modes their own builds use, and what their builds publish, as comparable values.
 * Shared by the importer's tests (pure and through the server).
 */
import { readdirSync, readFileSync } from 'node:fs'
import { converter, parse } from 'culori'
import JSON5 from 'json5'

const root = new URL('../fixtures/design-systems/', import.meta.url)
const read = (path: string) => readFileSync(new URL(path, root), 'utf8')

/** One import call: a document, the mode it goes to, and the import options. */
export type ImportStep = {
  mode: string
  document: Record<string, unknown>
  format?: 'dtcg' | 'style-dictionary' | 'tokens-studio'
  token_sets?: string[]
}

export type DesignSystem = {
  name: string
  /** Tokens in the sources (each token once per mode it is imported into). */
  sourceTokens: number
  modes: string[]
  steps: ImportStep[]
  /** Per mode: CSS custom property name → the value the design system's build publishes. */
  published: Record<string, Map<string, string>>
}

/** Counts the tokens of a DTCG or Style Dictionary tree. */
function countTokens(node: unknown, legacy: boolean): number {
  if (typeof node !== 'object' || node === null || Array.isArray(node)) return 0
  if ((legacy ? 'value' : '$value') in node) return 1
  return Object.entries(node)
    .filter(([key]) => !key.startsWith('$'))
    .reduce((sum, [, child]) => sum + countTokens(child, legacy), 0)
}

/** `--name: value;` declarations of a CSS file, with `var(--x)` references resolved. */
export function cssDeclarations(css: string): Map<string, string> {
  const raw = new Map<string, string>()
  for (const match of css.matchAll(/^\s*(--[\w-]+):\s*(.+?);(?:\s*\/\*.*\*\/)?\s*$/gm)) {
    raw.set(match[1] as string, (match[2] as string).trim())
  }
  const resolve = (value: string, depth = 0): string =>
    depth > 32
      ? value
      : value.replace(/var\((--[\w-]+)\)/g, (whole, name: string) => {
          const target = raw.get(name)
          return target === undefined ? whole : resolve(target, depth + 1)
        })
  return new Map([...raw].map(([name, value]) => [name, resolve(value)]))
}

type Tree = Record<string, unknown>
const isTree = (v: unknown): v is Tree => typeof v === 'object' && v !== null && !Array.isArray(v)

/** Deep-merges documents, later ones winning, as Style Dictionary merges its sources. */
function mergeDeep(documents: Tree[]): Tree {
  const merge = (a: Tree, b: Tree): Tree => {
    const out: Tree = { ...a }
    for (const [key, value] of Object.entries(b)) {
      const old = out[key]
      out[key] = isTree(old) && isTree(value) && !('value' in value) ? merge(old, value) : value
    }
    return out
  }
  return documents.reduce(merge, {})
}

/** `--base-color-black` for the Figma name `base/color/black`. */
const figmaToCss = (name: string) => `--${name.replaceAll('/', '-')}`

function primer(): DesignSystem {
  const src = (path: string) => JSON5.parse(read(`primer/src/tokens/base/${path}`))
  const shared = [
    'size/size.json5',
    'size/z-index.json5',
    'typography/typography.json5',
    'motion/easing.json5',
    'motion/timing.json5',
  ]
  const light = ['color/light/light.json5', 'color/light/display-light.json5', ...shared]
  const dark = ['color/dark/dark.json5', 'color/dark/display-dark.json5']
  const steps: ImportStep[] = [
    ...light.map((file) => ({ mode: 'light', document: src(file) })),
    ...dark.map((file) => ({ mode: 'dark', document: src(file) })),
  ]
  const published: DesignSystem['published'] = { light: new Map(), dark: new Map() }
  for (const mode of ['light', 'dark'] as const) {
    const scales = JSON.parse(read(`primer/dist/figma/scales/${mode}.json`)) as {
      name: string
      value: { r: number; g: number; b: number; a: number }
    }[]
    for (const { name, value } of scales) {
      const channel = (n: number) => Math.round(n * 255)
      published[mode]?.set(
        figmaToCss(name),
        `rgba(${channel(value.r)}, ${channel(value.g)}, ${channel(value.b)}, ${value.a})`,
      )
    }
  }
  for (const css of [
    'size/size.css',
    'size/z-index.css',
    'typography/typography.css',
    'motion/motion.css',
  ]) {
    for (const [name, value] of cssDeclarations(read(`primer/dist/css/base/${css}`))) {
      published.light?.set(name, value)
    }
  }
  return {
    name: 'Primer (DTCG with extra members)',
    sourceTokens: steps.reduce((n, s) => n + countTokens(s.document, false), 0),
    modes: ['light', 'dark'],
    steps,
    published,
  }
}

function gestalt(): DesignSystem {
  const dir = new URL('gestalt/tokens/classic/', root)
  // Style Dictionary reads its sources in this order: base tokens, then semantic, then components.
  const rank = (file: string) => (file.startsWith('base') ? 0 : file.startsWith('sema') ? 1 : 2)
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort((a, b) => rank(a) - rank(b) || a.localeCompare(b))
  // Style Dictionary merges its source files into one dictionary before resolving references.
  const document = mergeDeep(
    files.map((file) => JSON.parse(read(`gestalt/tokens/classic/${file}`))),
  )
  const steps = [{ mode: 'light', document }]
  return {
    name: 'Gestalt (Style Dictionary value format)',
    sourceTokens: steps.reduce((n, s) => n + countTokens(s.document, true), 0),
    modes: ['light'],
    steps,
    published: { light: cssDeclarations(read('gestalt/dist/css/classic/variables.css')) },
  }
}

function nlDesignSystem(): DesignSystem {
  const document = JSON.parse(read('nl-design-system/figma/voorbeeld.tokens.json'))
  const order = document.$metadata.tokenSetOrder as string[]
  // Its build leaves out the dark colour scheme's sets (a build step of its own).
  const sets = order.filter((set) => !set.startsWith('color-scheme-dark/'))
  // Tokens once per path: later sets override earlier ones, as in Tokens Studio.
  const paths = new Set<string>()
  const walk = (node: unknown, prefix: string) => {
    if (typeof node !== 'object' || node === null) return
    if ('$value' in node || 'value' in node) {
      paths.add(prefix)
      return
    }
    for (const [key, child] of Object.entries(node)) {
      if (!key.startsWith('$')) walk(child, prefix ? `${prefix}.${key}` : key)
    }
  }
  for (const set of sets) walk(document[set], '')
  return {
    name: 'NL Design System voorbeeld (Tokens Studio)',
    sourceTokens: paths.size,
    modes: ['default'],
    steps: [{ mode: 'default', document, format: 'tokens-studio', token_sets: sets }],
    published: { default: cssDeclarations(read('nl-design-system/dist/variables.css')) },
  }
}

export const designSystems = (): DesignSystem[] => [primer(), gestalt(), nlDesignSystem()]

const round = (n: number) => Number(n.toFixed(3))
const toRgb = converter('rgb')

/**
 * A CSS value in a form two builds agree on when they mean the same: colors as 8-bit rgba,
 * lengths in px (1rem = 16px), times in ms, font lists without quotes, numbers as numbers.
 */
export function comparable(value: string): string {
  let text = value.trim()
  if (text.startsWith('"')) {
    try {
      text = JSON.parse(text) as string
    } catch {}
  }
  const parts = splitOutside(text, ' ')
  if (parts.length > 1 && !text.includes(',')) return parts.map(single).join(' ')
  return single(text)
}

/** Splits at `separator` outside parentheses and quotes. */
function splitOutside(text: string, separator: string): string[] {
  const parts: string[] = []
  let depth = 0
  let current = ''
  for (const char of text) {
    if (char === '(') depth++
    if (char === ')') depth--
    if (char === separator && depth === 0) {
      if (current.trim()) parts.push(current.trim())
      current = ''
    } else current += char
  }
  if (current.trim()) parts.push(current.trim())
  return parts
}

function single(text: string): string {
  const color = /^(#|rgb|hsl|hwb|lab|lch|oklab|oklch|color\(|transparent$)/i.test(text)
    ? parse(text)
    : undefined
  if (color) {
    const rgb = toRgb(color)
    const c = (n: number) => Math.round(Math.min(1, Math.max(0, n)) * 255)
    return `rgba(${c(rgb.r)}, ${c(rgb.g)}, ${c(rgb.b)}, ${round(rgb.alpha ?? 1)})`
  }
  const measure = /^(-?[\d.]+)(px|rem|ms|s)?$/.exec(text)
  if (measure) {
    const n = Number(measure[1])
    const unit = measure[2]
    if (n === 0) return '0'
    if (unit === 'rem') return `${round(n * 16)}px`
    if (unit === 's') return `${round(n * 1000)}ms`
    return `${round(n)}${unit ?? ''}`
  }
  const bezier = /^cubic-bezier\((.*)\)$/.exec(text)
  if (bezier) {
    const numbers = (bezier[1] as string).split(',').map((n) => round(Number(n)))
    return `cubic-bezier(${numbers.join(', ')})`
  }
  if (text.includes(',') && !text.includes('(')) {
    return splitOutside(text, ',')
      .map((name) => name.replace(/^(["'])(.*)\1$/, '$2'))
      .join(', ')
  }
  return text.replace(/^(["'])(.*)\1$/, '$2')
}
