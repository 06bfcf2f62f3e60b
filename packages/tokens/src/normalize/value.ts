/**
 * One value as people and models write it → the DTCG 2025.10 value of its type, with a note for
 * every change made. What is already DTCG passes through untouched (the validator judges it);
 * aliases stay aliases, whole or inside composites. What cannot be read is refused with the
 * reason, never stored as a string.
 */
import { aliasTarget, isPointerRef } from '../references.ts'
import type { JsonObject, JsonValue, TokenType } from '../types.ts'
import { COMPOSITE_FIELDS, FONT_WEIGHT_NAMES, STROKE_STYLES } from '../values.ts'
import { parseCssColor } from './css-color.ts'
import { evaluate, isExpression } from './math.ts'
import { type Measure, numericText, PX_PER_UNIT, RELATIVE_UNITS, readMeasure } from './measure.ts'

export type ValueContext = {
  /**
   * The value a referenced token holds, following whole-value aliases (raw as imported, or as
   * stored): lets `{space.1} * 2` and `{color.base}1A` be computed. Without it such values are
   * refused.
   */
  lookup?: (name: string) => JsonValue | undefined
  /**
   * Arithmetic in text is evaluated in values of every type, string tokens included (`16 / 9`),
   * as Tokens Studio does; otherwise a string token keeps such text as written.
   */
  arithmetic?: boolean
}

export type ValueResult =
  | { ok: true; value: JsonValue; notes: string[] }
  | { ok: false; problem: string }

class Refusal extends Error {}
const refuse = (message: string): never => {
  throw new Refusal(message)
}

type Run = { notes: string[]; ctx: ValueContext }

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v)
const show = (v: unknown) => {
  const text = JSON.stringify(v) ?? String(v)
  return text.length > 60 ? `${text.slice(0, 57)}...` : text
}
const isReference = (v: unknown) => aliasTarget(v) !== undefined || isPointerRef(v)

/** Normalizes `raw` as a value of `type`. */
export function normalizeValue(type: TokenType, raw: unknown, ctx: ValueContext = {}): ValueResult {
  const run: Run = { notes: [], ctx }
  try {
    return { ok: true, value: value(type, raw, run), notes: run.notes }
  } catch (error) {
    if (error instanceof Refusal) return { ok: false, problem: error.message }
    throw error
  }
}

/** The DTCG value of `type` for `raw`: references kept, text read, JSON text parsed. */
function value(type: TokenType, raw: unknown, run: Run): JsonValue {
  if (typeof raw === 'string') {
    const text = raw.trim()
    // Before references: `{"value": 4, "unit": "px"}` has the shape of an alias too.
    const json = jsonText(text)
    if (json !== undefined) {
      run.notes.push(`read the JSON text ${show(text)}`)
      return value(type, json, run)
    }
    if (isReference(text)) {
      if (text !== raw) run.notes.push(`trimmed ${show(raw)}`)
      return text
    }
    if (text !== raw && text !== '') run.notes.push(`trimmed ${show(raw)}`)
    const references = text.includes('{')
    if (isExpression(text)) {
      // Text of a string token is arithmetic only where the source tool says so.
      if (type !== 'string' || references || run.ctx.arithmetic) return computed(type, text, run)
    } else if (references && !COMPOSITES.has(type)) {
      return computed(type, text, run)
    }
    return READERS[type](text, run)
  }
  if (isReference(raw)) return raw as JsonValue
  return READERS[type](raw, run)
}

/** JSON text of an object or array (what a form field or a model sometimes sends). */
function jsonText(text: string): JsonValue | undefined {
  const first = text[0]
  if (first !== '{' && first !== '[') return undefined
  try {
    const parsed = JSON.parse(text) as JsonValue
    return typeof parsed === 'object' && parsed !== null ? parsed : undefined
  } catch {
    return undefined
  }
}

