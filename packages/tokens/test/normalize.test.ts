/**
 * The input normalizer, directly: each form people and models write, the legacy formats, type
 * inference, members kept under $extensions, the mode rule and skip_invalid.
 */
import { describe, expect, it } from 'vitest'
import {
  type FlatToken,
  fillDefaultMode,
  type JsonValue,
  KEPT_MEMBERS_KEY,
  mergeImport,
  normalizeImport,
  normalizeToken,
  normalizeValue,
  type TokenType,
  tokensStudioFiles,
  validateTokens,
} from '../src/index.ts'

const ok = (type: TokenType, raw: unknown) => {
  const result = normalizeValue(type, raw)
  if (!result.ok) throw new Error(result.problem)
  return result.value
}
const problem = (type: TokenType, raw: unknown) => {
  const result = normalizeValue(type, raw)
  if (result.ok) throw new Error(`accepted ${JSON.stringify(raw)}`)
  return result.problem
}
const px = (value: number) => ({ value, unit: 'px' })

describe('values as people write them', () => {
  it('reads every CSS Color 4 syntax into a color object of its own space', () => {
    expect(ok('color', '#0066ff')).toEqual({
      colorSpace: 'srgb',
      components: [0, 0.4, 1],
      hex: '#0066ff',
    })
    expect(ok('color', '#06f')).toEqual(ok('color', '#0066ff'))
    expect(ok('color', '#0066ff80')).toMatchObject({
      alpha: expect.closeTo(128 / 255, 9),
      hex: '#0066ff',
    })
    expect(ok('color', '#06f8')).toMatchObject({
      alpha: expect.closeTo(136 / 255, 9),
      hex: '#0066ff',
    })
    expect(ok('color', 'rgb(0 102 255)')).toEqual({ colorSpace: 'srgb', components: [0, 0.4, 1] })
    expect(ok('color', 'rgba(0, 0, 0, .5)')).toEqual({
      colorSpace: 'srgb',
      components: [0, 0, 0],
      alpha: 0.5,
    })
    expect(ok('color', 'hsl(0 100% 40%)')).toEqual({ colorSpace: 'hsl', components: [0, 100, 40] })
    expect(ok('color', 'hwb(120 10% 20%)')).toEqual({
      colorSpace: 'hwb',
      components: [120, 10, 20],
    })
    expect(ok('color', 'lab(50% 40 59.5)')).toEqual({
      colorSpace: 'lab',
      components: [50, 40, 59.5],
    })
    expect(ok('color', 'lch(52.2% 72.2 50)')).toEqual({
      colorSpace: 'lch',
      components: [52.2, 72.2, 50],
    })
    expect(ok('color', 'oklab(0.6 0.1 -0.1)')).toEqual({
      colorSpace: 'oklab',
      components: [0.6, 0.1, -0.1],
    })
    expect(ok('color', 'oklch(60% 0.15 50)')).toEqual({
      colorSpace: 'oklch',
      components: [0.6, 0.15, 50],
    })
    expect(ok('color', 'color(display-p3 1 0 0)')).toEqual({
      colorSpace: 'display-p3',
      components: [1, 0, 0],
    })
    expect(ok('color', 'color(srgb-linear 0.5 0.2 0.1)')).toMatchObject({
      colorSpace: 'srgb-linear',
    })
    expect(ok('color', 'color(xyz-d50 0.2 0.3 0.4)')).toMatchObject({ colorSpace: 'xyz-d50' })
    expect(ok('color', 'rebeccapurple')).toEqual({
      colorSpace: 'srgb',
      components: [0.4, 0.2, 0.6],
    })
    expect(ok('color', 'transparent')).toEqual({
      colorSpace: 'srgb',
      components: [0, 0, 0],
      alpha: 0,
    })
    expect(ok('color', 'hsl(none 0% 50%)')).toEqual({
      colorSpace: 'hsl',
      components: ['none', 0, 50],
    })
  })

  it('clamps where CSS clamps and wraps hues, and says so', () => {
    const result = normalizeValue('color', 'rgb(300 0 0)')
    expect(result).toMatchObject({ ok: true, value: { components: [1, 0, 0] } })
    expect(result.ok && result.notes.join()).toContain('clamped')
    expect(ok('color', 'hsl(-30 50% 50%)')).toEqual({
      colorSpace: 'hsl',
      components: [330, 50, 50],
    })
  })

  it('refuses what is no color, and keeps color objects and aliases as they are', () => {
    expect(problem('color', 'currentcolor')).toContain('not a CSS color')
    expect(problem('color', 'blue-ish')).toContain('not a CSS color')
    const object = { colorSpace: 'srgb', components: [1, 0, 0] }
    expect(normalizeValue('color', object)).toEqual({ ok: true, value: object, notes: [] })
    expect(normalizeValue('color', '{brand.primary}')).toEqual({
      ok: true,
      value: '{brand.primary}',
      notes: [],
    })
  })

  it('reads dimensions, durations, and refuses units DTCG has no size for', () => {
    expect(ok('dimension', '16px')).toEqual(px(16))
    expect(ok('dimension', '1.5rem')).toEqual({ value: 1.5, unit: 'rem' })
    expect(ok('dimension', '-.5px')).toEqual(px(-0.5))
    expect(ok('dimension', 8)).toEqual(px(8))
    expect(ok('dimension', '0')).toEqual(px(0))
    expect(ok('dimension', '0%')).toEqual(px(0))
    expect(ok('dimension', '12pt')).toEqual(px(16))
    expect(ok('fontSize', '1rem')).toEqual({ value: 1, unit: 'rem' })
    expect(problem('dimension', '2em')).toMatch(/px or rem; em is relative to the font size/)
    expect(problem('dimension', '50%')).toContain('%')
    expect(problem('dimension', '10vw')).toContain('viewport')
    expect(problem('dimension', 'sixteen')).toContain('not a dimension')
    expect(ok('duration', '200ms')).toEqual({ value: 200, unit: 'ms' })
    expect(ok('duration', '0.2s')).toEqual({ value: 0.2, unit: 's' })
    expect(ok('duration', 150)).toEqual({ value: 150, unit: 'ms' })
    expect(problem('duration', '2px')).toContain('ms or s')
  })

  it('reads font weights by keyword, font families as lists, easings and line heights', () => {
    expect(ok('fontWeight', 'bold')).toBe('bold')
    expect(ok('fontWeight', 'SemiBold')).toBe('semi-bold')
    expect(ok('fontWeight', 'Extra Light')).toBe('extra-light')
    expect(ok('fontWeight', '700')).toBe(700)
    expect(problem('fontWeight', 'bolder')).toContain('relative')
    expect(ok('fontFamily', `Inter, 'Segoe UI', "Helvetica Neue", sans-serif`)).toEqual([
      'Inter',
      'Segoe UI',
      'Helvetica Neue',
      'sans-serif',
    ])
    expect(ok('fontFamily', "'Comic Sans MS'")).toBe('Comic Sans MS')
    expect(ok('cubicBezier', 'cubic-bezier(0.4, 0, 0.2, 1)')).toEqual([0.4, 0, 0.2, 1])
    expect(ok('cubicBezier', 'ease-in-out')).toEqual([0.42, 0, 0.58, 1])
    expect(ok('lineHeight', '150%')).toBe(1.5)
    expect(ok('lineHeight', '1.25')).toBe(1.25)
    expect(ok('lineHeight', '24px')).toEqual(px(24))
    expect(ok('number', '50%')).toBe(0.5)
    expect(ok('boolean', 'false')).toBe(false)
    expect(ok('string', 42)).toBe('42')
  })

  it('reads shadows, borders, transitions and typography from CSS shorthand', () => {
    expect(ok('shadow', '0 1px 2px rgba(0,0,0,.2), inset 0 0 0 1px #000')).toEqual([
      {
        offsetX: px(0),
        offsetY: px(1),
        blur: px(2),
        spread: px(0),
        color: { colorSpace: 'srgb', components: [0, 0, 0], alpha: 0.2 },
      },
      {
        offsetX: px(0),
        offsetY: px(0),
        blur: px(0),
        spread: px(1),
        color: { colorSpace: 'srgb', components: [0, 0, 0], hex: '#000000' },
        inset: true,
      },
    ])
    expect(ok('border', '1px solid {color.border}')).toEqual({
      width: px(1),
      style: 'solid',
      color: '{color.border}',
    })
    expect(ok('border', 'dashed #f00 2px')).toMatchObject({ width: px(2), style: 'dashed' })
    expect(problem('border', '1px {a} {b}')).toContain('cannot be told apart')
    expect(ok('transition', '200ms ease-in-out 50ms')).toEqual({
      duration: { value: 200, unit: 'ms' },
      timingFunction: [0.42, 0, 0.58, 1],
      delay: { value: 50, unit: 'ms' },
    })
    expect(problem('transition', 'opacity 200ms')).toContain('name no property')
    expect(ok('typography', '600 16px/1.5 Inter, sans-serif')).toEqual({
      fontWeight: 600,
      fontSize: px(16),
      lineHeight: 1.5,
      fontFamily: ['Inter', 'sans-serif'],
      letterSpacing: px(0),
    })
    expect(problem('typography', 'italic 16px/1.5 Inter')).toContain('font style')
    expect(problem('typography', '16px Inter')).toContain('line height')
  })

  it("reads Tokens Studio's shadows and typography, converting what depends on the font size", () => {
    expect(
      ok('shadow', {
        x: '0',
        y: '4',
        blur: '8',
        spread: '0',
        color: '#00000033',
        type: 'innerShadow',
      }),
    ).toEqual({
      offsetX: px(0),
      offsetY: px(4),
      blur: px(8),
      spread: px(0),
      color: { colorSpace: 'srgb', components: [0, 0, 0], alpha: 0.2, hex: '#000000' },
      inset: true,
    })
    const typography = normalizeValue('typography', {
      fontFamily: 'Inter',
      fontWeight: 'Bold',
      fontSize: '20px',
      lineHeight: '150%',
      letterSpacing: '-2%',
      paragraphSpacing: '0',
    })
    expect(typography).toMatchObject({
      ok: true,
      value: {
        fontFamily: 'Inter',
        fontWeight: 'bold',
        fontSize: px(20),
        lineHeight: 1.5,
        letterSpacing: px(-0.4),
      },
    })
    expect(typography.ok && typography.notes.join('\n')).toContain('dropped paragraphSpacing')
  })

  it('computes arithmetic and references inside text, from the values it can look up', () => {
    const held: Record<string, unknown> = { 'space.1': '4px', 'color.base': '#112233', n: 3 }
    const lookup = (name: string) => held[name] as never
    expect(normalizeValue('dimension', '{space.1} * 2', { lookup })).toMatchObject({
      ok: true,
      value: px(8),
    })
    expect(normalizeValue('dimension', '({space.1} + 2px) * {n} / 2', { lookup })).toMatchObject({
      value: px(9),
    })
    expect(normalizeValue('color', '{color.base}80', { lookup })).toMatchObject({
      value: {
        components: [0x11 / 255, 0x22 / 255, 0x33 / 255].map((c) => Number(c.toPrecision(12))),
      },
    })
    expect(normalizeValue('dimension', '{space.1} * 2')).toMatchObject({
      ok: false,
      problem: expect.stringContaining('does not exist'),
    })
    expect(normalizeValue('dimension', '{space.1} + 1rem', { lookup })).toMatchObject({
      ok: false,
      problem: expect.stringContaining('cannot add px and rem'),
    })
  })

  it('reads JSON text, as a form field or a model may send it', () => {
    expect(ok('cubicBezier', '[0, 0, 1, 1]')).toEqual([0, 0, 1, 1])
    expect(ok('dimension', '{"value": 4, "unit": "px"}')).toEqual(px(4))
  })
})

