import {
  exportAndroid,
  exportCss,
  exportIos,
  planCollection,
  type Tokenset,
} from '@tokencraft/tokens'
import { describe, expect, it } from 'vitest'
import { sampleTokenset } from './support/tokensets.ts'

function content(result: ReturnType<typeof exportCss>): string {
  if (!result.ok) throw new Error(JSON.stringify(result.errors))
  return result.value.map((f) => f.content).join('\n')
}

/** `Enum.constant` for every constant of the Swift export, named by its innermost enum. */
function swiftConstants(swift: string): Set<string> {
  const found = new Set<string>()
  const stack: string[] = []
  for (const line of swift.split('\n')) {
    const open = /enum (\w+) \{/.exec(line)
    if (open?.[1]) stack.push(open[1])
    else if (/^\s*\}\s*$/.test(line)) stack.pop()
    const constant = /static let (\w+)/.exec(line)
    if (constant?.[1]) found.add(`${stack.at(-1)}.${constant[1]}`)
  }
  return found
}

describe('Figma code syntax matches the names our exports write', () => {
  const sample = sampleTokenset()
  // The exporters need every token resolvable: leave out the one with a cross-type alias.
  const tokens = sample.tokens.filter((t) => t.name !== 'alias.wrong')
  const set: Tokenset = { modes: sample.modes, defaultMode: 'light', tokens }
  const plan = planCollection(set)
  const css = content(exportCss(set, { mode: 'light' }))
  const android = content(exportAndroid(set, { mode: 'light' }))
  const ios = swiftConstants(content(exportIos(set, { mode: 'light' })))

  it.each(plan.variables.map((v) => [v.tokenName, v.codeSyntax] as const))('%s', (_, syntax) => {
    const web = /^var\((--[\w-]+)\)$/.exec(syntax.WEB)?.[1]
    expect(css).toContain(`${web}:`)
    expect(android).toContain(`name="${syntax.ANDROID}"`)
    expect(ios).toContain(syntax.iOS.replace(/^DesignTokens\./, ''))
  })
})

describe('a mode without its own value', () => {
  it('is pulled with the default mode value, as every export writes it', () => {
    const set: Tokenset = {
      modes: ['light', 'dark'],
      defaultMode: 'light',
      tokens: [
        {
          name: 'colors.accent',
          type: 'color',
          values: { light: { colorSpace: 'srgb', components: [1, 0, 0] } },
        },
        { name: 'spacing.gap', type: 'dimension', values: { light: { value: 8, unit: 'px' } } },
      ],
    }
    const plan = planCollection(set)
    for (const variable of plan.variables) {
      expect(variable.valuesByMode.dark).toEqual(variable.valuesByMode.light)
    }
    const css = content(exportCss(set, { mode: 'dark' }))
    expect(css).toContain('--colors-accent: #ff0000;')
    expect(css).toContain('--spacing-gap: 8px;')
    expect(plan.variables.find((v) => v.tokenName === 'spacing.gap')?.valuesByMode.dark).toEqual({
      kind: 'literal',
      value: 8,
    })
  })
})
