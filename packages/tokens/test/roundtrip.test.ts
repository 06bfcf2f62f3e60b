/**
 * Property: any valid tokenset exported as DTCG JSON (with $modes) or as a resolver document
 * with its token files imports back to the same tokens.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  exportJson,
  exportResolver,
  type FlatToken,
  formatTokenError,
  importJson,
  importResolver,
  type JsonValue,
  type Tokenset,
  type TokenType,
  validateTokens,
} from '../src/index.ts'

const unit = fc.double({ min: 0, max: 1, noNaN: true }).map((x) => x + 0)
const num = fc.double({ min: -1e6, max: 1e6, noNaN: true }).map((x) => x + 0)
const dimension = fc.record({ value: num, unit: fc.constantFrom('px', 'rem') })
const duration = fc.record({ value: num, unit: fc.constantFrom('ms', 's') })
const color = fc.oneof(
  fc.record(
    { colorSpace: fc.constant('srgb'), components: fc.tuple(unit, unit, unit), alpha: unit },
    { requiredKeys: ['colorSpace', 'components'] },
  ),
  fc.record({
    colorSpace: fc.constant('oklch'),
    components: fc.tuple(
      unit,
      fc.double({ min: 0, max: 0.4, noNaN: true }),
      fc.constantFrom(0, 90, 'none'),
    ),
  }),
)
const text = fc.string({ maxLength: 12 })
const family = fc.oneof(
  fc.string({ minLength: 1, maxLength: 10 }),
  fc.array(fc.string({ minLength: 1, maxLength: 10 }), { minLength: 1, maxLength: 3 }),
)
const weight = fc.oneof(
  fc.integer({ min: 1, max: 1000 }),
  fc.constantFrom('bold', 'thin', 'regular'),
)
const shadowLayer = fc.record(
  {
    color,
    offsetX: dimension,
    offsetY: dimension,
    blur: dimension,
    spread: dimension,
    inset: fc.boolean(),
  },
  { requiredKeys: ['color', 'offsetX', 'offsetY', 'blur', 'spread'] },
)

const VALUES: Record<TokenType, fc.Arbitrary<unknown>> = {
  color,
  dimension,
  fontSize: dimension,
  letterSpacing: dimension,
  lineHeight: fc.oneof(num, dimension),
  duration,
  number: num,
  fontFamily: family,
  fontWeight: weight,
  cubicBezier: fc.tuple(unit, num, unit, num),
  strokeStyle: fc.oneof(
    fc.constantFrom('solid', 'dashed', 'inset'),
    fc.record({
      dashArray: fc.array(dimension, { minLength: 1, maxLength: 2 }),
      lineCap: fc.constantFrom('round', 'butt'),
    }),
  ),
  border: fc.record({ color, width: dimension, style: fc.constantFrom('solid', 'dotted') }),
  transition: fc.record({
    duration,
    delay: duration,
    timingFunction: fc.tuple(unit, num, unit, num),
  }),
  shadow: fc.oneof(shadowLayer, fc.array(shadowLayer, { minLength: 1, maxLength: 2 })),
  gradient: fc.array(fc.record({ color, position: unit }), { minLength: 1, maxLength: 3 }),
  typography: fc.record({
    fontFamily: family,
    fontSize: dimension,
    fontWeight: weight,
    letterSpacing: dimension,
    lineHeight: num,
  }),
  string: text,
  boolean: fc.boolean(),
}
const TYPES = Object.keys(VALUES) as TokenType[]

const segment = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9 _-]{0,5}$/)
const modeName = fc.constantFrom('light', 'dark', 'High contrast', 'ünï', 'a/b', 'compact~1')

/** A valid tokenset: unique names, aliases only to earlier tokens of the same type. */
const tokenset: fc.Arbitrary<Tokenset> = fc
  .record({
    modes: fc.uniqueArray(modeName, { minLength: 1, maxLength: 3 }),
    names: fc.uniqueArray(
      fc.array(segment, { minLength: 1, maxLength: 3 }).map((s) => s.join('.')),
      {
        minLength: 1,
        maxLength: 12,
      },
    ),
    types: fc.array(fc.constantFrom(...TYPES), { minLength: 12, maxLength: 12 }),
    meta: fc.array(
      fc.record(
        {
          description: text,
          deprecated: fc.oneof(fc.boolean(), text),
          extensions: fc.dictionary(
            fc.constantFrom('com.a', 'org.b'),
            fc.jsonValue({ maxDepth: 2 }).map((v) => JSON.parse(JSON.stringify(v)) as JsonValue),
          ),
        },
        { requiredKeys: [] },
      ),
      { minLength: 12, maxLength: 12 },
    ),
    picks: fc.array(fc.array(fc.nat(), { minLength: 3, maxLength: 3 }), {
      minLength: 12,
      maxLength: 12,
    }),
    values: fc.array(
      fc.array(fc.option(fc.integer({ min: 0, max: 3 }), { nil: undefined }), {
        minLength: 3,
        maxLength: 3,
      }),
      {
        minLength: 12,
        maxLength: 12,
      },
    ),
    literals: fc.array(fc.tuple(...TYPES.map((t) => VALUES[t])), { minLength: 3, maxLength: 3 }),
  })
  .map(({ modes, names, types, meta, picks, values, literals }) => {
    const tokens: FlatToken[] = names.map((name, i) => {
      const type = types[i] as TokenType
      const token: FlatToken = { name, type, values: {}, ...(meta[i] as object) }
      if (token.extensions && Object.keys(token.extensions).length === 0) delete token.extensions
      modes.forEach((mode, m) => {
        const choice = values[i]?.[m]
        // The default mode (first) always has a value; others may not.
        if (m > 0 && choice === undefined) return
        const earlier = names.slice(0, i).filter((_, j) => types[j] === type)
        if ((choice ?? 0) === 0 && earlier.length > 0) {
          token.values[mode] = `{${earlier[(picks[i]?.[m] ?? 0) % earlier.length]}}`
        } else {
          token.values[mode] = (literals[m] as unknown[])[TYPES.indexOf(type)] as JsonValue
        }
      })
      return token
    })
    return { modes, defaultMode: modes[0] as string, tokens }
  })
  .filter(
    (set) =>
      validateTokens(set.tokens, { modes: set.modes, defaultMode: set.defaultMode }).length === 0,
  )

