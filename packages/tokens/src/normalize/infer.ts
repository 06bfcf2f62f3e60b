/**
 * Types for tokens that do not state a DTCG one: the type names of Style Dictionary and Tokens
 * Studio mapped to ours, and the type an untyped value shows by its syntax or by the words of
 * its path (`font.weight.bold: "700"` is a font weight, `space.4: "16px"` a dimension).
 */

import { isTokenType, type JsonValue, type TokenType } from '../types.ts'
import { FONT_WEIGHT_NAMES } from '../values.ts'
import { parseCssColor } from './css-color.ts'
import { readMeasure } from './measure.ts'

/**
 * Type names other tools write, lower-cased without separators → ours. Tokens Studio: sizing,
 * spacing, borderRadius, borderWidth, fontSizes… ; Style Dictionary's CTI categories (size,
 * time, font); CSS-ish names (cubic-bezier, easing).
 */
const TYPE_NAMES: Record<string, TokenType> = {
  color: 'color',
  colour: 'color',
  dimension: 'dimension',
  size: 'dimension',
  sizing: 'dimension',
  spacing: 'dimension',
  space: 'dimension',
  borderradius: 'dimension',
  borderwidth: 'dimension',
  radius: 'dimension',
  paragraphspacing: 'dimension',
  paragraphindent: 'dimension',
  fontsize: 'fontSize',
  fontsizes: 'fontSize',
  lineheight: 'lineHeight',
  lineheights: 'lineHeight',
  letterspacing: 'letterSpacing',
  fontweight: 'fontWeight',
  fontweights: 'fontWeight',
  fontfamily: 'fontFamily',
  fontfamilies: 'fontFamily',
  font: 'fontFamily',
  duration: 'duration',
  time: 'duration',
  cubicbezier: 'cubicBezier',
  easing: 'cubicBezier',
  number: 'number',
  opacity: 'number',
  zindex: 'number',
  boxshadow: 'shadow',
  shadow: 'shadow',
  border: 'border',
  strokestyle: 'strokeStyle',
  typography: 'typography',
  transition: 'transition',
  gradient: 'gradient',
  string: 'string',
  text: 'string',
  content: 'string',
  other: 'string',
  textcase: 'string',
  textdecoration: 'string',
  boolean: 'boolean',
}

/** Type names with no DTCG counterpart, and why. */
const UNTYPEABLE: Record<string, string> = {
  composition: 'Tokens Studio composition tokens bundle CSS properties; DTCG has no such type',
  asset: 'asset tokens (images) have no DTCG type',
  modularscale: 'a modular scale is computed by a build step that is not in the file',
}

const squash = (name: string) => name.toLowerCase().replace(/[\s_-]+/g, '')

/** Our type for a type name another tool wrote, or why there is none. */
export function typeFromName(name: string): { type: TokenType } | { problem: string } {
  if (isTokenType(name)) return { type: name }
  const key = squash(name)
  const type = TYPE_NAMES[key]
  if (type) return { type }
  return {
    problem: UNTYPEABLE[key] ?? `the type "${name}" is not one this product stores`,
  }
}

/** Path words that name a type (checked from the last segment up). */
const PATH_WORDS: [RegExp, TokenType][] = [
  [/^(font)?famil(y|ies)$|^typeface$/, 'fontFamily'],
  [/^(font)?weights?$/, 'fontWeight'],
  [/^lineheights?$|^leading$/, 'lineHeight'],
  [/^letterspacing$|^tracking$/, 'letterSpacing'],
  [/^(font)?sizes?$/, 'dimension'],
  [/^opacit(y|ies)$|^alpha$|^zindex$/, 'number'],
  [/^(box)?shadows?$|^elevations?$/, 'shadow'],
  [/^colou?rs?$|color$/, 'color'],
  [/^durations?$|^time$/, 'duration'],
  [/^easings?$/, 'cubicBezier'],
]

function pathHint(name: string): TokenType | undefined {
  const segments = name.split('.').reverse()
  for (const segment of segments) {
    const word = squash(segment)
    for (const [pattern, type] of PATH_WORDS) if (pattern.test(word)) return type
  }
  return undefined
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v)

const COLOR_SYNTAX = /^(#[0-9a-f]{3,8}|(rgba?|hsla?|hwb|lab|lch|oklab|oklch|color)\(.*\))$/i

/** The type a value's syntax shows, helped by the words of the token's path. */
function typeOfValue(value: JsonValue, hint: TokenType | undefined): TokenType | undefined {
  if (typeof value === 'boolean') return 'boolean'
  if (typeof value === 'number') {
    return hint === 'fontWeight' || hint === 'lineHeight' || hint === 'number' ? hint : 'number'
  }
  if (typeof value === 'string') return typeOfText(value.trim(), hint)
  if (Array.isArray(value)) {
    if (value.length === 4 && value.every((v) => typeof v === 'number')) return 'cubicBezier'
    if (value.length > 0 && value.every((v) => typeof v === 'string')) return 'fontFamily'
    const first = value[0]
    if (isRecord(first) && ('offsetX' in first || 'x' in first)) return 'shadow'
    if (isRecord(first) && 'position' in first && 'color' in first) return 'gradient'
    return undefined
  }
  if (!isRecord(value)) return undefined
  if ('colorSpace' in value) return 'color'
  if ('value' in value && 'unit' in value) {
    return value.unit === 'ms' || value.unit === 's' ? 'duration' : 'dimension'
  }
  if ('fontFamily' in value || 'fontSize' in value) return 'typography'
  if ('offsetX' in value || ('x' in value && 'y' in value)) return 'shadow'
  if ('width' in value && 'style' in value) return 'border'
  if ('duration' in value && 'timingFunction' in value) return 'transition'
  return undefined
}

function typeOfText(text: string, hint: TokenType | undefined): TokenType | undefined {
  if (/^cubic-bezier\(/i.test(text)) return 'cubicBezier'
  if (COLOR_SYNTAX.test(text) && parseCssColor(text)) return 'color'
  const measure = readMeasure(text)
  if (measure) {
    if (measure.unit === 'ms' || measure.unit === 's') return 'duration'
    if (measure.unit === '') {
      return hint === 'fontWeight' || hint === 'lineHeight' || hint === 'number' ? hint : 'number'
    }
    if (hint === 'lineHeight') return 'lineHeight'
    if (measure.unit === '%') return hint === 'number' ? 'number' : undefined
    return hint === 'letterSpacing' ? 'letterSpacing' : 'dimension'
  }
  if (hint === 'fontFamily') return 'fontFamily'
  if (hint === 'fontWeight' && squash(text) in SQUASHED_WEIGHTS) return 'fontWeight'
  if (hint === 'color' && parseCssColor(text)) return 'color'
  if (hint === 'shadow' && /\d/.test(text)) return 'shadow'
  return undefined
}

const SQUASHED_WEIGHTS = Object.fromEntries(
  Object.keys(FONT_WEIGHT_NAMES).map((k) => [squash(k), k]),
)

/** The type an untyped token's value shows, with how it was told; undefined when nothing does. */
export function inferType(
  name: string,
  value: JsonValue,
): { type: TokenType; from: string } | undefined {
  const hint = pathHint(name)
  const type = typeOfValue(value, hint)
  if (type === undefined) return undefined
  return { type, from: hint === type ? 'its name and value' : 'its value' }
}
