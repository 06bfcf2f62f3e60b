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
import { type ExportOptions, type ModeView, nameClashes, prepareExport } from './prepare.ts'
import { dimensionPoints, durationMs } from './units.ts'

export const ANDROID_FILE = 'tokens.xml'

type Obj = Record<string, JsonValue>
type Resource = { name: string; element: string; attributes?: string; text: string }

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

function numberResource(name: string, n: number): Resource {
  return Number.isInteger(n)
    ? { name, element: 'integer', text: String(n) }
    : { name, element: 'item', attributes: ' type="dimen" format="float"', text: String(n) }
}

/** Appends the resources of one value to `out` (one, or one per property of a composite). */
function resources(name: string, type: TokenType, value: JsonValue, out: Resource[]): void {
  switch (type) {
    case 'color':
      out.push({ name, element: 'color', text: hex8Argb(toRgba8(value as unknown as DtcgColor)) })
      return
    case 'dimension':
      out.push({ name, element: 'dimen', text: dimen(value, 'dp') })
      return
    case 'fontSize':
    case 'letterSpacing':
      out.push({ name, element: 'dimen', text: dimen(value, 'sp') })
      return
    case 'lineHeight':
      out.push(
        typeof value === 'number'
          ? numberResource(name, value)
          : { name, element: 'dimen', text: dimen(value, 'sp') },
      )
      return
    case 'number':
      out.push(numberResource(name, value as number))
      return
    case 'fontWeight':
      out.push(
        numberResource(
          name,
          typeof value === 'string' ? (FONT_WEIGHT_NAMES[value] ?? 400) : (value as number),
        ),
      )
      return
    case 'duration':
      out.push(numberResource(name, durationMs(value)))
      return
    case 'boolean':
      out.push({ name, element: 'bool', text: String(value) })
      return
    case 'string':
      out.push({ name, element: 'string', text: stringText(value as string) })
      return
    case 'fontFamily':
      out.push({
        name,
        element: 'string',
        text: stringText(Array.isArray(value) ? value.join(',') : (value as string)),
      })
      return
    case 'cubicBezier':
      out.push({ name, element: 'string', text: (value as number[]).join(',') })
      return
    case 'strokeStyle':
      if (typeof value === 'string') out.push({ name, element: 'string', text: value })
      else fields(name, { dashArray: 'dimension', lineCap: 'string' }, value as Obj, out)
      return
    case 'border':
    case 'transition':
    case 'typography':
      fields(name, COMPOSITE_FIELDS[type], value as Obj, out)
      return
    case 'shadow':
      ;(Array.isArray(value) ? value : [value]).forEach((layer, i) => {
        fields(`${name}_${i}`, COMPOSITE_FIELDS.shadow, { inset: false, ...(layer as Obj) }, out)
      })
      return
    case 'gradient':
      ;(value as Obj[]).forEach((stop, i) => {
        fields(`${name}_${i}`, COMPOSITE_FIELDS.gradientStop, stop, out)
      })
      return
  }
}

function fields(name: string, types: Record<string, TokenType>, value: Obj, out: Resource[]): void {
  for (const [key, type] of Object.entries(types)) {
    const item = value[key] as JsonValue
    const sub = `${name}_${snakeName([key])}`
    if (TEXT_SIZES.has(key) && type === 'dimension') resources(sub, 'fontSize', item, out)
    else if (Array.isArray(item) && type === 'dimension') {
      item.forEach((d, i) => {
        resources(`${sub}_${i}`, type, d, out)
      })
    } else resources(sub, type, item, out)
  }
}

function modeResources(view: ModeView): Resource[] {
  const out: Resource[] = []
  for (const token of view.tokens) resources(androidName(token.name), token.type, token.value, out)
  return out
}

export function exportAndroid(set: Tokenset, options: ExportOptions = {}): Result<ExportFile[]> {
  const views = prepareExport(set, options)
  if (!views.ok) return views
  const ordered = [...views.value].sort(
    (a, b) => set.modes.indexOf(a.mode) - set.modes.indexOf(b.mode),
  )
  const perMode = ordered.map(modeResources)
  // A whole-tokenset export puts the mode last (`colors_primary_500_light`, `…_font_size_dark`):
  // names clash across modes only if two modes get the same suffix.
  const suffixes = options.mode === undefined ? ordered.map((v) => `_${snakeName([v.mode])}`) : ['']
  const clashes = [
    ...nameClashes(perMode[0] ?? [], (n) => n, 'Android resource'),
    ...nameClashes(
      ordered.map((v) => ({ name: v.mode })),
      (mode) => snakeName([mode]),
      'Android mode suffix',
    ),
  ]
  if (clashes.length > 0) return { ok: false, errors: clashes }
  const lines: string[] = []
  perMode.forEach((list, m) => {
    const end = suffixes[m] ?? ''
    for (const r of list) {
      lines.push(
        `  <${r.element} name="${r.name}${end}"${r.attributes ?? ''}>${r.text}</${r.element}>`,
      )
    }
  })
  const content = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '',
    '<!--',
    '  Do not edit directly, this file was generated by Tokencraft.',
    '-->',
    '<resources>',
    ...lines,
    '</resources>',
    '',
  ].join('\n')
  return { ok: true, value: [{ name: ANDROID_FILE, content }] }
}
