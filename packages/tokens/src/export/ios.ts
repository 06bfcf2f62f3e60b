/**
 * Swift: `enum DesignTokens` with one nested enum per kind of value (`enum Color` of
 * `UIColor(red:green:blue:alpha:)`, `enum Dimension` of `CGFloat`, …), and for a whole tokenset
 * one enum per mode around them. Values agree with Style Dictionary's `ios-swift` transform
 * group: colors through 8-bit sRGB to three decimals, dimensions in points with 1rem = 16pt.
 */
import { type DtcgColor, toRgba8 } from '../color.ts'
import { camelName, memoizeName, pascalName } from '../naming.ts'
import type { ExportFile, JsonValue, Result, Tokenset, TokenType } from '../types.ts'
import { COMPOSITE_FIELDS, FONT_WEIGHT_NAMES } from '../values.ts'
import { type ExportOptions, type ModeView, nameClashes, prepareExport } from './prepare.ts'
import { dimensionPoints, durationMs } from './units.ts'

export const IOS_FILE = 'DesignTokens.swift'

type Obj = Record<string, JsonValue>

/** Swift keywords that need backticks as identifiers. */
const KEYWORDS = new Set(
  'associatedtype class deinit enum extension fileprivate func import init inout internal let open operator private precedencegroup protocol public rethrows static struct subscript typealias var break case catch continue default defer do else fallthrough for guard if in repeat return throw switch where while Any as await false is nil self Self super throws true try'.split(
    ' ',
  ),
)

function identifier(name: string): string {
  const id = /^\d/.test(name) ? `_${name}` : name || '_'
  return KEYWORDS.has(id) ? `\`${id}\`` : id
}

export const swiftName = memoizeName((tokenName) => identifier(camelName(tokenName.split('.'))))

const fixed = (n: number, digits: number) => n.toFixed(digits)
const swiftString = (s: string) =>
  `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n').replace(/\r/g, '\\r')}"`

function uiColor(value: JsonValue): string {
  const { r, g, b, a } = toRgba8(value as unknown as DtcgColor)
  return `UIColor(red: ${fixed(r / 255, 3)}, green: ${fixed(g / 255, 3)}, blue: ${fixed(b / 255, 3)}, alpha: ${a})`
}

const weight = (v: JsonValue) =>
  typeof v === 'string' ? (FONT_WEIGHT_NAMES[v] ?? 400) : (v as number)

/** The bare number of a plain numeric value (`16.00`, `0.15`), or undefined for the others. */
function numeral(type: TokenType, value: JsonValue): string | undefined {
  switch (type) {
    case 'dimension':
    case 'fontSize':
    case 'letterSpacing':
      return fixed(dimensionPoints(value), 2)
    case 'lineHeight':
    case 'number':
      return typeof value === 'number' ? String(value) : fixed(dimensionPoints(value), 2)
    case 'fontWeight':
      return String(weight(value))
    case 'duration':
      return String(durationMs(value) / 1000)
    default:
      return undefined
  }
}

/** A Swift expression for a value of `type`, usable anywhere (also inside tuples). */
function expression(type: TokenType, value: JsonValue): string {
  switch (type) {
    case 'color':
      return uiColor(value)
    case 'dimension':
    case 'fontSize':
    case 'letterSpacing':
    case 'lineHeight':
    case 'number':
    case 'fontWeight':
      return `CGFloat(${numeral(type, value)})`
    case 'duration':
      return `TimeInterval(${numeral(type, value)})`
    case 'fontFamily':
      return `[${(Array.isArray(value) ? (value as string[]) : [value as string]).map(swiftString).join(', ')}]`
    case 'cubicBezier':
      return `CAMediaTimingFunction(controlPoints: ${(value as number[]).join(', ')})`
    case 'string':
      return swiftString(value as string)
    case 'boolean':
      return String(value)
    case 'strokeStyle':
      return typeof value === 'string'
        ? swiftString(value)
        : `(dashArray: [${((value as Obj).dashArray as JsonValue[]).map((d) => expression('dimension', d)).join(', ')}], lineCap: ${swiftString((value as Obj).lineCap as string)})`
    case 'border':
    case 'transition':
    case 'typography':
      return tuple(COMPOSITE_FIELDS[type], value as Obj)
    case 'shadow':
      return `[${(Array.isArray(value) ? value : [value]).map((l) => tuple(COMPOSITE_FIELDS.shadow, { inset: false, ...(l as Obj) })).join(', ')}]`
    case 'gradient':
      return `[${(value as Obj[]).map((s) => tuple(COMPOSITE_FIELDS.gradientStop, s)).join(', ')}]`
  }
}

