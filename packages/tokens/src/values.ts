/**
 * Value shapes of every token type, as the DTCG Format Module 2025.10 defines them (§8 types,
 * §9 composite types; the Color Module for color objects), plus the hosted product's extra types.
 * A value may hold references where the format allows a sub-value: an alias string
 * `{a.b}` or a `{"$ref": "#/…"}` pointer. The checker records each reference with the type the
 * position expects, so that the caller can check the target once every token is known.
 */
import { aliasTarget, isPointerRef, parsePointer } from './references.ts'
import type { TokenType } from './types.ts'

export type ValueReference =
  | { path: string; kind: 'alias'; target: string; expected: TokenType }
  | { path: string; kind: 'pointer'; target: string; within: string[]; expected: TokenType }

export type ValueProblem = { path: string; message: string }

export type ValueCheck = { problems: ValueProblem[]; references: ValueReference[] }
type Out = ValueCheck

export const COLOR_SPACES = [
  'srgb',
  'srgb-linear',
  'hsl',
  'hwb',
  'lab',
  'lch',
  'oklab',
  'oklch',
  'display-p3',
  'a98-rgb',
  'prophoto-rgb',
  'rec2020',
  'xyz-d65',
  'xyz-d50',
] as const
export type ColorSpace = (typeof COLOR_SPACES)[number]

export const FONT_WEIGHT_NAMES: Record<string, number> = {
  thin: 100,
  hairline: 100,
  'extra-light': 200,
  'ultra-light': 200,
  light: 300,
  normal: 400,
  regular: 400,
  book: 400,
  medium: 500,
  'semi-bold': 600,
  'demi-bold': 600,
  bold: 700,
  'extra-bold': 800,
  'ultra-bold': 800,
  black: 900,
  heavy: 900,
  'extra-black': 950,
  'ultra-black': 950,
}

export const STROKE_STYLES = [
  'solid',
  'dashed',
  'dotted',
  'double',
  'groove',
  'ridge',
  'outset',
  'inset',
] as const

const DIMENSION_LIKE: readonly TokenType[] = ['dimension', 'fontSize', 'letterSpacing']

/** Whether a token of type `actual` may be referenced where a value of type `expected` goes. */
export function isCompatibleType(expected: TokenType, actual: TokenType): boolean {
  if (expected === actual) return true
  if (DIMENSION_LIKE.includes(expected) && DIMENSION_LIKE.includes(actual)) return true
  if (expected === 'lineHeight') return actual === 'number' || DIMENSION_LIKE.includes(actual)
  if (expected === 'number') return actual === 'lineHeight'
  return false
}

/** Component ranges per color space (Color Module §4): [min, max] per component, or none. */
const COMPONENT_RANGES: Partial<Record<ColorSpace, [number, number][]>> = {
  srgb: [
    [0, 1],
    [0, 1],
    [0, 1],
  ],
  'srgb-linear': [
    [0, 1],
    [0, 1],
    [0, 1],
  ],
  'display-p3': [
    [0, 1],
    [0, 1],
    [0, 1],
  ],
  'a98-rgb': [
    [0, 1],
    [0, 1],
    [0, 1],
  ],
  'prophoto-rgb': [
    [0, 1],
    [0, 1],
    [0, 1],
  ],
  rec2020: [
    [0, 1],
    [0, 1],
    [0, 1],
  ],
  hsl: [
    [0, 360],
    [0, 100],
    [0, 100],
  ],
  hwb: [
    [0, 360],
    [0, 100],
    [0, 100],
  ],
  lab: [
    [0, 100],
    [-Infinity, Infinity],
    [-Infinity, Infinity],
  ],
  lch: [
    [0, 100],
    [0, Infinity],
    [0, 360],
  ],
  oklab: [
    [0, 1],
    [-Infinity, Infinity],
    [-Infinity, Infinity],
  ],
  oklch: [
    [0, 1],
    [0, Infinity],
    [0, 360],
  ],
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v)
const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v)
/** A value quoted in an error message: short, and never throwing on deep nesting. */
function show(v: unknown): string {
  if (v === undefined) return 'nothing'
  let text: string
  try {
    text = JSON.stringify(v)
  } catch {
    return 'a value nested too deeply to show'
  }
  return text.length > 80 ? `${text.slice(0, 77)}...` : text
}
const join = (path: string, key: string | number) =>
  typeof key === 'number' ? `${path}[${key}]` : path ? `${path}.${key}` : key

