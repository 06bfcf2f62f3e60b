/**
 * Numbers with units as people write them (`16px`, `1.5rem`, `-0.5px`, `.25s`, `200ms`) and the
 * DTCG 2025.10 objects they become. DTCG dimensions are px or rem only and durations ms or s.
 */

const MEASURE = /^([+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?)\s*([a-z%]*)$/i

export type Measure = { value: number; unit: string }

/** `16px` → {16, "px"}, `0` → {0, ""}, `12` → {12, ""}; undefined when it is not a number. */
export function readMeasure(text: string): Measure | undefined {
  const match = MEASURE.exec(text.trim())
  if (!match) return undefined
  const value = Number(match[1])
  if (!Number.isFinite(value)) return undefined
  return { value, unit: (match[2] ?? '').toLowerCase() }
}

/** A plain number written as text (`"400"`, `"1.5"`), or undefined. */
export function numericText(text: string): number | undefined {
  const measure = readMeasure(text)
  return measure && measure.unit === '' ? measure.value : undefined
}

/** Units of length CSS defines that DTCG has no dimension unit for, with why they are refused. */
export const RELATIVE_UNITS: Record<string, string> = {
  em: 'relative to the font size of the element it is used on',
  '%': 'relative to whatever property it is used on',
  ex: 'relative to the font',
  ch: 'relative to the font',
  vw: 'relative to the viewport',
  vh: 'relative to the viewport',
  vmin: 'relative to the viewport',
  vmax: 'relative to the viewport',
  dvh: 'relative to the viewport',
  svh: 'relative to the viewport',
  lvh: 'relative to the viewport',
}

/** Absolute CSS units with a fixed number of px (CSS Values 4 §6.2). */
export const PX_PER_UNIT: Record<string, number> = {
  pt: 4 / 3,
  pc: 16,
  in: 96,
  cm: 96 / 2.54,
  mm: 96 / 25.4,
  q: 96 / 101.6,
}
