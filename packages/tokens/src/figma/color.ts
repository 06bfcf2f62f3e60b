import { formatHex } from 'culori'
import { type DtcgColor, toRgba8 } from '../color.ts'
import { COLOR_SPACES } from '../values.ts'
import type { FigmaRgba } from './types.ts'

function isDtcgColor(value: unknown): value is DtcgColor {
  const color = value as DtcgColor
  return (
    typeof value === 'object' &&
    value !== null &&
    (COLOR_SPACES as readonly string[]).includes(color.colorSpace) &&
    Array.isArray(color.components)
  )
}

/**
 * A DTCG colour value as Figma's RGBA, channels 0..1. Figma variables hold sRGB only, so the
 * colour goes through the same sRGB conversion (and gamut mapping) as our exports. Null when
 * the value is not a colour.
 */
export function toFigmaColor(value: unknown): FigmaRgba | null {
  if (!isDtcgColor(value)) return null
  const { r, g, b, a } = toRgba8(value)
  return { r: r / 255, g: g / 255, b: b / 255, a }
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