/** Records a reference at `path` and returns true, or returns false for a literal. */
function reference(value: unknown, path: string, expected: TokenType, out: Out): boolean {
  const target = aliasTarget(value)
  if (target !== undefined) {
    out.references.push({ path, kind: 'alias', target, expected })
    return true
  }
  if (isPointerRef(value)) {
    const parsed = parsePointer(value.$ref)
    if ('problem' in parsed) out.problems.push({ path, message: parsed.problem })
    else out.references.push({ path, kind: 'pointer', ...parsed, target: parsed.token, expected })
    return true
  }
  return false
}

function checkKeys(
  value: Record<string, unknown>,
  path: string,
  required: readonly string[],
  optional: readonly string[],
  what: string,
  out: Out,
): boolean {
  // Fast path, without allocating: every required key present and nothing else.
  let count = 0
  for (const key in value) {
    if (!required.includes(key) && !optional.includes(key)) {
      count = -1
      break
    }
    count++
  }
  if (count >= required.length && required.every((k) => k in value)) return true
  const missing = required.filter((k) => !(k in value))
  const unknown = Object.keys(value).filter((k) => !required.includes(k) && !optional.includes(k))
  if (missing.length > 0) {
    out.problems.push({ path, message: `${what} is missing ${missing.join(', ')}` })
  }
  if (unknown.length > 0) {
    out.problems.push({
      path,
      message: `${what} has unknown properties ${unknown.join(', ')} (allowed: ${[...required, ...optional].join(', ')})`,
    })
  }
  return missing.length === 0
}

function unitValue(
  value: unknown,
  path: string,
  units: readonly string[],
  what: string,
  out: Out,
): void {
  if (!isObject(value)) {
    out.problems.push({
      path,
      message: `a ${what} must be an object {"value": number, "unit": ${units.map((u) => `"${u}"`).join(' | ')}}, got ${show(value)}`,
    })
    return
  }
  if (!checkKeys(value, path, ['value', 'unit'], [], `the ${what}`, out)) return
  if (!isNumber(value.value)) {
    out.problems.push({
      path: join(path, 'value'),
      message: `must be a number, got ${show(value.value)}`,
    })
  }
  if (typeof value.unit !== 'string' || !units.includes(value.unit)) {
    out.problems.push({
      path: join(path, 'unit'),
      message: `must be ${units.map((u) => `"${u}"`).join(' or ')}, got ${show(value.unit)}`,
    })
  }
}