function tuple(fields: Record<string, TokenType>, value: Obj): string {
  const parts = Object.entries(fields).map(
    ([key, type]) => `${key}: ${expression(type, value[key] as JsonValue)}`,
  )
  return `(${parts.join(', ')})`
}

/** The enum a type's constants go in, and the declared type when a bare literal is written. */
const GROUPS: Record<TokenType, { name: string; declared?: string }> = {
  color: { name: 'Color' },
  dimension: { name: 'Dimension', declared: 'CGFloat' },
  fontSize: { name: 'Dimension', declared: 'CGFloat' },
  letterSpacing: { name: 'Dimension', declared: 'CGFloat' },
  lineHeight: { name: 'Number', declared: 'CGFloat' },
  number: { name: 'Number', declared: 'CGFloat' },
  fontWeight: { name: 'FontWeight', declared: 'CGFloat' },
  duration: { name: 'Duration', declared: 'TimeInterval' },
  fontFamily: { name: 'FontFamily' },
  cubicBezier: { name: 'CubicBezier' },
  string: { name: 'Text' },
  boolean: { name: 'Boolean' },
  strokeStyle: { name: 'StrokeStyle' },
  border: { name: 'Border' },
  transition: { name: 'Transition' },
  typography: { name: 'Typography' },
  shadow: { name: 'Shadow' },
  gradient: { name: 'Gradient' },
}

/** `static let x: CGFloat = 16.00` for plain numbers, `static let x = <expression>` otherwise. */
function declaration(type: TokenType, name: string, value: JsonValue): string {
  const declared = GROUPS[type].declared
  const bare = declared ? numeral(type, value) : undefined
  return bare !== undefined
    ? `public static let ${name}: ${declared} = ${bare}`
    : `public static let ${name} = ${expression(type, value)}`
}

function enums(view: ModeView, indent: string): string[] {
  const groups = new Map<string, string[]>()
  for (const token of view.tokens) {
    const group = GROUPS[token.type].name
    const lines = groups.get(group) ?? []
    const description = token.token.description
    if (description) {
      for (const line of description.split('\n')) lines.push(`/// ${line}`)
    }
    lines.push(declaration(token.type, swiftName(token.name), token.value))
    groups.set(group, lines)
  }
  const out: string[] = []
  for (const group of [...groups.keys()].sort()) {
    out.push(`${indent}public enum ${group} {`)
    for (const line of groups.get(group) ?? []) out.push(`${indent}    ${line}`)
    out.push(`${indent}}`)
  }
  return out
}

const modeEnum = (mode: string) => identifier(pascalName([mode]))

export function exportIos(set: Tokenset, options: ExportOptions = {}): Result<ExportFile[]> {
  const views = prepareExport(set, options)
  if (!views.ok) return views
  const clashes = [
    ...nameClashes(views.value[0]?.tokens ?? [], swiftName, 'Swift'),
    ...nameClashes(
      set.modes.map((name) => ({ name })),
      modeEnum,
      'Swift enum',
    ),
  ]
  if (clashes.length > 0) return { ok: false, errors: clashes }
  const body: string[] =
    options.mode !== undefined
      ? enums(views.value[0] as ModeView, '    ')
      : [...views.value]
          .sort((a, b) => set.modes.indexOf(a.mode) - set.modes.indexOf(b.mode))
          .flatMap((view) => [
            `    public enum ${modeEnum(view.mode)} {`,
            ...enums(view, '        '),
            '    }',
          ])
  const content = [
    '//',
    `// ${IOS_FILE}`,
    '//',
    '// Do not edit directly, this file was generated by Tokencraft.',
    '//',
    '',
    'import UIKit',
    '',
    'public enum DesignTokens {',
    ...body,
    '}',
    '',
  ].join('\n')
  return { ok: true, value: [{ name: IOS_FILE, content }] }
}