/** Text of a referenced token's value, for references inside a string. */
function referencedText(name: string, run: Run): string {
  const held = run.ctx.lookup?.(name)
  if (held === undefined) refuse(`references {${name}} inside a value, which does not exist`)
  if (typeof held === 'string') return held
  if (typeof held === 'number') return String(held)
  if (isObject(held) && typeof held.value === 'number' && typeof held.unit === 'string') {
    return `${held.value}${held.unit}`
  }
  if (isObject(held) && typeof held.hex === 'string' && held.alpha === undefined) return held.hex
  return refuse(`{${name}} holds ${show(held)}, which cannot be written inside text`)
}

/**
 * A string holding references but not only one: arithmetic (`{space.1} * 2`) is evaluated,
 * other text has the references replaced by their values (`{color.base}1A`). The result is
 * stored: DTCG has no expressions, so the reference is not kept (the note says so).
 */
function computed(type: TokenType, text: string, run: Run): JsonValue {
  const result = computeText(text, run)
  return READERS[type](result, run)
}

/** The number or text a string with references comes to (see `computed`), with a note. */
function computeText(text: string, run: Run): string | number {
  if (isExpression(text)) {
    const result = evaluate(text, (name) => {
      const held = referencedText(name, run)
      return readMeasure(held) ?? `holds "${held}", which is not a number`
    })
    if ('problem' in result) return refuse(`cannot compute ${show(text)}: ${result.problem}`)
    const written = `${result.value}${result.unit}`
    run.notes.push(`computed ${show(text)} = ${written}`)
    return result.unit === '' ? result.value : written
  }
  const replaced = text.replace(/\{([^{}]+)\}/g, (_, name: string) => referencedText(name, run))
  run.notes.push(`replaced the references in ${show(text)}: ${show(replaced)}`)
  return replaced
}

/**
 * What a string holding references comes to, for telling the type of an untyped token:
 * undefined when it holds none, or they cannot be followed.
 */
export function computedText(text: string, ctx: ValueContext): string | number | undefined {
  if (!text.includes('{') || aliasTarget(text.trim()) !== undefined) return undefined
  try {
    return computeText(text.trim(), { notes: [], ctx })
  } catch (error) {
    if (error instanceof Refusal) return undefined
    throw error
  }
}

type Reader = (raw: unknown, run: Run) => JsonValue

/** Types whose CSS shorthand may hold references as parts (`1px solid {color.border}`). */
const COMPOSITES = new Set<TokenType>(['border', 'shadow', 'transition', 'typography'])

function color(raw: unknown, run: Run): JsonValue {
  if (isObject(raw)) return raw as JsonObject
  if (typeof raw !== 'string')
    return refuse(`a color must be a CSS color or a DTCG color object, got ${show(raw)}`)
  const parsed = parseCssColor(raw)
  if (!parsed) {
    return refuse(
      `${show(raw)} is not a CSS color (hex, rgb(), hsl(), oklch(), color(display-p3 …), a named color…)`,
    )
  }
  run.notes.push(
    `${show(raw)} → ${parsed.color.colorSpace} color${parsed.clamped ? ' (out-of-range components clamped as CSS does)' : ''}`,
  )
  return parsed.color as unknown as JsonObject
}

/** A number with a unit as a DTCG measure with one of `units`; a bare number is in `bare`. */
function measure(
  raw: unknown,
  run: Run,
  units: readonly string[],
  bare: string,
  what: string,
): JsonValue {
  if (isObject(raw)) {
    if (typeof raw.value === 'string' && numericText(raw.value) !== undefined && 'unit' in raw) {
      run.notes.push(`the number ${show(raw.value)} read as ${raw.value}`)
      return { ...(raw as JsonObject), value: numericText(raw.value) as number }
    }
    return raw as JsonObject
  }
  if (typeof raw === 'number') {
    run.notes.push(`${raw} without a unit read as ${raw}${bare}`)
    return { value: raw, unit: bare }
  }
  if (typeof raw !== 'string')
    return refuse(`a ${what} must be a number with a unit, got ${show(raw)}`)
  const read = readMeasure(raw)
  if (!read) return refuse(`${show(raw)} is not a ${what} (a number with ${units.join(' or ')})`)
  return fromMeasure(read, raw, run, units, bare, what)
}