function color(value: unknown, path: string, out: Out): void {
  if (!isObject(value)) {
    out.problems.push({
      path,
      message: `a color must be an object {"colorSpace", "components", "alpha"?, "hex"?}, got ${show(value)}`,
    })
    return
  }
  if (!checkKeys(value, path, ['colorSpace', 'components'], ['alpha', 'hex'], 'the color', out)) {
    return
  }
  const space = value.colorSpace as ColorSpace
  if (!COLOR_SPACES.includes(space)) {
    out.problems.push({
      path: join(path, 'colorSpace'),
      message: `unknown color space ${show(value.colorSpace)} (one of ${COLOR_SPACES.join(', ')})`,
    })
  }
  const components = value.components
  if (!Array.isArray(components) || components.length !== 3) {
    out.problems.push({
      path: join(path, 'components'),
      message: `must be an array of 3 numbers, got ${show(components)}`,
    })
  } else {
    const ranges = COMPONENT_RANGES[space]
    for (let i = 0; i < 3; i++) {
      const c = components[i]
      const range = ranges?.[i]
      // The common case first: a number within range, checked without building a path.
      if (isNumber(c) && (!range || (c >= range[0] && c <= range[1]))) continue
      const at = join(join(path, 'components'), i)
      if (c === 'none' || reference(c, at, 'number', out)) continue
      if (!isNumber(c)) {
        out.problems.push({ path: at, message: `must be a number or "none", got ${show(c)}` })
      } else if (range) {
        out.problems.push({
          path: at,
          message: `${c} is outside the range [${range[0]}, ${range[1]}] of ${space}`,
        })
      }
    }
  }
  if ('alpha' in value && !reference(value.alpha, join(path, 'alpha'), 'number', out)) {
    if (!isNumber(value.alpha) || value.alpha < 0 || value.alpha > 1) {
      out.problems.push({
        path: join(path, 'alpha'),
        message: `must be a number from 0 to 1, got ${show(value.alpha)}`,
      })
    }
  }
  if ('hex' in value && (typeof value.hex !== 'string' || !/^#[0-9a-fA-F]{6}$/.test(value.hex))) {
    out.problems.push({
      path: join(path, 'hex'),
      message: `must be a 6-digit hex string like "#ff00aa", got ${show(value.hex)}`,
    })
  }
}

function fontFamily(value: unknown, path: string, out: Out): void {
  if (typeof value === 'string' && value.length > 0) return
  if (
    Array.isArray(value) &&
    value.length > 0 &&
    value.every((v) => typeof v === 'string' && v.length > 0)
  ) {
    return
  }
  out.problems.push({
    path,
    message: `a font family must be a name or a non-empty array of names, got ${show(value)}`,
  })
}

function fontWeight(value: unknown, path: string, out: Out): void {
  if (isNumber(value) && value >= 1 && value <= 1000) return
  if (typeof value === 'string' && value in FONT_WEIGHT_NAMES) return
  out.problems.push({
    path,
    message: `a font weight must be a number from 1 to 1000 or one of ${Object.keys(FONT_WEIGHT_NAMES).join(', ')}, got ${show(value)}`,
  })
}

function cubicBezier(value: unknown, path: string, out: Out): void {
  if (!Array.isArray(value) || value.length !== 4 || !value.every(isNumber)) {
    out.problems.push({
      path,
      message: `a cubic Bézier must be an array of 4 numbers [x1, y1, x2, y2], got ${show(value)}`,
    })
    return
  }
  const [x1, , x2] = value as number[]
  if ((x1 as number) < 0 || (x1 as number) > 1 || (x2 as number) < 0 || (x2 as number) > 1) {
    out.problems.push({ path, message: 'x1 and x2 must be between 0 and 1' })
  }
}

function strokeStyle(value: unknown, path: string, out: Out): void {
  if (typeof value === 'string') {
    if (!(STROKE_STYLES as readonly string[]).includes(value)) {
      out.problems.push({
        path,
        message: `a stroke style must be one of ${STROKE_STYLES.join(', ')} or {"dashArray", "lineCap"}, got ${show(value)}`,
      })
    }
    return
  }
  if (!isObject(value)) {
    out.problems.push({
      path,
      message: `a stroke style must be a keyword or {"dashArray", "lineCap"}, got ${show(value)}`,
    })
    return
  }
  if (!checkKeys(value, path, ['dashArray', 'lineCap'], [], 'the stroke style', out)) return
  const dashes = value.dashArray
  if (!Array.isArray(dashes) || dashes.length === 0) {
    out.problems.push({
      path: join(path, 'dashArray'),
      message: `must be a non-empty array of dimensions, got ${show(dashes)}`,
    })
  } else {
    dashes.forEach((d, i) => {
      check('dimension', d, join(join(path, 'dashArray'), i), out)
    })
  }
  if (!['round', 'butt', 'square'].includes(value.lineCap as string)) {
    out.problems.push({
      path: join(path, 'lineCap'),
      message: `must be "round", "butt" or "square", got ${show(value.lineCap)}`,
    })
  }
}

/** A composite: an object whose every property has a type of its own. */
function composite(
  value: unknown,
  path: string,
  what: string,
  fields: Record<string, TokenType>,
  optional: Record<string, TokenType>,
  out: Out,
): void {
  if (!isObject(value)) {
    out.problems.push({
      path,
      message: `${what} must be an object with ${Object.keys(fields).join(', ')}, got ${show(value)}`,
    })
    return
  }
  checkKeys(value, path, Object.keys(fields), Object.keys(optional), what, out)
  for (const [key, type] of Object.entries({ ...fields, ...optional })) {
    if (key in value) check(type, value[key], join(path, key), out)
  }
}

/** The properties of each composite type and the type of each (§9); `inset` is optional. */
export const COMPOSITE_FIELDS = {
  border: { color: 'color', width: 'dimension', style: 'strokeStyle' },
  transition: { duration: 'duration', delay: 'duration', timingFunction: 'cubicBezier' },
  shadow: {
    color: 'color',
    offsetX: 'dimension',
    offsetY: 'dimension',
    blur: 'dimension',
    spread: 'dimension',
    inset: 'boolean',
  },
  gradientStop: { color: 'color', position: 'number' },
  typography: {
    fontFamily: 'fontFamily',
    fontSize: 'dimension',
    fontWeight: 'fontWeight',
    letterSpacing: 'dimension',
    lineHeight: 'lineHeight',
  },
} satisfies Record<string, Record<string, TokenType>>

const { inset: _inset, ...SHADOW_FIELDS } = COMPOSITE_FIELDS.shadow

function shadow(value: unknown, path: string, out: Out): void {
  const layers = Array.isArray(value) ? value : [value]
  if (layers.length === 0) {
    out.problems.push({ path, message: 'a shadow array needs at least one shadow' })
  }
  layers.forEach((layer, i) => {
    const at = Array.isArray(value) ? join(path, i) : path
    composite(layer, at, 'a shadow', SHADOW_FIELDS, { inset: 'boolean' }, out)
  })
}

function gradient(value: unknown, path: string, out: Out): void {
  if (!Array.isArray(value) || value.length === 0) {
    out.problems.push({
      path,
      message: `a gradient must be a non-empty array of {"color", "position"} stops, got ${show(value)}`,
    })
    return
  }
  value.forEach((stop, i) => {
    composite(stop, join(path, i), 'a gradient stop', COMPOSITE_FIELDS.gradientStop, {}, out)
  })
}

function lineHeight(value: unknown, path: string, out: Out): void {
  if (isNumber(value)) return
  if (isObject(value)) {
    unitValue(value, path, ['px', 'rem'], 'line height', out)
    return
  }
  out.problems.push({
    path,
    message: `a line height must be a number (a multiple of the font size) or a dimension, got ${show(value)}`,
  })
}

function primitive(test: (v: unknown) => boolean, expected: string): Checker {
  return (value, path, out) => {
    if (!test(value))
      out.problems.push({ path, message: `must be ${expected}, got ${show(value)}` })
  }
}

type Checker = (value: unknown, path: string, out: Out) => void

const dimension: Checker = (value, path, out) =>
  unitValue(value, path, ['px', 'rem'], 'dimension', out)

/** One checker per type; composite properties are checked with the checker of their type. */
const CHECKERS: Record<TokenType, Checker> = {
  color,
  dimension,
  fontSize: dimension,
  letterSpacing: dimension,
  duration: (value, path, out) => unitValue(value, path, ['ms', 's'], 'duration', out),
  fontFamily,
  fontWeight,
  cubicBezier,
  number: primitive(isNumber, 'a number'),
  lineHeight,
  string: primitive((v) => typeof v === 'string', 'a string'),
  boolean: primitive((v) => typeof v === 'boolean', 'true or false'),
  strokeStyle,
  border: (value, path, out) =>
    composite(value, path, 'a border', COMPOSITE_FIELDS.border, {}, out),
  transition: (value, path, out) =>
    composite(value, path, 'a transition', COMPOSITE_FIELDS.transition, {}, out),
  shadow,
  gradient,
  typography: (value, path, out) =>
    composite(value, path, 'a typography value', COMPOSITE_FIELDS.typography, {}, out),
}

/** Checks `value` as a value of `type` at `path`, recording problems and references. */
function check(type: TokenType, value: unknown, path: string, out: Out): void {
  if (!reference(value, path, type, out)) CHECKERS[type](value, path, out)
}

/**
 * Checks one value of a token type: what is wrong with it (empty when valid) and the references
 * it holds. References are not followed here; `validateTokens` checks their targets.
 */
export function checkValue(
  type: TokenType,
  value: unknown,
): { problems: ValueProblem[]; references: ValueReference[] } {
  const out: Out = { problems: [], references: [] }
  check(type, value, '', out)
  return out
}

/**
 * `checkValue` into `out`, whose arrays the caller empties between values: for checking many
 * values without allocating two arrays for each.
 */
export function checkValueInto(type: TokenType, value: unknown, out: Out): void {
  check(type, value, '', out)
}