describe('one token', () => {
  it("infers the type from the value, or an alias target, and maps other tools' type names", () => {
    expect(normalizeToken({ name: 'spacing.md', values: { Base: '16px' } })).toMatchObject({
      ok: true,
      token: { type: 'dimension', values: { Base: px(16) } },
      changes: [
        { kind: 'inferred', message: 'type dimension from its value' },
        { kind: 'normalized', mode: 'Base' },
      ],
    })
    const known = () => ({ type: 'color' as const })
    expect(normalizeToken({ name: 'a', values: { Base: '{b}' } }, known)).toMatchObject({
      ok: true,
      token: { type: 'color', values: { Base: '{b}' } },
    })
    expect(normalizeToken({ name: 'a', type: 'sizing', values: { Base: '4' } })).toMatchObject({
      ok: true,
      token: { type: 'dimension', values: { Base: px(4) } },
    })
    expect(normalizeToken({ name: 'a', type: 'composition', values: { Base: {} } })).toMatchObject({
      ok: false,
      errors: [{ message: expect.stringContaining('composition') }],
    })
    expect(normalizeToken({ name: 'a', values: { Base: 'hello' } })).toMatchObject({
      ok: false,
      errors: [{ message: expect.stringContaining('give a type') }],
    })
  })

  it('fills the default mode of a new token from the mode it was given in', () => {
    const token: FlatToken = { name: 'a', type: 'number', values: { Dark: 2, Dim: 3 } }
    expect(fillDefaultMode(token, ['Light', 'Dim', 'Dark'], 'Light')).toMatchObject({
      kind: 'filled',
      mode: 'Light',
    })
    expect(token.values).toEqual({ Light: 3, Dim: 3, Dark: 2 })
    expect(fillDefaultMode(token, ['Light', 'Dim', 'Dark'], 'Light')).toBeUndefined()
  })
})

