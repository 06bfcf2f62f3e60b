import { describe, expect, it } from 'vitest'
import { modeLimitFromError } from '../src/sync/modes.ts'
import { BATCH_SIZE } from '../src/sync/pull.ts'
import { FakeFigma, type FakeVariable } from './support/fake-figma.ts'
import { pullInto } from './support/pull-helpers.ts'
import { generatedTokenset, sampleTokenset } from './support/tokensets.ts'

function variablesByName(figma: FakeFigma) {
  return new Map([...figma.variables.variables.values()].map((v) => [v.name, v]))
}

function modeId(figma: FakeFigma, name: string) {
  const [collection] = figma.variables.collections.values()
  return collection?.modes.find((m) => m.name === name)?.modeId as string
}

describe('pull into Figma variables', () => {
  it('creates one collection with a Figma mode per token mode and typed, scoped variables', async () => {
    const figma = new FakeFigma()
    const report = await pullInto(figma, sampleTokenset())
    expect(report.collectionCreated).toBe(true)
    const collections = [...figma.variables.collections.values()]
    expect(collections).toHaveLength(1)
    expect(collections[0]?.name).toBe('Brand')
    expect(collections[0]?.modes.map((m) => m.name)).toEqual(['light', 'dark'])

    const vars = variablesByName(figma)
    const blue = vars.get('colors/blue/500') as FakeVariable
    expect(blue.resolvedType).toBe('COLOR')
    expect(blue.description).toBe('Brand blue')
    expect(blue.scopes).toEqual(['ALL_FILLS', 'STROKE_COLOR', 'EFFECT_COLOR'])
    expect(blue.valuesByMode[modeId(figma, 'light')]).toEqual({ r: 0, g: 0.4, b: 1, a: 1 })
    expect(blue.codeSyntax).toEqual({
      WEB: 'var(--colors-blue-500)',
      ANDROID: 'colors_blue_500',
      iOS: 'DesignTokens.Color.colorsBlue500',
    })
    expect(vars.get('spacing/base')?.scopes).toEqual(['WIDTH_HEIGHT', 'CORNER_RADIUS', 'GAP'])
    expect(vars.get('spacing/large')?.valuesByMode[modeId(figma, 'dark')]).toBe(24)
    expect(vars.get('font/weight/bold')?.valuesByMode[modeId(figma, 'light')]).toBe(700)
    expect(vars.get('font/family/body')?.valuesByMode[modeId(figma, 'light')]).toBe('Inter')
    expect(vars.get('font/size/body')?.scopes).toEqual(['FONT_SIZE'])
    expect(vars.get('motion/fast')?.valuesByMode[modeId(figma, 'light')]).toBe(200)
    expect(vars.get('flags/rounded')?.resolvedType).toBe('BOOLEAN')
    expect(vars.get('flags/rounded')?.valuesByMode[modeId(figma, 'dark')]).toBe(false)
    expect(vars.get('copy/brand')?.resolvedType).toBe('STRING')
    // Figma variables hold sRGB only: Display P3 red is gamut-mapped as our exports map it.
    expect(vars.get('colors/p3')?.valuesByMode[modeId(figma, 'light')]).toEqual({
      r: 1,
      g: 11 / 255,
      b: 12 / 255,
      a: 1,
    })
  })

  it('links aliases as variable aliases, per mode, through chains', async () => {
    const figma = new FakeFigma()
    await pullInto(figma, sampleTokenset())
    const vars = variablesByName(figma)
    const primary = vars.get('colors/primary') as FakeVariable
    expect(primary.valuesByMode[modeId(figma, 'light')]).toEqual({
      type: 'VARIABLE_ALIAS',
      id: vars.get('colors/blue/500')?.id,
    })
    expect(primary.valuesByMode[modeId(figma, 'dark')]).toEqual({
      type: 'VARIABLE_ALIAS',
      id: vars.get('colors/gray/900')?.id,
    })
    expect(vars.get('colors/action')?.valuesByMode[modeId(figma, 'light')]).toEqual({
      type: 'VARIABLE_ALIAS',
      id: primary.id,
    })
    expect(vars.get('radius/card')?.valuesByMode[modeId(figma, 'dark')]).toEqual({
      type: 'VARIABLE_ALIAS',
      id: vars.get('spacing/base')?.id,
    })
  })

  it('lists what Figma cannot hold instead of dropping it', async () => {
    const figma = new FakeFigma()
    const report = await pullInto(figma, sampleTokenset())
    const reasons = report.unsupported.map(
      (u) => `${u.tokenName}${u.mode ? ` (${u.mode})` : ''}: ${u.reason}`,
    )
    expect(reasons).toContain('motion.ease: Figma variables cannot hold cubicBezier tokens')
    expect(
      reasons.some((r) => r.startsWith('alias.wrong (light): alias to copy.brand (string)')),
    ).toBe(true)
    expect(reasons).toContain(
      'type.display: font Comic Sans Missing Bold is not available in Figma',
    )
    expect(variablesByName(figma).has('motion/ease')).toBe(false)
  })

  it('makes typography text styles and shadow effect styles with aliases resolved', async () => {
    const figma = new FakeFigma()
    const report = await pullInto(figma, sampleTokenset())
    expect(report.textStyles).toBe(1)
    expect(report.effectStyles).toBe(1)
    const styles = [...figma.styles.values()] as unknown as Record<string, unknown>[]
    const body = styles.find((s) => s.name === 'type/body')
    expect(body).toMatchObject({
      description: 'Body text',
      fontName: { family: 'Inter', style: 'Regular' },
      fontSize: 16,
      lineHeight: { unit: 'PERCENT', value: 150 },
    })
    const shadow = styles.find((s) => s.name === 'shadow/card')
    expect(shadow?.effects).toEqual([
      {
        type: 'DROP_SHADOW',
        color: { r: 26 / 255, g: 26 / 255, b: 26 / 255, a: 1 },
        offset: { x: 0, y: 2 },
        radius: 8,
        spread: 0,
        visible: true,
        blendMode: 'NORMAL',
      },
    ])
  })

  it('updates the same collection in place on a second pull, never duplicating it', async () => {
    const figma = new FakeFigma()
    const first = sampleTokenset()
    await pullInto(figma, first)
    const idsBefore = new Map([...variablesByName(figma)].map(([name, v]) => [name, v.id]))
    const stylesBefore = figma.styles.size

    const second = sampleTokenset()
    const blue = second.tokens.find((t) => t.name === 'colors.blue.500')
    if (blue) blue.values.light = { colorSpace: 'srgb', components: [1, 0, 0] }
    second.tokens = second.tokens.filter((t) => t.name !== 'opacity.muted')
    const report = await pullInto(figma, second)

    expect(report.collectionCreated).toBe(false)
    expect(figma.variables.collections.size).toBe(1)
    expect(figma.styles.size).toBe(stylesBefore)
    expect(report.variablesCreated).toBe(0)
    expect(report.variablesRemoved).toBe(1)
    const after = variablesByName(figma)
    expect(after.has('opacity/muted')).toBe(false)
    expect(after.get('colors/blue/500')?.id).toBe(idsBefore.get('colors/blue/500'))
    expect(after.get('colors/blue/500')?.valuesByMode[modeId(figma, 'light')]).toEqual({
      r: 1,
      g: 0,
      b: 0,
      a: 1,
    })
  })

  it('finds its collection by the stored tokenset id even after the designer renamed it', async () => {
    const figma = new FakeFigma()
    await pullInto(figma, sampleTokenset())
    const [collection] = figma.variables.collections.values()
    if (collection) collection.name = 'Renamed by a designer'
    const report = await pullInto(figma, sampleTokenset())
    expect(report.collectionCreated).toBe(false)
    expect(figma.variables.collections.size).toBe(1)
    const other = await pullInto(figma, sampleTokenset(), 'ts_2')
    expect(other.collectionCreated).toBe(true)
    expect(figma.variables.collections.size).toBe(2)
  })

  it('stops adding modes at the plan limit that addMode reports, and says so', async () => {
    const figma = new FakeFigma({ modeLimit: 2 })
    const tokenset = generatedTokenset(20, ['light', 'dark', 'dim', 'contrast'])
    const report = await pullInto(figma, tokenset)
    expect(report.modesNotPulled).toEqual(['dim', 'contrast'])
    expect(report.warnings).toEqual([
      'Your Figma plan allows 2 modes per collection, so dim, contrast were not pulled.',
    ])
    const [collection] = figma.variables.collections.values()
    expect(collection?.modes.map((m) => m.name)).toEqual(['light', 'dark'])
    expect(figma.variables.variables.size).toBe(20)
  })

  it('refuses a tokenset above 5,000 variables before writing anything', async () => {
    const figma = new FakeFigma()
    await expect(pullInto(figma, generatedTokenset(5001, ['light']))).rejects.toThrow(
      'This tokenset needs 5,001 variables, but a Figma collection holds at most 5,000',
    )
    expect(figma.variables.collections.size).toBe(0)
  })

  it('pulls 5,000 tokens in 4 modes in batches with progress', async () => {
    const figma = new FakeFigma()
    const report = await pullInto(figma, generatedTokenset(5000, ['a', 'b', 'c', 'd']))
    expect(figma.variables.variables.size).toBe(5000)
    expect(report.variablesCreated).toBe(5000)
    expect(report.unsupported).toEqual([])
    expect(report.pauses).toBeGreaterThanOrEqual((2 * 5000) / BATCH_SIZE)
    const last = report.progress.at(-1)
    expect(last?.done).toBe(last?.total)
    const dones = report.progress.map((p) => p.done)
    expect([...dones].sort((a, b) => a - b)).toEqual(dones)
  })
})

describe('the mode limit from addMode errors', () => {
  it('reads the number Figma states, or else counts the modes there are', () => {
    expect(modeLimitFromError(new Error('in addMode: Limited to 4 modes only'), 4)).toBe(4)
    expect(
      modeLimitFromError(new Error('Maximum number of modes reached. Upgrade to add more.'), 1),
    ).toBe(1)
    expect(modeLimitFromError(new Error('in addMode: invalid name'), 2)).toBeNull()
  })
})
