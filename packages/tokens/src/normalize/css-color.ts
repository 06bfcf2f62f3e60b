/**
 * CSS Color 4 text → a DTCG 2025.10 color object, through culori's parser: hex (3, 4, 6, 8
 * digits), rgb(), hsl(), hwb(), lab(), lch(), oklab(), oklch(), color(<space> …), named colors
 * and `transparent`. The color keeps the space it was written in; components are scaled to the
 * ranges of the Color Module (hsl/hwb percentages 0–100) and clamped where CSS clamps them.
 */
import { type Color, parse } from 'culori'
import type { DtcgColor } from '../color.ts'
import type { ColorSpace } from '../values.ts'

type Read = (color: Color) => [number | undefined, number | undefined, number | undefined]

/** culori mode → DTCG color space, and how to read the three components. */
const FROM_CULORI: Record<string, { space: ColorSpace; read: Read }> = {
  rgb: { space: 'srgb', read: (c) => rgbLike(c) },
  lrgb: { space: 'srgb-linear', read: (c) => rgbLike(c) },
  p3: { space: 'display-p3', read: (c) => rgbLike(c) },
  a98: { space: 'a98-rgb', read: (c) => rgbLike(c) },
  prophoto: { space: 'prophoto-rgb', read: (c) => rgbLike(c) },
  rec2020: { space: 'rec2020', read: (c) => rgbLike(c) },
  hsl: { space: 'hsl', read: (c) => read3(c, 'h', 's', 'l', 1, 100, 100) },
  hwb: { space: 'hwb', read: (c) => read3(c, 'h', 'w', 'b', 1, 100, 100) },
  lab: { space: 'lab', read: (c) => read3(c, 'l', 'a', 'b') },
  lch: { space: 'lch', read: (c) => read3(c, 'l', 'c', 'h') },
  oklab: { space: 'oklab', read: (c) => read3(c, 'l', 'a', 'b') },
  oklch: { space: 'oklch', read: (c) => read3(c, 'l', 'c', 'h') },
  xyz65: { space: 'xyz-d65', read: (c) => read3(c, 'x', 'y', 'z') },
  xyz50: { space: 'xyz-d50', read: (c) => read3(c, 'x', 'y', 'z') },
}

/** Where CSS clamps a component (CSS Color 4 §5–§9); hues wrap instead. */
const CLAMPS: Partial<Record<ColorSpace, ([number, number] | 'hue' | null)[]>> = {
  srgb: [
    [0, 1],
    [0, 1],
    [0, 1],
  ],
  hsl: ['hue', [0, 100], [0, 100]],
  hwb: ['hue', [0, 100], [0, 100]],
  lab: [[0, 100], null, null],
  lch: [[0, 100], [0, Infinity], 'hue'],
  oklab: [[0, 1], null, null],
  oklch: [[0, 1], [0, Infinity], 'hue'],
}

function rgbLike(c: Color) {
  return read3(c, 'r', 'g', 'b')
}

/** Drops the float noise of scaling (0.4 × 100 = 40.00000000000001). */
const clean = (n: number) => Number(n.toPrecision(12))

function read3(c: Color, a: string, b: string, d: string, ...scale: number[]) {
  const record = c as unknown as Record<string, number | undefined>
  return [a, b, d].map((key, i) => {
    const v = record[key]
    return v === undefined || Number.isNaN(v) ? undefined : clean(v * (scale[i] ?? 1))
  }) as [number | undefined, number | undefined, number | undefined]
}

export type ParsedColor = { color: DtcgColor; clamped: boolean }

const HEX = /^#(?:[0-9a-f]{3,4}|[0-9a-f]{6}|[0-9a-f]{8})$/i

/** A CSS color string as a DTCG color, or undefined when culori cannot read it. */
export function parseCssColor(text: string): ParsedColor | undefined {
  const parsed = parse(text.trim())
  if (!parsed) return undefined
  const from = FROM_CULORI[parsed.mode]
  if (!from) return undefined
  let clamped = false
  const limits = CLAMPS[from.space]
  const components = from.read(parsed).map((v, i) => {
    if (v === undefined) return 'none' as const
    const limit = limits?.[i]
    if (limit === 'hue') {
      const wrapped = ((v % 360) + 360) % 360
      return clean(wrapped)
    }
    if (!limit) return v
    const within = Math.min(limit[1], Math.max(limit[0], v))
    if (within !== v) clamped = true
    return within
  })
  const color: DtcgColor = { colorSpace: from.space, components }
  if (parsed.alpha !== undefined && parsed.alpha !== 1) {
    const alpha = Math.min(1, Math.max(0, parsed.alpha))
    if (alpha !== parsed.alpha) clamped = true
    color.alpha = clean(alpha)
  }
  if (HEX.test(text.trim())) color.hex = sixDigits(text.trim())
  return { color, clamped }
}

/** `#06f` → `#0066ff`, `#0066ff80` → `#0066ff`: the 6-digit fallback DTCG allows. */
function sixDigits(hex: string): string {
  const digits = hex.slice(1).toLowerCase()
  if (digits.length <= 4) {
    return `#${[...digits.slice(0, 3)].map((d) => d + d).join('')}`
  }
  return `#${digits.slice(0, 6)}`
}
