import { diffCollection, planCollection } from '@tokencraft/tokens'
import { describe, expect, it } from 'vitest'
import { readCollection } from '../src/sync/read-collection.ts'
import { FakeFigma, type FakeVariable } from './support/fake-figma.ts'
import { host, pullInto } from './support/pull-helpers.ts'
import { sampleTokenset } from './support/tokensets.ts'

async function pulledFigma() {
  const figma = new FakeFigma()
  const tokenset = sampleTokenset()
  await pullInto(figma, tokenset)
  const [collection] = figma.variables.collections.values()
  if (!collection) throw new Error('no collection')
  const vars = new Map([...figma.variables.variables.values()].map((v) => [v.name, v]))
  const mode = (name: string) => collection.modes.find((m) => m.name === name)?.modeId as string
  return { figma, tokenset, collection, vars, mode }
}

async function preview(figma: FakeFigma, tokenset: ReturnType<typeof sampleTokenset>) {
  const read = await readCollection(host(figma), 'ts_1')
  if (!read) throw new Error('collection not found')
  return diffCollection(planCollection(tokenset), tokenset.tokens, read.snapshot)
}

describe('push from Figma variables', () => {
  it('finds nothing to push right after a pull, rem and Display P3 values included', async () => {
    const { figma, tokenset } = await pulledFigma()
    const result = await preview(figma, tokenset)
    expect(result.changes).toEqual([])
    expect(result.documents).toEqual({})
  })

  it('previews edited values, re-pointed aliases and new variables, per mode, as DTCG documents', async () => {
    const { figma, tokenset, collection, vars, mode } = await pulledFigma()
    const base = vars.get('spacing/base') as FakeVariable
    base.setValueForMode(mode('dark'), 12)
    const primary = vars.get('colors/primary') as FakeVariable
    primary.setValueForMode(mode('light'), {
      type: 'VARIABLE_ALIAS',
      id: (vars.get('colors/gray/900') as FakeVariable).id,
    })
    const added = figma.variables.createVariable('colors/accent', collection, 'COLOR')
    added.scopes = ['ALL_FILLS']
    added.setValueForMode(mode('light'), { r: 1, g: 0.5, b: 0, a: 1 })
    added.setValueForMode(mode('dark'), { r: 1, g: 0.5, b: 0, a: 0.5 })

    const result = await preview(figma, tokenset)
    expect(result.changes).toEqual(
      expect.arrayContaining([
        { tokenName: 'spacing.base', mode: 'dark', kind: 'changed', before: '8', after: '12' },
        {
          tokenName: 'colors.primary',
          mode: 'light',
          kind: 'changed',
          before: '{colors.blue.500}',
          after: '{colors.gray.900}',
        },
        { tokenName: 'colors.accent', mode: 'light', kind: 'added', after: '#ff8000' },
        { tokenName: 'colors.accent', mode: 'dark', kind: 'added', after: '#ff800080' },
      ]),
    )
    expect(result.changes).toHaveLength(4)
    expect(result.documents.dark).toEqual({
      spacing: { base: { $type: 'dimension', $value: { value: 12, unit: 'px' } } },
      colors: {
        accent: {
          $type: 'color',
          $value: { colorSpace: 'srgb', components: [1, 0.5, 0], alpha: 0.5, hex: '#ff8000' },
        },
      },
    })
    expect(result.documents.light).toEqual({
      colors: {
        primary: { $type: 'color', $value: '{colors.gray.900}' },
        accent: {
          $type: 'color',
          $value: { colorSpace: 'srgb', components: [1, 0.5, 0], hex: '#ff8000' },
        },
      },
    })
  })

  it('previews a changed description as a push document, and reports variables deleted in Figma without deleting tokens', async () => {
    const { figma, tokenset, vars } = await pulledFigma()
    ;(vars.get('spacing/base') as FakeVariable).description = 'The grid unit'
    ;(vars.get('copy/brand') as FakeVariable).remove()
    const result = await preview(figma, tokenset)
    expect(result.changes).toEqual([
      {
        tokenName: 'spacing.base',
        mode: 'light',
        kind: 'description',
        before: '',
        after: 'The grid unit',
      },
    ])
    expect(result.documents).toEqual({
      light: {
        spacing: {
          base: {
            $type: 'dimension',
            $value: { value: 8, unit: 'px' },
            $description: 'The grid unit',
          },
        },
      },
    })
    expect(result.notPushed).toContainEqual({
      tokenName: 'copy.brand',
      reason:
        'deleted in Figma; a push adds and updates only, so delete it in Tokencraft if it should go',
    })
  })

  it('names modes as Tokencraft does even when the designer renamed them in Figma', async () => {
    const { figma, tokenset, collection, vars, mode } = await pulledFigma()
    const darkId = mode('dark')
    collection.renameMode(darkId, 'Night')
    ;(vars.get('opacity/muted') as FakeVariable).setValueForMode(darkId, 0.3)
    const result = await preview(figma, tokenset)
    expect(result.changes).toEqual([
      { tokenName: 'opacity.muted', mode: 'dark', kind: 'changed', before: '0.4', after: '0.3' },
    ])
  })

  it('reports what cannot be pushed: new Figma modes and aliases to other collections', async () => {
    const { figma, tokenset, collection, vars, mode } = await pulledFigma()
    collection.addMode('sepia')
    const other = figma.variables.createVariableCollection('Library')
    const foreign = figma.variables.createVariable('elsewhere', other, 'COLOR')
    ;(vars.get('colors/action') as FakeVariable).setValueForMode(mode('light'), {
      type: 'VARIABLE_ALIAS',
      id: foreign.id,
    })
    const result = await preview(figma, tokenset)
    expect(result.notPushed).toEqual(
      expect.arrayContaining([
        {
          tokenName: '*',
          mode: 'sepia',
          reason: 'mode sepia does not exist in Tokencraft; add it there, then push again',
        },
        {
          tokenName: 'colors.action',
          mode: 'light',
          reason: 'alias to a variable of another collection or library',
        },
      ]),
    )
    expect(result.changes.some((c) => c.mode === 'sepia')).toBe(false)
  })

  it('pushes values through the input normalizer: a STRING font variable becomes a font list', async () => {
    const { figma, tokenset, collection, mode } = await pulledFigma()
    const family = figma.variables.createVariable('font/body', collection, 'STRING')
    family.scopes = ['FONT_FAMILY']
    family.setValueForMode(mode('light'), "Inter, 'Segoe UI', sans-serif")
    const result = await preview(figma, tokenset)
    expect(result.documents.light).toMatchObject({
      font: { body: { $type: 'fontFamily', $value: ['Inter', 'Segoe UI', 'sans-serif'] } },
    })
  })
})
