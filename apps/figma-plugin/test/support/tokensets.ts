import type { FlatToken, SourceTokenset } from '@tokencraft/tokens'

/** A small tokenset with every kind of token the mapping treats differently. */
export function sampleTokenset(): SourceTokenset & { tokens: FlatToken[] } {
  const srgb = (r: number, g: number, b: number) => ({ colorSpace: 'srgb', components: [r, g, b] })
  return {
    modes: ['light', 'dark'],
    tokens: [
      {
        name: 'colors.blue.500',
        type: 'color',
        description: 'Brand blue',
        values: { light: srgb(0, 0.4, 1), dark: srgb(0.2, 0.5, 1) },
      },
      {
        name: 'colors.gray.900',
        type: 'color',
        values: { light: srgb(0.1, 0.1, 0.1), dark: srgb(0.9, 0.9, 0.9) },
      },
      {
        name: 'colors.p3',
        type: 'color',
        values: {
          light: { colorSpace: 'display-p3', components: [1, 0, 0] },
          dark: { colorSpace: 'display-p3', components: [1, 0, 0] },
        },
      },
      {
        name: 'colors.primary',
        type: 'color',
        values: { light: '{colors.blue.500}', dark: '{colors.gray.900}' },
      },
      {
        name: 'colors.action',
        type: 'color',
        values: { light: '{colors.primary}', dark: '{colors.primary}' },
      },
      {
        name: 'spacing.base',
        type: 'dimension',
        values: { light: { value: 8, unit: 'px' }, dark: { value: 8, unit: 'px' } },
      },
      {
        name: 'spacing.large',
        type: 'dimension',
        values: { light: { value: 1.5, unit: 'rem' }, dark: { value: 1.5, unit: 'rem' } },
      },
      {
        name: 'radius.card',
        type: 'dimension',
        values: { light: '{spacing.base}', dark: '{spacing.base}' },
      },
      {
        name: 'font.family.body',
        type: 'fontFamily',
        values: { light: ['Inter', 'sans-serif'], dark: ['Inter', 'sans-serif'] },
      },
      { name: 'font.weight.bold', type: 'fontWeight', values: { light: 'bold', dark: 700 } },
      {
        name: 'font.size.body',
        type: 'fontSize',
        values: { light: { value: 16, unit: 'px' }, dark: { value: 16, unit: 'px' } },
      },
      {
        name: 'motion.fast',
        type: 'duration',
        values: { light: { value: 0.2, unit: 's' }, dark: { value: 200, unit: 'ms' } },
      },
      {
        name: 'motion.ease',
        type: 'cubicBezier',
        values: { light: [0.4, 0, 0.2, 1], dark: [0.4, 0, 0.2, 1] },
      },
      { name: 'opacity.muted', type: 'number', values: { light: 0.6, dark: 0.4 } },
      { name: 'flags.rounded', type: 'boolean', values: { light: true, dark: false } },
      { name: 'copy.brand', type: 'string', values: { light: 'Tokencraft', dark: 'Tokencraft' } },
      {
        name: 'alias.wrong',
        type: 'dimension',
        values: { light: '{copy.brand}', dark: '{spacing.base}' },
      },
      {
        name: 'type.body',
        type: 'typography',
        description: 'Body text',
        values: {
          light: {
            fontFamily: '{font.family.body}',
            fontSize: '{font.size.body}',
            fontWeight: 400,
            lineHeight: 1.5,
            letterSpacing: { value: 0, unit: 'px' },
          },
          dark: {
            fontFamily: '{font.family.body}',
            fontSize: '{font.size.body}',
            fontWeight: 400,
            lineHeight: 1.5,
            letterSpacing: { value: 0, unit: 'px' },
          },
        },
      },
      {
        name: 'type.display',
        type: 'typography',
        values: {
          light: {
            fontFamily: 'Comic Sans Missing',
            fontSize: { value: 40, unit: 'px' },
            fontWeight: 700,
            lineHeight: 1.1,
            letterSpacing: { value: 0, unit: 'px' },
          },
          dark: {
            fontFamily: 'Comic Sans Missing',
            fontSize: { value: 40, unit: 'px' },
            fontWeight: 700,
            lineHeight: 1.1,
            letterSpacing: { value: 0, unit: 'px' },
          },
        },
      },
      {
        name: 'shadow.card',
        type: 'shadow',
        values: {
          light: {
            color: '{colors.gray.900}',
            offsetX: { value: 0, unit: 'px' },
            offsetY: { value: 2, unit: 'px' },
            blur: { value: 8, unit: 'px' },
            spread: { value: 0, unit: 'px' },
          },
          dark: {
            color: '{colors.gray.900}',
            offsetX: { value: 0, unit: 'px' },
            offsetY: { value: 2, unit: 'px' },
            blur: { value: 8, unit: 'px' },
            spread: { value: 0, unit: 'px' },
          },
        },
      },
    ] as FlatToken[],
  }
}

/**
 * A large generated tokenset: `count` tokens in `modes` modes, a quarter of them aliases to the
 * primitives (colours and dimensions), as real design systems layer semantic tokens on scales.
 */
export function generatedTokenset(
  count: number,
  modes: string[],
): SourceTokenset & { tokens: FlatToken[] } {
  const tokens: FlatToken[] = []
  const primitives = Math.ceil(count * 0.75)
  for (let i = 0; i < count; i++) {
    const values: FlatToken['values'] = {}
    const isColor = i % 2 === 0
    for (const [m, mode] of modes.entries()) {
      if (i < primitives) {
        values[mode] = isColor
          ? { colorSpace: 'srgb', components: [(i % 256) / 255, (m * 40) / 255, 0.5] }
          : { value: (i % 64) + m, unit: 'px' }
      } else {
        const target = (i - primitives) * 2 + (isColor ? 0 : 1)
        values[mode] = `{${isColor ? 'color' : 'size'}.g${Math.floor(target / 100)}.t${target}}`
      }
    }
    tokens.push({
      name: `${isColor ? 'color' : 'size'}.g${Math.floor(i / 100)}.t${i}`,
      type: isColor ? 'color' : 'dimension',
      description: `token ${i}`,
      values,
    })
  }
  return { modes, tokens }
}
