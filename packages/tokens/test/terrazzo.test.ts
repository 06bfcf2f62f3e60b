/**
 * Conformance against @terrazzo/parser (with its recommended validation rules) over a corpus:
 * what Terrazzo refuses we refuse; what it accepts we accept with the same resolved values,
 * except the documents listed in STRICTER, which break a rule of the 2025.10 format that
 * Terrazzo does not check (each with the rule).
 */
import { defineConfig, Logger, parse, RECOMMENDED_CONFIG } from '@terrazzo/parser'
import { describe, expect, it } from 'vitest'
import {
  COMPOSITE_FIELDS,
  FONT_WEIGHT_NAMES,
  type JsonValue,
  parseDocument,
  resolveTokens,
  type TokenType,
} from '../src/index.ts'
import { INVALID, ms, px, srgb, VALID } from './support/examples.ts'

const config = defineConfig(
  { lint: { rules: { ...RECOMMENDED_CONFIG, 'core/consistent-naming': 'off' } } },
  { cwd: new URL('file:///tmp/') },
)

type Outcome = { ok: true; values: Record<string, JsonValue> } | { ok: false }

async function terrazzo(document: unknown): Promise<Outcome> {
  try {
    const { tokens } = await parse(
      [{ filename: new URL('file:///tmp/tokens.json'), src: JSON.stringify(document) }],
      {
        config,
        logger: new Logger({ level: 'silent' }),
      },
    )
    const values: Record<string, JsonValue> = {}
    for (const [id, token] of Object.entries(tokens))
      values[id] = normalize(token.$type as TokenType, token.$value as JsonValue)
    return { ok: true, values }
  } catch {
    return { ok: false }
  }
}

function ours(document: unknown): Outcome {
  const parsed = parseDocument(document)
  if (!parsed.ok) return { ok: false }
  const resolved = resolveTokens(parsed.value, 'Base')
  if (!resolved.ok) return { ok: false }
  const values: Record<string, JsonValue> = {}
  for (const token of resolved.value.values())
    values[token.name] = normalize(token.type, token.value)
  return { ok: true, values }
}

/** Terrazzo's normal forms: alpha 1 when absent, font family stacks, shadows as layers. */
function normalize(type: TokenType, value: JsonValue): JsonValue {
  const v = value as Record<string, JsonValue>
  const fields = (table: Record<string, TokenType>, obj: Record<string, JsonValue>) =>
    Object.fromEntries(
      Object.entries(obj).map(([k, x]) => [k, table[k] ? normalize(table[k] as TokenType, x) : x]),
    )
  switch (type) {
    case 'color':
      return { ...v, alpha: v.alpha ?? 1 }
    case 'fontWeight':
      // Terrazzo resolves weight keywords to numbers; we keep what was written (and map it when
      // exporting).
      return typeof value === 'string' ? (FONT_WEIGHT_NAMES[value] as number) : value
    case 'fontFamily':
      return Array.isArray(value) ? value : [value]
    case 'shadow':
      return (Array.isArray(value) ? value : [value]).map((l) =>
        fields(COMPOSITE_FIELDS.shadow, { inset: false, ...(l as Record<string, JsonValue>) }),
      )
    case 'gradient':
      return (value as Record<string, JsonValue>[]).map((s) =>
        fields(COMPOSITE_FIELDS.gradientStop, s),
      )
    case 'border':
    case 'transition':
    case 'typography':
      return fields(COMPOSITE_FIELDS[type], v)
    default:
      return value
  }
}