function fromMeasure(
  read: Measure,
  raw: string,
  run: Run,
  units: readonly string[],
  bare: string,
  what: string,
): JsonValue {
  if (units.includes(read.unit)) {
    run.notes.push(`${show(raw)} → {"value": ${read.value}, "unit": "${read.unit}"}`)
    return { value: read.value, unit: read.unit }
  }
  if (read.unit === '') {
    run.notes.push(`${show(raw)} without a unit read as ${read.value}${bare}`)
    return { value: read.value, unit: bare }
  }
  if (what === 'dimension') {
    const factor = PX_PER_UNIT[read.unit]
    if (factor !== undefined) {
      const px = Number((read.value * factor).toPrecision(12))
      run.notes.push(`${show(raw)} → ${px}px (1${read.unit} = ${factor.toPrecision(6)}px)`)
      return { value: px, unit: 'px' }
    }
    if (read.value === 0) {
      run.notes.push(`${show(raw)} → 0px`)
      return { value: 0, unit: 'px' }
    }
    const why = RELATIVE_UNITS[read.unit]
    if (why) {
      return refuse(
        `${show(raw)}: DTCG dimensions are px or rem; ${read.unit} is ${why}, so it has no fixed size to store`,
      )
    }
  }
  return refuse(`${show(raw)}: a ${what} takes ${units.join(' or ')}, not "${read.unit}"`)
}

const dimension: Reader = (raw, run) => measure(raw, run, ['px', 'rem'], 'px', 'dimension')
const duration: Reader = (raw, run) => measure(raw, run, ['ms', 's'], 'ms', 'duration')

function number(raw: unknown, run: Run): JsonValue {
  if (typeof raw === 'number') return raw
  if (typeof raw === 'string') {
    const read = readMeasure(raw)
    if (read?.unit === '') {
      run.notes.push(`${show(raw)} → ${read.value}`)
      return read.value
    }
    if (read?.unit === '%') {
      const fraction = Number((read.value / 100).toPrecision(12))
      run.notes.push(`${show(raw)} → ${fraction}`)
      return fraction
    }
  }
  return refuse(`must be a number, got ${show(raw)}`)
}

/** `semiBold`, `Semi Bold`, `semi_bold` → `semibold`, to look up the DTCG keyword. */
const squash = (text: string) => text.toLowerCase().replace(/[\s_-]+/g, '')
const WEIGHT_KEYWORDS = new Map(Object.keys(FONT_WEIGHT_NAMES).map((k) => [squash(k), k]))

function fontWeight(raw: unknown, run: Run): JsonValue {
  if (typeof raw === 'number') return raw
  if (typeof raw === 'string') {
    const numeric = numericText(raw)
    if (numeric !== undefined) {
      run.notes.push(`${show(raw)} → ${numeric}`)
      return numeric
    }
    const keyword = WEIGHT_KEYWORDS.get(squash(raw))
    if (keyword !== undefined) {
      if (keyword !== raw) run.notes.push(`${show(raw)} → "${keyword}"`)
      return keyword
    }
    if (['bolder', 'lighter'].includes(squash(raw))) {
      return refuse(`${show(raw)} is relative to the parent's weight; give a number from 1 to 1000`)
    }
  }
  return refuse(
    `a font weight must be a number from 1 to 1000 or a keyword (${Object.keys(FONT_WEIGHT_NAMES).join(', ')}), got ${show(raw)}`,
  )
}

/** Splits a CSS list at commas outside quotes and parentheses. */
function splitList(text: string, separator = ','): string[] {
  const parts: string[] = []
  let depth = 0
  let quote = ''
  let current = ''
  for (const char of text) {
    if (quote) {
      if (char === quote) quote = ''
    } else if (char === '"' || char === "'") quote = char
    else if (char === '(') depth++
    else if (char === ')') depth--
    else if (depth === 0 && (separator === ' ' ? /\s/.test(char) : char === separator)) {
      if (current.trim() !== '') parts.push(current.trim())
      current = ''
      continue
    }
    current += char
  }
  if (current.trim() !== '') parts.push(current.trim())
  return parts
}

