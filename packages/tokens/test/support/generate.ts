/**
 * A realistic, seeded tokenset as DTCG documents, one per mode: color palettes, spacing, radii,
 * type scale, weights, families, line heights, opacities, durations, easings, borders, shadows
 * and typography, plus a share of semantic tokens that alias them (mode by mode, like a theme).
 * Used by the Style Dictionary differential test and the benchmark, which feed the same
 * documents to both tools.
 */
import type { JsonObject, JsonValue } from '../../src/index.ts'

export type GenerateOptions = {
  count: number
  modes: string[]
  /** Share of tokens that are aliases, 0 to 1. */
  aliasRatio: number
  seed?: number
}

/** mulberry32: small, fast, deterministic. */
function random(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

type Literal = { path: string[]; type: string; value: (mode: number) => JsonValue }

const round = (n: number, digits = 3) => Math.round(n * 10 ** digits) / 10 ** digits
const rem = (value: number) => ({ value: round(value, 4), unit: 'rem' })
const px = (value: number) => ({ value, unit: 'px' })
const HUES = ['blue', 'red', 'green', 'amber', 'violet', 'teal', 'slate', 'pink', 'indigo', 'lime']
const STEPS = [50, 100, 200, 300, 400, 500, 600, 700, 800, 900]
const FAMILIES = [
  ['Inter', 'Helvetica Neue', 'sans-serif'],
  ['Georgia', 'serif'],
  ['JetBrains Mono', 'monospace'],
]

export function generateDocuments(options: GenerateOptions): Record<string, JsonObject> {
  const rand = random(options.seed ?? 42)
  const literalCount = Math.round(options.count * (1 - options.aliasRatio))
  const literals: Literal[] = []
  const colorOf = (mode: number, i: number): JsonValue => {
    const kind = i % 10
    const l = (0.35 + ((i * 7919) % 100) / 200) * (mode % 2 === 1 ? 0.8 : 1)
    if (kind === 0) return { colorSpace: 'oklch', components: [round(l), 0.05, (i * 37) % 360] }
    if (kind === 1)
      return { colorSpace: 'hsl', components: [(i * 53) % 360, 60, round(l * 100, 1)] }
    const c = (k: number) => round(((i * (k + 3) * 2654435761) % 1000) / 1000 / (1 + mode * 0.1))
    const color: JsonObject = { colorSpace: 'srgb', components: [c(1), c(2), c(3)] }
    if (kind === 2) color.alpha = round(0.2 + (i % 7) / 10, 2)
    return color
  }
  const makers: ((i: number) => Literal)[] = [
    (i) => ({
      path: [
        'color',
        HUES[i % HUES.length] as string,
        String(STEPS[Math.floor(i / HUES.length) % 10]),
        `v${Math.floor(i / 100)}`,
      ],
      type: 'color',
      value: (m) => colorOf(m, i),
    }),
    (i) => ({
      path: ['space', `s${i}`],
      type: 'dimension',
      value: (m) => rem((i % 64) / 8 + m * 0.125),
    }),
    (i) => ({ path: ['radius', `r${i}`], type: 'dimension', value: () => rem((i % 16) / 16) }),
    (i) => ({
      path: ['font', 'size', `size${i}`],
      type: 'fontSize',
      value: (m) => rem(0.75 + (i % 20) / 8 + m * 0.0625),
    }),
    (i) => ({
      path: ['font', 'weight', `w${i}`],
      type: 'fontWeight',
      value: () => ((i % 9) + 1) * 100,
    }),
    (i) => ({
      path: ['font', 'family', `f${i}`],
      type: 'fontFamily',
      value: () => FAMILIES[i % 3] as string[],
    }),
    (i) => ({
      path: ['line', 'height', `lh${i}`],
      type: 'number',
      value: () => round(1 + (i % 8) / 10, 2),
    }),
    (i) => ({
      path: ['opacity', `o${i}`],
      type: 'number',
      value: (m) => round(((i + m) % 10) / 10, 2),
    }),
    (i) => ({ path: ['z', `layer${i}`], type: 'number', value: () => i % 1000 }),
    (i) => ({
      path: ['motion', 'duration', `d${i}`],
      type: 'duration',
      value: () => ({ value: 50 * (i % 12), unit: 'ms' }),
    }),
    (i) => ({
      path: ['motion', 'easing', `e${i}`],
      type: 'cubicBezier',
      value: () => [round((i % 10) / 10), 0, round(((i + 3) % 10) / 10), 1],
    }),
    (i) => ({
      path: ['border', `b${i}`],
      type: 'border',
      value: (m) => ({
        color: colorOf(m, i + 3),
        width: px(1 + (i % 3)),
        style: ['solid', 'dashed', 'dotted'][i % 3] as string,
      }),
    }),
    (i) => ({
      path: ['shadow', `elevation${i}`],
      type: 'shadow',
      value: (m) => ({
        color: {
          colorSpace: 'srgb',
          components: [0, 0, 0],
          alpha: round(0.1 + (i % 5) / 10 + m * 0.05, 2),
        },
        offsetX: px(0),
        offsetY: px(1 + (i % 8)),
        blur: px(2 * (1 + (i % 8))),
        spread: px(i % 2),
      }),
    }),
    (i) => ({
      path: ['typography', `t${i}`],
      type: 'typography',
      value: (m) => ({
        fontFamily: FAMILIES[i % 3] as string[],
        fontSize: px(12 + (i % 12) * 2 + m),
        fontWeight: ((i % 9) + 1) * 100,
        letterSpacing: px(0),
        lineHeight: round(1.2 + (i % 5) / 10, 2),
      }),
    }),
  ]
  // Colors and spacing dominate real sets; composites are a small share.
  const weights = [40, 12, 4, 6, 3, 2, 3, 3, 2, 3, 3, 5, 5, 4]
  const bag = weights.flatMap((w, k) => Array.from({ length: w }, () => k))
  for (let i = 0; i < literalCount; i++) {
    literals.push(
      (makers[bag[Math.floor(rand() * bag.length)] as number] as (i: number) => Literal)(i),
    )
  }
  const byType = new Map<string, Literal[]>()
  for (const lit of literals) byType.set(lit.type, [...(byType.get(lit.type) ?? []), lit])
  const aliasCount = options.count - literalCount
  const aliasTypes = Array.from(
    { length: aliasCount },
    () => (literals[Math.floor(rand() * literals.length)] as Literal).type,
  )
  const documents: Record<string, JsonObject> = {}
  options.modes.forEach((mode, m) => {
    const root: JsonObject = {}
    const put = (path: string[], token: JsonObject) => {
      let node = root
      for (const key of path.slice(0, -1)) {
        node[key] ??= {}
        node = node[key] as JsonObject
      }
      node[path[path.length - 1] as string] = token
    }
    for (const lit of literals) put(lit.path, { $type: lit.type, $value: lit.value(m) })
    const aliasRand = random((options.seed ?? 42) + 1 + m)
    aliasTypes.forEach((type, i) => {
      // The same semantic token points at a different entry of its type in each mode.
      const candidates = byType.get(type) as Literal[]
      const target = candidates[Math.floor(aliasRand() * candidates.length)] as Literal
      const token: JsonObject = { $type: type, $value: `{${target.path.join('.')}}` }
      if (i % 5 === 0) token.$description = `Semantic ${type} ${i}`
      put(['semantic', `group${i % 50}`, `alias${i}`], token)
    })
    documents[mode] = root
  })
  return documents
}