const CORPUS: Record<string, unknown> = {
  ...Object.fromEntries(
    Object.entries(VALID).map(([k, e]) => [
      `valid ${k}`,
      { t: { $type: e.type, $value: e.value } },
    ]),
  ),
  ...Object.fromEntries(
    Object.entries(INVALID).map(([k, e]) => [
      `invalid ${k}`,
      { t: { $type: e.type, $value: e.value } },
    ]),
  ),
  'group $type inheritance': {
    color: { $type: 'color', a: { $value: srgb(1, 0, 0) }, deep: { b: { $value: srgb(0, 1, 0) } } },
  },
  'alias chain': {
    n: { $type: 'number', a: { $value: 1 }, b: { $value: '{n.a}' }, c: { $value: '{n.b}' } },
  },
  'aliases inside composites': {
    c: { $type: 'color', $value: srgb(0.1, 0.2, 0.3) },
    w: { $type: 'dimension', $value: px(2) },
    d: { $type: 'duration', $value: ms(120) },
    b: { $type: 'border', $value: { color: '{c}', width: '{w}', style: 'dashed' } },
    t: {
      $type: 'transition',
      $value: { duration: '{d}', delay: ms(0), timingFunction: [0, 0, 1, 1] },
    },
    s: {
      $type: 'shadow',
      $value: { color: '{c}', offsetX: '{w}', offsetY: px(1), blur: px(2), spread: px(0) },
    },
    g: {
      $type: 'gradient',
      $value: [
        { color: '{c}', position: 0 },
        { color: srgb(1, 1, 1), position: 1 },
      ],
    },
  },
  '$root tokens': {
    accent: {
      $type: 'color',
      $root: { $value: srgb(0, 0, 1) },
      light: { $value: srgb(0.5, 0.5, 1) },
    },
    use: { $type: 'color', $value: '{accent.$root}' },
  },
  $extends: {
    base: { $type: 'number', x: { $value: 1 }, y: { $value: 2 } },
    derived: { $extends: '{base}', y: { $value: 3 } },
  },
  '$ref pointer to a whole value': {
    a: { $type: 'number', $value: 4 },
    b: { $type: 'number', $value: { $ref: '#/a/$value' } },
  },
  '$ref pointer into a value': {
    blue: { $type: 'color', $value: srgb(0, 0.4, 0.8) },
    part: {
      $type: 'color',
      $value: { colorSpace: 'srgb', components: [{ $ref: '#/blue/$value/components/1' }, 0, 0] },
    },
  },
  'description, deprecated, extensions': {
    t: {
      $type: 'number',
      $value: 1,
      $description: 'd',
      $deprecated: 'use u',
      $extensions: { 'com.x': { y: 1 } },
    },
  },
  'dangling alias': { a: { $type: 'number', $value: '{missing}' } },
  'alias cycle': { a: { $type: 'number', $value: '{b}' }, b: { $type: 'number', $value: '{a}' } },
  'alias to the wrong type': {
    c: { $type: 'color', $value: srgb(0, 0, 0) },
    d: { $type: 'dimension', $value: '{c}' },
  },
  'circular $extends': {
    a: { $extends: '{b}', x: { $type: 'number', $value: 1 } },
    b: { $extends: '{a}' },
  },
  '$extends to nothing': { a: { $extends: '{nope}', x: { $type: 'number', $value: 1 } } },
  '$ref to nothing': { b: { $type: 'number', $value: { $ref: '#/zz/$value' } } },
  'untyped token': { a: { $value: 1 } },
  'unknown $type': { a: { $type: 'nonsense', $value: 1 } },
  'name with a dot': { 'a.b': { $type: 'number', $value: 1 } },
  'name with a brace': { 'a{': { $type: 'number', $value: 1 } },
  'name starting with $': { $a: { $type: 'number', $value: 1 } },
  '$description not a string': { a: { $type: 'number', $value: 1, $description: 3 } },
  '$deprecated not boolean or string': { a: { $type: 'number', $value: 1, $deprecated: 3 } },
  'token inside a token': { a: { $type: 'number', $value: 1, b: { $value: 2 } } },
}

/**
 * Terrazzo refuses these, the 2025.10 format allows them: the one place we accept more.
 * (Terrazzo 2.7 range-checks "none" as a number.)
 */
const LAXER: Record<string, string> = {
  'valid color oklch with none hue': 'Color Module §4: a component may be "none"',
}

/** Terrazzo accepts these; the 2025.10 format does not allow them. */
const STRICTER: Record<string, string> = {
  'invalid dimension in em': '§8.2: a dimension unit is "px" or "rem"',
  'invalid color hex not 6 digits': 'Color Module: hex is a 6-digit hex string',
  'invalid fontFamily empty stack': '§8.3: a font family names at least one family',
  'invalid border with an unknown property': '§9: composite values have exactly their properties',
  'untyped token': '§8: a token without a resolvable $type is invalid; it is never guessed',
  'unknown $type': '§8: $type must be one of the types of the format',
  'name with a dot': '§5.1.1: names must not contain "."',
  'name with a brace': '§5.1.1: names must not contain "{" or "}"',
  'name starting with $': '§5.1.1: names must not start with "$"',
  '$description not a string': '§5.2.1: $description is a plain JSON string',
  '$deprecated not boolean or string': '§5.2.5: $deprecated is a boolean or a string',
  'token inside a token': '§6: a token holds no tokens; a group’s own value is $root',
  'invalid shadow empty array': '§9.5: a shadow array holds at least one shadow',
  'invalid strokeStyle bad lineCap': '§9.2: lineCap is "round", "butt" or "square"',
}

describe('conformance with @terrazzo/parser', () => {
  it.each(Object.entries(CORPUS))('%s', async (name, document) => {
    const [theirs, mine] = [await terrazzo(document), ours(document)]
    if (name in LAXER) {
      expect([theirs.ok, mine.ok], LAXER[name]).toEqual([false, true])
    } else if (!theirs.ok) {
      expect(mine.ok, 'Terrazzo refuses it, so must we').toBe(false)
    } else if (name in STRICTER) {
      expect(mine.ok, STRICTER[name]).toBe(false)
    } else {
      expect(mine).toEqual(theirs)
    }
  })

  it('the corpus has documents Terrazzo accepts and documents it refuses', async () => {
    const outcomes = await Promise.all(Object.values(CORPUS).map(terrazzo))
    expect(outcomes.filter((o) => o.ok).length).toBeGreaterThan(30)
    expect(outcomes.filter((o) => !o.ok).length).toBeGreaterThan(15)
  })
})
