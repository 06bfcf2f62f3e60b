import { dimensionPoints, durationMs } from '../export/units.ts'
import { FONT_WEIGHT_NAMES } from '../values.ts'
import { fromFigmaColor, toFigmaColor } from './color.ts'
import type { FigmaLiteral, FigmaResolvedType } from './types.ts'

const RESOLVED_TYPE_BY_TOKEN_TYPE: Record<string, FigmaResolvedType> = {
  color: 'COLOR',
  dimension: 'FLOAT',
  fontSize: 'FLOAT',
  lineHeight: 'FLOAT',
  letterSpacing: 'FLOAT',
  fontWeight: 'FLOAT',
  duration: 'FLOAT',
  number: 'FLOAT',
  fontFamily: 'STRING',
  string: 'STRING',
  boolean: 'BOOLEAN',
}

/** Null for the types no Figma variable can hold (composites and cubic Béziers). */
export function resolvedTypeFor(tokenType: string): FigmaResolvedType | null {
  return RESOLVED_TYPE_BY_TOKEN_TYPE[tokenType] ?? null
}

export type LiteralResult = { ok: true; value: FigmaLiteral } | { ok: false; reason: string }

function fail(reason: string): LiteralResult {
  return { ok: false, reason }
}

type Measure = { value: number; unit: string }

function measure(value: unknown, units: readonly string[]): Measure | null {
  if (typeof value !== 'object' || value === null) return null
  const { value: n, unit } = value as Partial<Measure>
  return typeof n === 'number' && typeof unit === 'string' && units.includes(unit)
    ? { value: n, unit }
    : null
}

/** A dimension (or a bare number) in pixels, 1rem = 16px as in our native exports. */
export function dimensionToPx(value: unknown): number | null {
  if (typeof value === 'number') return value
  const dimension = measure(value, ['px', 'rem'])
  return dimension ? dimensionPoints(dimension) : null
}

function durationToMs(value: unknown): number | null {
  const duration = measure(value, ['ms', 's'])
  return duration ? durationMs(duration) : null
}

export function fontWeightToNumber(value: unknown): number | null {
  if (typeof value === 'number') return value
  if (typeof value === 'string') return FONT_WEIGHT_NAMES[value] ?? null
  return null
}

/** A token's literal (non-alias) value as the value of a Figma variable. */
export function toFigmaLiteral(tokenType: string, value: unknown): LiteralResult {
  switch (tokenType) {
    case 'color': {
      const color = toFigmaColor(value)
      return color ? { ok: true, value: color } : fail('colour value not readable')
    }
    case 'dimension':
    case 'fontSize':
    case 'letterSpacing':
    case 'lineHeight': {
      const px = dimensionToPx(value)
      return px === null ? fail(`unit not convertible to pixels`) : { ok: true, value: px }
    }
    case 'duration': {
      const ms = durationToMs(value)
      return ms === null ? fail('duration not readable') : { ok: true, value: ms }
    }
    case 'fontWeight': {
      const weight = fontWeightToNumber(value)
      return weight === null
        ? fail(`unknown font weight ${JSON.stringify(value)}`)
        : { ok: true, value: weight }
    }
    case 'fontFamily': {
      const family = Array.isArray(value) ? value[0] : value
      return typeof family === 'string'
        ? { ok: true, value: family }
        : fail('font family not a string')
    }
    case 'number':
      return typeof value === 'number' ? { ok: true, value } : fail('not a number')
    case 'string':
      return typeof value === 'string' ? { ok: true, value } : fail('not a string')
    case 'boolean':
      return typeof value === 'boolean' ? { ok: true, value } : fail('not a boolean')
    default:
      return fail(`Figma variables cannot hold ${tokenType} tokens`)
  }
}

/**
 * A Figma variable's literal back as a token value of the token's type. `previous` (the value
 * Tokencraft holds) decides the shape where a type has several (a number or a dimension).
 */
export function fromFigmaLiteral(
  tokenType: string,
  literal: FigmaLiteral,
  previous?: unknown,
): unknown {
  if (tokenType === 'color' && typeof literal === 'object') return fromFigmaColor(literal)
  if (typeof literal !== 'number') return literal
  switch (tokenType) {
    case 'dimension':
    case 'fontSize':
    case 'letterSpacing':
    case 'lineHeight':
      return typeof previous === 'number' ? literal : { value: literal, unit: 'px' }
    case 'duration':
      return { value: literal, unit: 'ms' }
    default:
      return literal
  }
}
