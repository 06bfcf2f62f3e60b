/**
 * Property: any CSS color string culori parses, created as a token and exported, comes out as the
 * sRGB color culori itself gives for that string (gamut-mapped the CSS Color 4 way when it lies
 * outside sRGB), to the 8-bit channel, with the same alpha.
 */
import { type Color, colorsNamed, converter, formatHex, inGamut, parse, toGamut } from 'culori'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { exportTokenset, normalizeToken, validateTokens } from '../src/index.ts'

const num = (min: number, max: number) =>
  fc.double({ min, max, noNaN: true, noDefaultInfinity: true }).map((n) => Number(n.toFixed(4)))
const pct = num(0, 100).map((n) => `${n}%`)
const alpha = fc.option(num(0, 1), { nil: undefined })
const withAlpha = (body: string, a: number | undefined, legacy = false) =>
  a === undefined ? body : legacy ? body : `${body} / ${a}`
const fn = (name: string, parts: string[], a: number | undefined) =>
  `${name}(${withAlpha(parts.join(' '), a)})`
const hexDigits = (n: number) =>
  fc.array(fc.constantFrom(...'0123456789abcdefABCDEF'), { minLength: n, maxLength: n })

/** CSS color strings in every syntax culori reads. */
const cssColor = fc.oneof(
  fc.constantFrom(3, 4, 6, 8).chain((n) => hexDigits(n).map((d) => `#${d.join('')}`)),
  fc
    .tuple(num(0, 255), num(0, 255), num(0, 255), alpha)
    .map(([r, g, b, a]) => fn('rgb', [String(r), String(g), String(b)], a)),
  fc.tuple(pct, pct, pct, alpha).map(([r, g, b, a]) => fn('rgb', [r, g, b], a)),
  fc
    .tuple(num(0, 255), num(0, 255), num(0, 255), num(0, 1))
    .map(([r, g, b, a]) => `rgba(${r}, ${g}, ${b}, ${a})`),
  fc.tuple(num(-720, 720), pct, pct, alpha).map(([h, s, l, a]) => fn('hsl', [String(h), s, l], a)),
  fc.tuple(num(0, 360), pct, pct).map(([h, s, l]) => `hsl(${h}, ${s}, ${l})`),
  fc.tuple(num(0, 360), pct, pct, alpha).map(([h, w, b, a]) => fn('hwb', [String(h), w, b], a)),
  fc
    .tuple(num(0, 100), num(-125, 125), num(-125, 125), alpha)
    .map(([l, a, b, al]) => fn('lab', [`${l}%`, String(a), String(b)], al)),
  fc
    .tuple(num(0, 100), num(0, 150), num(0, 360), alpha)
    .map(([l, c, h, a]) => fn('lch', [String(l), String(c), String(h)], a)),
  fc
    .tuple(num(0, 1), num(-0.4, 0.4), num(-0.4, 0.4), alpha)
    .map(([l, a, b, al]) => fn('oklab', [String(l), String(a), String(b)], al)),
  fc
    .tuple(num(0, 100), num(0, 0.4), num(0, 360), alpha)
    .map(([l, c, h, a]) => fn('oklch', [`${l}%`, String(c), String(h)], a)),
  fc
    .tuple(
      fc.constantFrom(
        'srgb',
        'srgb-linear',
        'display-p3',
        'a98-rgb',
        'prophoto-rgb',
        'rec2020',
        'xyz',
        'xyz-d65',
        'xyz-d50',
      ),
      num(0, 1),
      num(0, 1),
      num(0, 1),
      alpha,
    )
    .map(([space, a, b, c, al]) => `color(${withAlpha(`${space} ${a} ${b} ${c}`, al)})`),
  fc.constantFrom(...Object.keys(colorsNamed), 'transparent'),
)

const toRgb = converter('rgb')
const mapToSrgb = toGamut('rgb', 'oklch')
/** culori's sRGB for a color; outside sRGB, mapped to it as CSS Color 4 §13.2 says (in oklch). */
const toSrgb = (color: Color) => {
  const rgb = toRgb(color)
  return inGamut('rgb')(rgb) ? rgb : mapToSrgb(color)
}
const byte = (n: number) => Math.round(n * 255)

/** The color a CSS export holds: `#rrggbb` or `rgba(r, g, b, a)`. */
function exported(css: string): { hex: string; alpha: number } {
  const value = /--c: ([^;]+);/.exec(css)?.[1] ?? ''
  const rgba = /^rgba\((\d+), (\d+), (\d+), ([\d.e-]+)\)$/.exec(value)
  if (!rgba) return { hex: value, alpha: 1 }
  const [r, g, b] = rgba.slice(1, 4).map((n) => Number(n).toString(16).padStart(2, '0'))
  return { hex: `#${r}${g}${b}`, alpha: Number(rgba[4]) }
}

describe('CSS colors round-trip through create and export', () => {
  it('gives the sRGB hex culori gives for the string, for every syntax', () => {
    fc.assert(
      fc.property(cssColor, (text) => {
        const parsed = parse(text)
        fc.pre(parsed !== undefined)
        const created = normalizeToken({ name: 'c', type: 'color', values: { Base: text } })
        if (!created.ok) throw new Error(`${text}: ${JSON.stringify(created.errors)}`)
        const set = { modes: ['Base'], defaultMode: 'Base', tokens: [created.token] }
        expect(validateTokens(set.tokens, { modes: set.modes })).toEqual([])
        const files = exportTokenset(set, 'css', { mode: 'Base' })
        if (!files.ok) throw new Error(JSON.stringify(files.errors))
        const out = exported(files.value[0]?.content ?? '')
        const rgb = toSrgb(parsed as NonNullable<typeof parsed>)
        expect(out.hex, text).toBe(formatHex(rgb))
        expect(out.alpha, text).toBeCloseTo(parsed?.alpha ?? 1, 9)
        // The same channels the export's sRGB conversion rounds to.
        expect(out.hex).toBe(
          `#${[rgb.r, rgb.g, rgb.b]
            .map((c) =>
              byte(Math.min(1, Math.max(0, c)))
                .toString(16)
                .padStart(2, '0'),
            )
            .join('')}`,
        )
      }),
      { numRuns: 2000 },
    )
  })
})