const sorted = (tokens: readonly FlatToken[]) =>
  [...tokens].sort((a, b) => (a.name < b.name ? -1 : 1))
const unwrap = <T>(
  result: { ok: true; value: T } | { ok: false; errors: Parameters<typeof formatTokenError>[0][] },
) => {
  if (!result.ok) throw new Error(result.errors.map(formatTokenError).join('\n'))
  return result.value
}

describe('round trips', () => {
  it('generates sets with aliases, several modes and group tokens', () => {
    const sets = fc.sample(tokenset, { numRuns: 100, seed: 1 })
    const tokens = sets.flatMap((s) => s.tokens)
    const aliases = tokens.filter((t) =>
      Object.values(t.values).some((v) => typeof v === 'string' && v.startsWith('{')),
    )
    expect(sets.length).toBe(100)
    expect(aliases.length).toBeGreaterThan(tokens.length / 20)
    expect(sets.some((s) => s.modes.length === 3)).toBe(true)
    expect(
      sets.some((s) => s.tokens.some((a) => s.tokens.some((b) => b.name.startsWith(`${a.name}.`)))),
    ).toBe(true)
  })

  it('json export then import gives back the same tokenset', () => {
    fc.assert(
      fc.property(tokenset, (set) => {
        const files = unwrap(exportJson(set))
        const back = unwrap(importJson((files[0] as { content: string }).content))
        expect(back.modes).toEqual(set.modes)
        expect(back.defaultMode).toBe(set.defaultMode)
        expect(sorted(back.tokens)).toEqual(sorted(set.tokens))
      }),
      { numRuns: 100 },
    )
  })

  it('a single mode exported as a plain document imports back into that mode', () => {
    fc.assert(
      fc.property(tokenset, (set) => {
        const mode = set.defaultMode
        const files = unwrap(exportJson(set, { mode }))
        const back = unwrap(importJson((files[0] as { content: string }).content, { mode }))
        const only = set.tokens.map((t) => ({
          ...t,
          values: { [mode]: t.values[mode] as JsonValue },
        }))
        expect(sorted(back.tokens)).toEqual(sorted(only))
      }),
      { numRuns: 100 },
    )
  })

  it('resolver export then import gives back the tokenset, every mode filled from the default', () => {
    fc.assert(
      fc.property(tokenset, (set) => {
        const files = unwrap(exportResolver(set))
        const back = unwrap(
          importResolver(Object.fromEntries(files.map((f) => [f.name, f.content]))),
        )
        const filled = set.tokens.map((t) => ({
          ...t,
          values: Object.fromEntries(
            set.modes.map((m) => [m, t.values[m] ?? (t.values[set.defaultMode] as JsonValue)]),
          ),
        }))
        expect(back.modes).toEqual(set.modes)
        expect(back.defaultMode).toBe(set.defaultMode)
        expect(sorted(back.tokens)).toEqual(sorted(filled))
      }),
      { numRuns: 100 },
    )
  })
})