const unquote = (name: string) => name.trim().replace(/^(["'])(.*)\1$/, '$2')

function fontFamily(raw: unknown, run: Run): JsonValue {
  if (Array.isArray(raw) && raw.every((n) => typeof n === 'string')) {
    const names = raw.map(unquote)
    if (names.some((n, i) => n !== raw[i])) run.notes.push('removed the quotes around font names')
    return names
  }
  if (typeof raw !== 'string' || raw.trim() === '') {
    return refuse(`a font family must be a name or a list of names, got ${show(raw)}`)
  }
  const names = splitList(raw).map(unquote)
  if (names.length === 1) {
    if (names[0] !== raw) run.notes.push(`${show(raw)} → "${names[0]}"`)
    return names[0] as string
  }
  run.notes.push(`${show(raw)} → a list of ${names.length} font names`)
  return names
}

/** CSS's easing keywords (CSS Easing 1 §2.2). */
const EASINGS: Record<string, number[]> = {
  linear: [0, 0, 1, 1],
  ease: [0.25, 0.1, 0.25, 1],
  'ease-in': [0.42, 0, 1, 1],
  'ease-out': [0, 0, 0.58, 1],
  'ease-in-out': [0.42, 0, 0.58, 1],
}

function cubicBezier(raw: unknown, run: Run): JsonValue {
  if (Array.isArray(raw)) {
    if (raw.some((n) => typeof n === 'string' && numericText(n) !== undefined)) {
      run.notes.push('read the numbers written as text')
      return raw.map((n) => (typeof n === 'string' ? (numericText(n) ?? n) : n)) as JsonValue
    }
    return raw as JsonValue
  }
  if (typeof raw === 'string') {
    const keyword = EASINGS[raw.toLowerCase()]
    if (keyword) {
      run.notes.push(`${show(raw)} → [${keyword.join(', ')}]`)
      return keyword
    }
    const match = /^cubic-bezier\(([^)]*)\)$/i.exec(raw)
    const numbers = match?.[1]?.split(',').map((n) => numericText(n))
    if (numbers && numbers.length === 4 && numbers.every((n) => n !== undefined)) {
      run.notes.push(`${show(raw)} → [${numbers.join(', ')}]`)
      return numbers as number[]
    }
  }
  return refuse(
    `a cubic Bézier must be [x1, y1, x2, y2], cubic-bezier(…) or an easing keyword, got ${show(raw)}`,
  )
}

function lineHeight(raw: unknown, run: Run): JsonValue {
  if (typeof raw === 'number' || isObject(raw)) return raw as JsonValue
  if (typeof raw === 'string') {
    const read = readMeasure(raw)
    if (read && (read.unit === '' || read.unit === '%' || read.unit === 'em')) {
      const factor = Number((read.unit === '%' ? read.value / 100 : read.value).toPrecision(12))
      run.notes.push(`${show(raw)} → ${factor} (a multiple of the font size)`)
      return factor
    }
    if (read) return fromMeasure(read, raw, run, ['px', 'rem'], 'px', 'dimension')
  }
  return refuse(
    `a line height must be a number (a multiple of the font size) or a dimension, got ${show(raw)}`,
  )
}

function string(raw: unknown, run: Run): JsonValue {
  if (typeof raw === 'string') return raw
  if (typeof raw === 'number' || typeof raw === 'boolean') {
    run.notes.push(`${show(raw)} → "${raw}"`)
    return String(raw)
  }
  return refuse(`must be a string, got ${show(raw)}`)
}

function boolean(raw: unknown, run: Run): JsonValue {
  if (typeof raw === 'boolean') return raw
  if (raw === 'true' || raw === 'false') {
    run.notes.push(`"${raw}" → ${raw}`)
    return raw === 'true'
  }
  return refuse(`must be true or false, got ${show(raw)}`)
}

function strokeStyle(raw: unknown, run: Run): JsonValue {
  if (typeof raw === 'string') {
    const keyword = raw.toLowerCase()
    if ((STROKE_STYLES as readonly string[]).includes(keyword)) {
      if (keyword !== raw) run.notes.push(`${show(raw)} → "${keyword}"`)
      return keyword
    }
    return refuse(`a stroke style must be one of ${STROKE_STYLES.join(', ')}, got ${show(raw)}`)
  }
  if (isObject(raw) && Array.isArray(raw.dashArray)) {
    return {
      ...(raw as JsonObject),
      dashArray: raw.dashArray.map((d) => value('dimension', d, run)),
    }
  }
  return raw as JsonValue
}

/** Each property of a composite normalized as its own type; unknown ones are left for the validator. */
function fields(
  raw: Record<string, unknown>,
  types: Record<string, TokenType>,
  run: Run,
): JsonObject {
  const out: JsonObject = {}
  const read: string[] = []
  for (const [key, item] of Object.entries(raw)) {
    const type = types[key]
    if (!type) {
      out[key] = item as JsonValue
      continue
    }
    // One note for the composite, not one per property.
    const inner: Run = { notes: [], ctx: run.ctx }
    out[key] = value(type, item, inner)
    if (inner.notes.length > 0) read.push(key)
  }
  if (read.length > 0) run.notes.push(`read ${read.join(', ')} as DTCG values`)
  return out
}

/** Classifies the space-separated parts of a CSS shorthand; references fill what is left. */
function shorthandParts(text: string): string[] {
  return splitList(text, ' ')
}

function border(raw: unknown, run: Run): JsonValue {
  if (isObject(raw)) return fields(raw, COMPOSITE_FIELDS.border, run)
  if (typeof raw !== 'string')
    return refuse(`a border must be an object or CSS like "1px solid #000", got ${show(raw)}`)
  const out: Record<string, unknown> = {}
  const references: string[] = []
  for (const part of shorthandParts(raw)) {
    if (isReference(part)) references.push(part)
    else if ((STROKE_STYLES as readonly string[]).includes(part.toLowerCase()) && !out.style)
      out.style = part
    else if (readMeasure(part) && !out.width) out.width = part
    else if (parseCssColor(part) && !out.color) out.color = part
    else return refuse(`cannot read "${part}" in the border ${show(raw)}`)
  }
  fillWithReferences(out, ['width', 'style', 'color'], references, raw)
  run.notes.push(`${show(raw)} → a border object`)
  return fields(out, COMPOSITE_FIELDS.border, run)
}

/** Gives the missing properties the references in order, if they match one for one. */
function fillWithReferences(
  out: Record<string, unknown>,
  order: readonly string[],
  references: string[],
  raw: string,
): void {
  const missing = order.filter((k) => out[k] === undefined)
  if (references.length !== missing.length || missing.length > 1) {
    refuse(
      references.length > missing.length
        ? `${show(raw)} has more parts than a ${order.join(', ')} value`
        : `${show(raw)} does not say its ${missing.join(', ')} (or says it through references that cannot be told apart)`,
    )
  }
  missing.forEach((key, i) => {
    out[key] = references[i]
  })
}

/** Tokens Studio's `boxShadow` members: x, y, blur, spread, color, type (`innerShadow`). */
function shadowLayer(raw: unknown, run: Run): JsonValue {
  if (typeof raw === 'string') return shadowShorthand(raw, run)
  if (!isObject(raw))
    return refuse(`a shadow must be an object or CSS like "0 2px 4px #0003", got ${show(raw)}`)
  const layer: Record<string, unknown> = { ...raw }
  if ('x' in layer || 'y' in layer || 'type' in layer) {
    const renamed: Record<string, unknown> = {}
    for (const [key, item] of Object.entries(layer)) {
      if (key === 'x') renamed.offsetX = item
      else if (key === 'y') renamed.offsetY = item
      else if (key === 'type') {
        if (item === 'innerShadow') renamed.inset = true
        else if (item !== 'dropShadow') return refuse(`unknown shadow type ${show(item)}`)
      } else renamed[key] = item
    }
    run.notes.push('Tokens Studio shadow (x, y, type) → DTCG shadow (offsetX, offsetY, inset)')
    Object.keys(layer).forEach((k) => {
      delete layer[k]
    })
    Object.assign(layer, renamed)
  }
  for (const key of ['blur', 'spread'] as const) {
    if (layer[key] === undefined && layer.offsetX !== undefined) {
      layer[key] = { value: 0, unit: 'px' }
      run.notes.push(`no ${key}: 0px, as in CSS`)
    }
  }
  if (typeof layer.inset === 'string') layer.inset = layer.inset === 'true'
  return fields(layer, COMPOSITE_FIELDS.shadow, run)
}

function shadowShorthand(text: string, run: Run): JsonValue {
  const lengths: string[] = []
  const references: string[] = []
  let color: string | undefined
  let inset = false
  for (const part of shorthandParts(text)) {
    if (part.toLowerCase() === 'inset') inset = true
    else if (readMeasure(part)) lengths.push(part)
    else if (isReference(part)) references.push(part)
    else if (parseCssColor(part) && color === undefined) color = part
    else return refuse(`cannot read "${part}" in the shadow ${show(text)}`)
  }
  if (lengths.length < 2 || lengths.length > 4) {
    return refuse(`${show(text)}: a shadow needs 2 to 4 lengths (x, y, blur, spread)`)
  }
  const out: Record<string, unknown> = {
    offsetX: lengths[0],
    offsetY: lengths[1],
    blur: lengths[2] ?? '0px',
    spread: lengths[3] ?? '0px',
  }
  if (color !== undefined) out.color = color
  fillWithReferences(out, ['color'], references, text)
  if (inset) out.inset = true
  run.notes.push(`${show(text)} → a shadow object`)
  return fields(out, COMPOSITE_FIELDS.shadow, run)
}

function shadow(raw: unknown, run: Run): JsonValue {
  if (typeof raw === 'string') {
    const layers = splitList(raw)
    if (layers.length > 1) return layers.map((layer) => shadowShorthand(layer, run))
    return shadowShorthand(raw, run)
  }
  if (Array.isArray(raw))
    return raw.map((layer) => (isReference(layer) ? (layer as JsonValue) : shadowLayer(layer, run)))
  return shadowLayer(raw, run)
}

function transition(raw: unknown, run: Run): JsonValue {
  if (isObject(raw)) return fields(raw, COMPOSITE_FIELDS.transition, run)
  if (typeof raw !== 'string')
    return refuse(
      `a transition must be an object or CSS like "200ms ease-in-out", got ${show(raw)}`,
    )
  const out: Record<string, unknown> = {}
  for (const part of shorthandParts(raw)) {
    const read = readMeasure(part)
    if (read && (read.unit === 'ms' || read.unit === 's')) {
      if (out.duration === undefined) out.duration = part
      else if (out.delay === undefined) out.delay = part
      else return refuse(`${show(raw)} has more than two durations`)
    } else if (
      out.timingFunction === undefined &&
      (EASINGS[part.toLowerCase()] || /^cubic-bezier\(/i.test(part))
    ) {
      out.timingFunction = part
    } else {
      return refuse(
        `cannot read "${part}" in the transition ${show(raw)} (DTCG transitions name no property)`,
      )
    }
  }
  if (out.duration === undefined) return refuse(`${show(raw)} has no duration`)
  out.delay ??= '0ms'
  out.timingFunction ??= 'ease'
  run.notes.push(`${show(raw)} → a transition object`)
  return fields(out, COMPOSITE_FIELDS.transition, run)
}

/** Typography members Tokens Studio has beside the five DTCG ones. */
const TYPOGRAPHY_EXTRAS = ['paragraphSpacing', 'paragraphIndent', 'textCase', 'textDecoration']

function typography(raw: unknown, run: Run): JsonValue {
  if (typeof raw === 'string') return fontShorthand(raw, run)
  if (!isObject(raw))
    return refuse(`a typography value must be an object or CSS font shorthand, got ${show(raw)}`)
  const out: Record<string, unknown> = {}
  for (const [key, item] of Object.entries(raw)) {
    if (TYPOGRAPHY_EXTRAS.includes(key)) {
      run.notes.push(`dropped ${key} ${show(item)}: DTCG typography has no such property`)
    } else out[key] = item
  }
  if (out.fontWeight === undefined) {
    out.fontWeight = 400
    run.notes.push('no fontWeight: 400 (normal), as in CSS')
  }
  if (out.letterSpacing === undefined) {
    out.letterSpacing = { value: 0, unit: 'px' }
    run.notes.push('no letterSpacing: 0px (normal), as in CSS')
  }
  relativeLetterSpacing(out, run)
  return fields(out, COMPOSITE_FIELDS.typography, run)
}

/** Letter spacing in % or em of a literal font size, turned into the font size's unit. */
function relativeLetterSpacing(out: Record<string, unknown>, run: Run): void {
  if (typeof out.letterSpacing !== 'string') return
  const spacing = readMeasure(out.letterSpacing)
  if (!spacing || (spacing.unit !== '%' && spacing.unit !== 'em') || spacing.value === 0) return
  const size = normalizeValue('dimension', out.fontSize)
  if (!size.ok || !isObject(size.value)) {
    refuse(
      `letterSpacing ${show(out.letterSpacing)} is relative to a font size that is not a literal dimension`,
    )
    return
  }
  const fontSize = size.value as { value: number; unit: string }
  const factor = spacing.unit === '%' ? spacing.value / 100 : spacing.value
  const converted = {
    value: Number((factor * fontSize.value).toPrecision(12)),
    unit: fontSize.unit,
  }
  run.notes.push(
    `letterSpacing ${show(out.letterSpacing)} of ${fontSize.value}${fontSize.unit} → ${converted.value}${converted.unit}`,
  )
  out.letterSpacing = converted
}

/** CSS `font`: [style] [weight] size[/line-height] family (CSS Fonts 4 §2.8). */
function fontShorthand(text: string, run: Run): JsonValue {
  const parts = shorthandParts(text)
  const out: Record<string, unknown> = {}
  let at = 0
  for (; at < parts.length; at++) {
    const part = parts[at] as string
    const [size, height] = part.split('/')
    if (size && readMeasure(size) && readMeasure(size)?.unit !== '') {
      out.fontSize = size
      if (height) out.lineHeight = height
      else if (parts[at + 1]?.startsWith('/')) {
        out.lineHeight = parts[at + 1]?.slice(1) || parts[at + 2]
        at += parts[at + 1] === '/' ? 2 : 1
      }
      at++
      break
    }
    const lower = part.toLowerCase()
    if (lower === 'normal') continue
    if (['italic', 'oblique', 'small-caps'].includes(lower)) {
      return refuse(`${show(text)}: DTCG typography has no font style or variant ("${part}")`)
    }
    out.fontWeight = part
  }
  const family = parts.slice(at).join(' ')
  if (out.fontSize === undefined || family === '') {
    return refuse(`${show(text)} is not CSS font shorthand ([weight] size[/line-height] family)`)
  }
  out.fontFamily = family
  if (out.lineHeight === undefined) {
    return refuse(`${show(text)} has no line height (size/line-height); DTCG typography needs one`)
  }
  run.notes.push(`${show(text)} → a typography object`)
  return typography(out, run)
}

function gradient(raw: unknown, run: Run): JsonValue {
  if (!Array.isArray(raw)) {
    return refuse(
      `a gradient must be a list of {"color", "position"} stops (DTCG gradients have no angle or shape, so CSS gradient text is not read), got ${show(raw)}`,
    )
  }
  return raw.map((stop) => {
    if (!isObject(stop)) return stop as JsonValue
    const out = fields(stop, { color: 'color' }, run)
    if (typeof stop.position === 'string') out.position = number(stop.position, run)
    return out
  })
}

const READERS: Record<TokenType, Reader> = {
  color,
  dimension,
  fontSize: dimension,
  letterSpacing: dimension,
  duration,
  number,
  fontWeight,
  fontFamily,
  cubicBezier,
  lineHeight,
  string,
  boolean,
  strokeStyle,
  border,
  shadow,
  transition,
  typography,
  gradient,
}