describe('documents', () => {
  it('keeps members DTCG does not define under $extensions and reports them (Primer alpha)', () => {
    const read = normalizeImport({
      base: {
        color: {
          transparent: {
            $value: { colorSpace: 'hsl', components: [0, 0, 100], hex: '#ffffff' },
            $type: 'color',
            $extensions: { 'org.primer.figma': { collection: 'base' } },
            alpha: 0,
          },
        },
      },
    })
    expect(read.ok && read.value.format).toBe('dtcg')
    const [token] = read.ok ? (read.value.modes[0]?.tokens ?? []) : []
    expect(token?.extensions).toEqual({
      'org.primer.figma': { collection: 'base' },
      [KEPT_MEMBERS_KEY]: { alpha: 0 },
    })
    expect(read.ok && read.value.changes).toContainEqual(
      expect.objectContaining({ token: 'base.color.transparent', kind: 'kept' }),
    )
  })

  it("reads Style Dictionary's format: value, type, comment, .value references, untyped tokens", () => {
    const read = normalizeImport(
      {
        color: {
          base: {
            red: { value: '#ff0000', comment: 'the red', attributes: { category: 'color' } },
          },
          danger: { value: '{color.base.red.value}' },
        },
        size: {
          padding: { small: { value: '4px' }, large: { value: '{size.padding.small.value}' } },
        },
        font: {
          weight: { bold: { value: '700' } },
          family: { base: { value: 'Inter, sans-serif' } },
        },
        time: { fast: { value: '100ms', type: 'time' } },
        mystery: { value: 'banana' },
      },
      { mode: 'Light' },
    )
    if (!read.ok) throw new Error(JSON.stringify(read.errors))
    expect(read.value.format).toBe('style-dictionary')
    const tokens = Object.fromEntries(read.value.modes[0]?.tokens.map((t) => [t.name, t]) ?? [])
    expect(tokens['color.base.red']).toMatchObject({
      type: 'color',
      description: 'the red',
      extensions: { [KEPT_MEMBERS_KEY]: { attributes: { category: 'color' } } },
    })
    expect(tokens['color.danger']).toMatchObject({
      type: 'color',
      values: { Light: '{color.base.red}' },
    })
    expect(tokens['size.padding.large']).toMatchObject({ type: 'dimension' })
    expect(tokens['font.weight.bold']).toMatchObject({ type: 'fontWeight', values: { Light: 700 } })
    expect(tokens['font.family.base']).toMatchObject({
      type: 'fontFamily',
      values: { Light: ['Inter', 'sans-serif'] },
    })
    expect(tokens['time.fast']).toMatchObject({ type: 'duration' })
    expect(read.value.problems).toEqual([
      { token: 'mystery', mode: 'Light', message: expect.stringContaining('give it a $type') },
    ])
  })

  const studio = {
    core: {
      space: {
        '1': { value: '4', type: 'spacing' },
        '2': { value: '{space.1} * 2', type: 'spacing' },
      },
      color: {
        blue: { value: '#0000ff', type: 'color' },
        white: { value: '#ffffff', type: 'color' },
      },
    },
    light: { bg: { value: '{color.white}', type: 'color' } },
    dark: { bg: { value: '{color.blue}', type: 'color' } },
    overrides: { space: { '1': { value: '8', type: 'spacing' } } },
    $themes: [
      { id: 'l', name: 'Light', selectedTokenSets: { core: 'source', light: 'enabled' } },
      { id: 'd', name: 'Dark', selectedTokenSets: { core: 'source', dark: 'enabled' } },
    ],
    $metadata: { tokenSetOrder: ['core', 'light', 'dark', 'overrides'] },
  }

  it('reads Tokens Studio: every theme a mode, sets in $metadata order, math evaluated', () => {
    const read = normalizeImport(studio)
    if (!read.ok) throw new Error(JSON.stringify(read.errors))
    expect(read.value.format).toBe('tokens-studio')
    expect(read.value.modes.map((m) => m.mode)).toEqual(['Light', 'Dark'])
    const [light, dark] = read.value.modes
    const byName = (tokens: FlatToken[] = []) => Object.fromEntries(tokens.map((t) => [t.name, t]))
    expect(byName(light?.tokens)['space.2']?.values).toEqual({ Light: px(8) })
    expect(byName(light?.tokens).bg?.values).toEqual({ Light: '{color.white}' })
    expect(byName(dark?.tokens).bg?.values).toEqual({ Dark: '{color.blue}' })
    expect(read.value.problems).toEqual([])
  })

  it('reads Tokens Studio sets chosen by the caller, later sets winning, and the multi-file layout', () => {
    const chosen = normalizeImport(studio, { mode: 'Base', tokenSets: ['overrides', 'core'] })
    if (!chosen.ok) throw new Error(JSON.stringify(chosen.errors))
    const tokens = chosen.value.modes[0]?.tokens ?? []
    expect(tokens.find((t) => t.name === 'space.1')?.values).toEqual({ Base: px(8) })
    expect(tokens.find((t) => t.name === 'space.2')?.values).toEqual({ Base: px(16) })

    const files = tokensStudioFiles(
      Object.entries(studio).map(([name, content]) => ({
        name: `${name}.json`,
        content: content as JsonValue,
      })),
    )
    const split = normalizeImport(files, { format: 'tokens-studio' })
    const whole = normalizeImport(studio)
    expect(split.ok && split.value.modes).toEqual(whole.ok && whole.value.modes)
    expect(normalizeImport(studio, { tokenSets: ['nope'] })).toMatchObject({
      ok: false,
      errors: [{ message: expect.stringContaining('no token set named "nope"') }],
    })
  })
})

