/**
 * DTCG color objects (Color Module 2025.10) to 8-bit sRGB through culori: the color is converted
 * to sRGB and, when it lies outside, the `hex` fallback is used if given, else it is gamut-mapped
 * with the CSS Color 4 algorithm (culori `toGamut`), as Style Dictionary 5 does with colorjs.
 */
import { type Color, converter, inGamut, parseHex, toGamut } from 'culori'
import type { ColorSpace } from './values.ts'

export type DtcgColor = {
  colorSpace: ColorSpace
  components: (number | 'none')[]
  alpha?: number
  hex?: string
}

/** 8-bit channels and alpha from 0 to 1. */
export type Rgba8 = { r: number; g: number; b: number; a: number }

type Components = [number | undefined, number | undefined, number | undefined]
const percent = (v: number | undefined) => (v === undefined ? undefined : v / 100)

const TO_CULORI: Record<ColorSpace, (c: Components) => Color> = {
  srgb: ([r, g, b]) => ({ mode: 'rgb', r: r ?? 0, g: g ?? 0, b: b ?? 0 }),
  'srgb-linear': ([r, g, b]) => ({ mode: 'lrgb', r: r ?? 0, g: g ?? 0, b: b ?? 0 }),
  hsl: ([h, s, l]) => ({ mode: 'hsl', h, s: percent(s) ?? 0, l: percent(l) ?? 0 }),
  hwb: ([h, w, b]) => ({ mode: 'hwb', h, w: percent(w) ?? 0, b: percent(b) ?? 0 }),
  lab: ([l, a, b]) => ({ mode: 'lab', l: l ?? 0, a: a ?? 0, b: b ?? 0 }),
  lch: ([l, c, h]) => ({ mode: 'lch', l: l ?? 0, c: c ?? 0, h }),
  oklab: ([l, a, b]) => ({ mode: 'oklab', l: l ?? 0, a: a ?? 0, b: b ?? 0 }),
  oklch: ([l, c, h]) => ({ mode: 'oklch', l: l ?? 0, c: c ?? 0, h }),
  'display-p3': ([r, g, b]) => ({ mode: 'p3', r: r ?? 0, g: g ?? 0, b: b ?? 0 }),
  'a98-rgb': ([r, g, b]) => ({ mode: 'a98', r: r ?? 0, g: g ?? 0, b: b ?? 0 }),
  'prophoto-rgb': ([r, g, b]) => ({ mode: 'prophoto', r: r ?? 0, g: g ?? 0, b: b ?? 0 }),
  rec2020: ([r, g, b]) => ({ mode: 'rec2020', r: r ?? 0, g: g ?? 0, b: b ?? 0 }),
  'xyz-d65': ([x, y, z]) => ({ mode: 'xyz65', x: x ?? 0, y: y ?? 0, z: z ?? 0 }),
  'xyz-d50': ([x, y, z]) => ({ mode: 'xyz50', x: x ?? 0, y: y ?? 0, z: z ?? 0 }),
}

const toRgb = converter('rgb')
const inSrgb = inGamut('rgb')
const mapToSrgb = toGamut('rgb', 'oklch')

const channel = (v: number) => Math.round(Math.min(1, Math.max(0, v)) * 255)

// Aliases share their target's value object, so a color met again is converted once.
const converted = new WeakMap<DtcgColor, Rgba8>()

/** The color in 8-bit sRGB. */
export function toRgba8(color: DtcgColor): Rgba8 {
  let rgba = converted.get(color)
  if (rgba === undefined) {
    rgba = convert(color)
    converted.set(color, rgba)
  }
  return rgba
}

function convert(color: DtcgColor): Rgba8 {
  const a = color.alpha ?? 1
  const components = color.components.map((c) => (c === 'none' ? undefined : c)) as Components
  const source = TO_CULORI[color.colorSpace](components)
  let rgb = toRgb(source)
  if (!inSrgb(rgb)) {
    const fallback = color.hex ? parseHex(color.hex) : undefined
    rgb = fallback ? toRgb(fallback) : toRgb(mapToSrgb(source))
  }
  return { r: channel(rgb.r), g: channel(rgb.g), b: channel(rgb.b), a }
}

const hex2 = (n: number) => n.toString(16).padStart(2, '0')

/** `#rrggbb`, lower case. */
export function hex6({ r, g, b }: Rgba8): string {
  return `#${hex2(r)}${hex2(g)}${hex2(b)}`
}

/** `#aarrggbb`, the order Android color resources use. */
export function hex8Argb(color: Rgba8): string {
  return `#${hex2(Math.round(color.a * 255))}${hex6(color).slice(1)}`
}

/** CSS: `#rrggbb` when opaque, else `rgba(r, g, b, a)`. */
export function cssColor(color: Rgba8): string {
  return color.a === 1 ? hex6(color) : `rgba(${color.r}, ${color.g}, ${color.b}, ${color.a})`
}
