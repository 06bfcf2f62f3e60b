/**
 * Token values as CSS, the way Style Dictionary's `css` transform group writes them (color/css,
 * fontFamily/css, cubicBezier/css and the border, shadow, typography and transition shorthands).
 * `sub` writes a nested value; the CSS exporter passes one that turns aliases into `var(--…)`.
 */
import { cssColor, type DtcgColor, toRgba8 } from '../color.ts'
import type { JsonValue, TokenType } from '../types.ts'
import { FONT_WEIGHT_NAMES } from '../values.ts'

type Obj = Record<string, JsonValue>
export type Sub = (type: TokenType, value: JsonValue) => string

const unitValue = (v: JsonValue) => `${(v as Obj).value}${(v as Obj).unit}`

/** Quotes a family name with spaces, as Style Dictionary's fontFamily/css does. */
function family(name: string): string {
  const trimmed = name.trim()
  const quoted = /^(['"]).*\1$/.test(trimmed)
  const escaped = quoted ? trimmed : trimmed.replace(/'/g, "\\'")
  return /\s/.test(escaped) && !quoted ? `'${escaped}'` : escaped
}

/**
 * A string as Style Dictionary writes it (as is), unless it would end the declaration or the
 * rule (`;`, braces, a newline, an unmatched quote): then it is a quoted CSS string.
 */
function cssString(text: string): string {
  const even = (quote: RegExp) => (text.match(quote)?.length ?? 0) % 2 === 0
  if (!/[;{}\n\r\\]/.test(text) && even(/"/g) && even(/'/g)) return text
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\a ').replace(/\r/g, '')}"`
}

export function cssLiteral(type: TokenType, value: JsonValue, sub: Sub): string {
  switch (type) {
    case 'color':
      return cssColor(toRgba8(value as unknown as DtcgColor))
    case 'dimension':
    case 'fontSize':
    case 'letterSpacing':
    case 'duration':
      return unitValue(value)
    case 'lineHeight':
      return typeof value === 'number' ? String(value) : unitValue(value)
    case 'number':
    case 'boolean':
      return String(value)
    case 'string':
      return cssString(value as string)
    case 'fontWeight':
      return String(typeof value === 'string' ? FONT_WEIGHT_NAMES[value] : value)
    case 'fontFamily': {
      const names = Array.isArray(value) ? (value as string[]) : (value as string).split(',')
      return names.map(family).join(', ')
    }
    case 'cubicBezier':
      return `cubic-bezier(${(value as number[]).join(', ')})`
    case 'strokeStyle':
      // CSS cannot draw a dash array or line caps: DTCG's fallback for an object is `dashed`.
      return typeof value === 'string' ? value : 'dashed'
    case 'border': {
      const v = value as Obj
      return `${sub('dimension', v.width as JsonValue)} ${sub('strokeStyle', v.style as JsonValue)} ${sub('color', v.color as JsonValue)}`
    }
    case 'shadow': {
      const layers = (Array.isArray(value) ? value : [value]) as Obj[]
      return layers
        .map((l) =>
          [
            l.inset === true ? 'inset' : '',
            sub('dimension', l.offsetX as JsonValue),
            sub('dimension', l.offsetY as JsonValue),
            sub('dimension', l.blur as JsonValue),
            sub('dimension', l.spread as JsonValue),
            sub('color', l.color as JsonValue),
          ]
            .filter(Boolean)
            .join(' '),
        )
        .join(', ')
    }
    case 'transition': {
      const v = value as Obj
      return `${sub('duration', v.duration as JsonValue)} ${sub('cubicBezier', v.timingFunction as JsonValue)} ${sub('duration', v.delay as JsonValue)}`
    }
    case 'gradient': {
      const stops = (value as Obj[]).map((s) => {
        const position = s.position
        const at =
          typeof position === 'number'
            ? `${Math.round(Math.min(1, Math.max(0, position)) * 10000) / 100}%`
            : `calc(${sub('number', position as JsonValue)} * 100%)`
        return `${sub('color', s.color as JsonValue)} ${at}`
      })
      return `linear-gradient(${stops.join(', ')})`
    }
    case 'typography': {
      const v = value as Obj
      return `${sub('fontWeight', v.fontWeight as JsonValue)} ${sub('dimension', v.fontSize as JsonValue)}/${sub('lineHeight', v.lineHeight as JsonValue)} ${sub('fontFamily', v.fontFamily as JsonValue)}`
    }
  }
}