describe('merging into a tokenset', () => {
  const stored = {
    modes: ['Light', 'Dark'],
    defaultMode: 'Light',
    tokens: [] as FlatToken[],
  }

  it('accepts new tokens imported into a non-default mode, the default mode taking their value', () => {
    const imported = normalizeImport(
      { accent: { $type: 'color', $value: '#ff0000' } },
      { mode: 'Dark' },
    )
    if (!imported.ok) throw new Error('not read')
    const merged = mergeImport(stored, imported.value.modes, [], false)
    if (!merged.ok) throw new Error(JSON.stringify(merged.errors))
    expect(merged.created).toEqual(['accent'])
    expect(merged.touched[0]?.modes).toEqual(['Light', 'Dark'])
    expect(merged.touched[0]?.token.values.Light).toEqual(merged.touched[0]?.token.values.Dark)
    expect(merged.changes).toEqual([expect.objectContaining({ kind: 'filled', mode: 'Light' })])
  })

  it('with skip_invalid leaves out what cannot be made valid, and what depends on it', () => {
    const imported = normalizeImport(
      {
        good: { $type: 'dimension', $value: '4px' },
        bad: { $type: 'dimension', $value: '2em' },
        dependent: { $type: 'dimension', $value: '{bad}' },
      },
      { mode: 'Light' },
    )
    if (!imported.ok) throw new Error('not read')
    expect(mergeImport(stored, imported.value.modes, imported.value.problems, false).ok).toBe(false)
    const merged = mergeImport(stored, imported.value.modes, imported.value.problems, true)
    if (!merged.ok) throw new Error(JSON.stringify(merged.errors))
    expect(merged.created).toEqual(['good'])
    expect(merged.changes.filter((c) => c.kind === 'skipped').map((c) => c.token)).toEqual([
      'bad',
      'dependent',
    ])
    expect(
      validateTokens(
        merged.touched.map((t) => t.token),
        { modes: stored.modes, defaultMode: 'Light' },
      ),
    ).toEqual([])
  })
})
