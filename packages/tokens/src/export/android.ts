/**
 * Android resource XML, as Style Dictionary's `android/resources` format writes it:
 * `<color>` as `#AARRGGBB`, `<dimen>` in dp (sp for font sizes and letter spacing) with
 * 1rem = 16, `<string>`, `<bool>`, `<integer>`. Names are snake_case (`colors_primary_500`),
 * which aapt2 accepts, and a whole-tokenset export suffixes the mode (`…_500_light`).
 * A composite value has no resource type: it is written as one resource per property
 * (`typography_body_font_size`, `shadow_card_0_color`).
 */
import { type DtcgColor, hex8Argb, toRgba8 } from '../color.ts'
import { memoizeName, snakeName } from '../naming.ts'
import type { ExportFile, JsonValue, Result, Tokenset, TokenType } from '../types.ts'
import { COMPOSITE_FIELDS, FONT_WEIGHT_NAMES } from '../values.ts'
import { type ExportOptions, nameClashes, prepareExport } from './prepare.ts'
import { dimensionPoints, durationMs } from './units.ts'

export const ANDROID_FILE = 'tokens.xml'

type Obj = Record<string, JsonValue>

/**
 * aapt2 takes `[a-z0-9_]` names that do not start with a digit: accents are dropped
 * (`ünï` → `uni`), any other character becomes `_`, and a leading digit gets `_` before it.
 */
function resourceName(path: readonly string[]): string {
  const name = snakeName(path)
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9_]/g, '_')
  return /^\d/.test(name) || name === '' ? `_${name}` : name
}

export const androidName = memoizeName((tokenName) => resourceName(tokenName.split('.')))

/** Text sizes scale with the user's font size: sp, like `fontSize` tokens. */
const TEXT_SIZES = new Set(['fontSize', 'letterSpacing'])

/** Escapes text for a `<string>` resource: XML entities plus aapt's quotes and leading @/?. */
function stringText(s: string): string {
  if (!/[\\&<>"'\n@?]/.test(s)) return s
  return s
    .replace(/\\/g, '\\\\')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '\\"')
    .replace(/'/g, "\\'")
    .replace(/\n/g, '\\n')
    .replace(/^([@?])/, '\\$1')
}

const dimen = (value: JsonValue, unit: 'dp' | 'sp') => `${dimensionPoints(value).toFixed(2)}${unit}`

/** Where one mode's resources go: their lines (named with the mode suffix) and their names. */
type Sink = { end: string; lines: string[]; names: string[] }

function emit(sink: Sink, element: string, name: string, text: string, attributes = ''): void {
  sink.names.push(name)
  sink.lines.push(`  <${element} name="${name}${sink.end}"${attributes}>${text}</${element}>`)
}

function emitNumber(sink: Sink, name: string, n: number): void {
  if (Number.isInteger(n)) emit(sink, 'integer', name, String(n))
  else emit(sink, 'item', name, String(n), ' type="dimen" format="float"')
}

/** Writes the resources of one value (one, or one per property of a composite). */
function resources(name: string, type: TokenType, value: JsonValue, sink: Sink): void {
  switch (type) {
    case 'color':
      emit(sink, 'color', name, hex8Argb(toRgba8(value as unknown as DtcgColor)))
      break
    case 'dimension':
      emit(sink, 'dimen', name, dimen(value, 'dp'))
      break
    case 'fontSize':
    case 'letterSpacing':
      emit(sink, 'dimen', name, dimen(value, 'sp'))
      break
    case 'lineHeight':
      if (typeof value === 'number') emitNumber(sink, name, value)
      else emit(sink, 'dimen', name, dimen(value, 'sp'))
      break
    case 'number':
      emitNumber(sink, name, value as number)
      break
    case 'fontWeight':
      emitNumber(
        sink,
        name,
        typeof value === 'string' ? (FONT_WEIGHT_NAMES[value] ?? 400) : (value as number),
      )
      break
    case 'duration':
      emitNumber(sink, name, durationMs(value))
      break
    case 'boolean':
      emit(sink, 'bool', name, String(value))
      break
    case 'string':
      emit(sink, 'string', name, stringText(value as string))
      break
    case 'fontFamily':
      emit(
        sink,
        'string',
        name,
        stringText(Array.isArray(value) ? value.join(',') : (value as string)),
      )
      break
    case 'cubicBezier':
      emit(sink, 'string', name, (value as number[]).join(','))
      break
    case 'strokeStyle':
      if (typeof value === 'string') emit(sink, 'string', name, value)
      else fields(name, { dashArray: 'dimension', lineCap: 'string' }, value as Obj, sink)
      break
    case 'border':
    case 'transition':
    case 'typography':
      fields(name, COMPOSITE_FIELDS[type], value as Obj, sink)
      break
    case 'shadow':
      ;(Array.isArray(value) ? value : [value]).forEach((layer, i) => {
        fields(`${name}_${i}`, COMPOSITE_FIELDS.shadow, { inset: false, ...(layer as Obj) }, sink)
      })
      break
    case 'gradient':
      ;(value as Obj[]).forEach((stop, i) => {
        fields(`${name}_${i}`, COMPOSITE_FIELDS.gradientStop, stop, sink)
      })
      break
  }
}

/** `fontSize` → `font_size`: the few property names of composites, split once. */
const propertyName = memoizeName((key) => snakeName([key]))

function fields(name: string, types: Record<string, TokenType>, value: Obj, sink: Sink): void {
  for (const key in types) {
    const type = types[key] as TokenType
    const item = value[key] as JsonValue
    const sub = `${name}_${propertyName(key)}`
    if (TEXT_SIZES.has(key) && type === 'dimension') resources(sub, 'fontSize', item, sink)
    else if (Array.isArray(item) && type === 'dimension') {
      item.forEach((d, i) => {
        resources(`${sub}_${i}`, type, d, sink)
      })
    } else resources(sub, type, item, sink)
  }
}

const HEADER = `<?xml version="1.0" encoding="UTF-8"?>

<!--
  Do not edit directly, this file was generated by Tokencraft.
-->
<resources>
`

export function exportAndroid(set: Tokenset, options: ExportOptions = {}): Result<ExportFile[]> {
  const views = prepareExport(set, options)
  if (!views.ok) return views
  const ordered = [...views.value].sort(
    (a, b) => set.modes.indexOf(a.mode) - set.modes.indexOf(b.mode),
  )
  // A whole-tokenset export puts the mode last (`colors_primary_500_light`, `…_font_size_dark`):
  // names clash across modes only if two modes get the same suffix.
  const lines: string[] = []
  const sinks = ordered.map((view): Sink => {
    const sink = {
      end: options.mode === undefined ? `_${snakeName([view.mode])}` : '',
      lines,
      names: [],
    }
    for (const token of view.tokens)
      resources(androidName(token.name), token.type, token.value, sink)
    return sink
  })
  const clashes = [
    ...nameClashes(
      (sinks[0]?.names ?? []).map((name) => ({ name })),
      (n) => n,
      'Android resource',
    ),
    ...nameClashes(
      ordered.map((v) => ({ name: v.mode })),
      (mode) => snakeName([mode]),
      'Android mode suffix',
    ),
  ]
  if (clashes.length > 0) return { ok: false, errors: clashes }
  const content = `${HEADER}${lines.join('\n')}\n</resources>\n`
  return { ok: true, value: [{ name: ANDROID_FILE, content }] }
}
