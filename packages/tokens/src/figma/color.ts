import { converter, formatHex, parse } from 'culori'
import type { FigmaRgba } from './types.ts'

const toRgb = converter('rgb')

/** DTCG 2025.10 colour spaces as CSS names them, so a colour library can read any of them. */
const CSS_FUNCTION_BY_SPACE: Record<string, (c: string[], a: string) => string> = {
  hsl: ([h, s, l], a) => `hsl(${h} ${percent(s)} ${percent(l)} / ${a})`,
  hwb: ([h, w, b], a) => `hwb(${h} ${percent(w)} ${percent(b)} / ${a})`,
  lab: ([l, x, y], a) => `lab(${l} ${x} ${y} / ${a})`,
  lch: ([l, c, h], a) => `lch(${l} ${c} ${h} / ${a})`,
  oklab: ([l, x, y], a) => `oklab(${l} ${x} ${y} / ${a})`,
  oklch: ([l, c, h], a) => `oklch(${l} ${c} ${h} / ${a})`,
}

function percent(component: string | undefined): string {
  return component === 'none' ? 'none' : `${component}%`
}

type DtcgColor = {
  colorSpace: string
  components: (number | 'none')[]
  alpha?: number
  hex?: string
}

function isDtcgColor(value: unknown): value is DtcgColor {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as DtcgColor).colorSpace === 'string' &&
    Array.isArray((value as DtcgColor).components)
  )
}

function clamp01(n: number): number {
  return Math.min(1, Math.max(0, n))
}

/**
 * A DTCG colour value (or a CSS colour string) as Figma's sRGB RGBA with channels in 0..1.
 * Colours outside sRGB are clipped, as Figma variables hold sRGB only. Null when unreadable.
 */
export function toFigmaColor(value: unknown): FigmaRgba | null {
  if (typeof value === 'string') return fromCss(value)
  if (!isDtcgColor(value)) return null
  const alpha = typeof value.alpha === 'number' ? value.alpha : 1
  const parts = value.components.map((c) => (c === 'none' ? 'none' : String(c)))
  if (value.colorSpace === 'srgb') {
    const [r, g, b] = value.components.map((c) => (c === 'none' ? 0 : c))
    if (r === undefined || g === undefined || b === undefined) return null
    return { r: clamp01(r), g: clamp01(g), b: clamp01(b), a: clamp01(alpha) }
  }
  const fn = CSS_FUNCTION_BY_SPACE[value.colorSpace]
  const css = fn
    ? fn(parts, String(alpha))
    : `color(${value.colorSpace} ${parts.join(' ')} / ${alpha})`
  return fromCss(css)
}

function fromCss(css: string): FigmaRgba | null {
  const rgb = toRgb(parse(css))
  if (!rgb) return null
  return {
    r: clamp01(rgb.r ?? 0),
    g: clamp01(rgb.g ?? 0),
    b: clamp01(rgb.b ?? 0),
    a: clamp01(rgb.alpha ?? 1),
  }
}

/** A Figma RGBA as a DTCG 2025.10 sRGB colour value, with its hex fallback. */
export function fromFigmaColor(color: FigmaRgba): DtcgColor {
  const round = (n: number) => Math.round(n * 10000) / 10000
  const result: DtcgColor = {
    colorSpace: 'srgb',
    components: [round(color.r), round(color.g), round(color.b)],
    hex: formatHex({ mode: 'rgb', r: color.r, g: color.g, b: color.b }),
  }
  if (color.a < 1) result.alpha = round(color.a)
  return result
}
