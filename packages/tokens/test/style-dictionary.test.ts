/**
 * Differential test against Style Dictionary 5 (the oracle for values): a realistic generated
 * set of 3,000 tokens in two modes goes through both; for css, ios and android the same names
 * carry the same values. Where Style Dictionary cannot write a type (DTCG duration objects, and
 * composite values outside CSS, which it prints as "[object Object]"), only the names are
 * compared, and those cases are listed below.
 */
import { converter, parse as parseColor } from 'culori'
import StyleDictionary from 'style-dictionary'
import type { DesignTokens } from 'style-dictionary/types'
import { beforeAll, describe, expect, it } from 'vitest'
import {
  androidName,
  cssVariableName,
  type ExportFile,
  exportAndroid,
  exportCss,
  exportIos,
  importJson,
  type Result,
  swiftName,
  type Tokenset,
  type TokenType,
} from '../src/index.ts'
import { generateDocuments } from './support/generate.ts'

const MODES = ['light', 'dark']
const documents = generateDocuments({ count: 3000, modes: MODES, aliasRatio: 0.4, seed: 7 })
const COMPOSITES: TokenType[] = [
  'border',
  'shadow',
  'typography',
  'transition',
  'gradient',
  'strokeStyle',
]

let set: Tokenset
const theirs: Record<string, string> = {}

beforeAll(async () => {
  const imported = importJson({ $modes: documents })
  if (!imported.ok) throw new Error(JSON.stringify(imported.errors.slice(0, 3)))
  set = imported.value
  for (const mode of MODES) {
    const sd = new StyleDictionary({
      tokens: structuredClone(documents[mode]) as DesignTokens,
      log: { verbosity: 'silent', warnings: 'disabled' },
      platforms: {
        css: { transformGroup: 'css', files: [{ destination: 'css', format: 'css/variables' }] },
        ios: {
          transformGroup: 'ios-swift',
          files: [
            {
              destination: 'ios',
              format: 'ios-swift/class.swift',
              options: { className: 'DesignTokens' },
            },
          ],
        },
        android: {
          transformGroup: 'android',
          files: [{ destination: 'android', format: 'android/resources' }],
        },
      },
    })
    for (const platform of ['css', 'ios', 'android']) {
      const [file] = await sd.formatPlatform(platform)
      theirs[`${platform} ${mode}`] = file?.output as string
    }
  }
})

const only = (result: Result<ExportFile[]>) => {
  if (!result.ok) throw new Error(JSON.stringify(result.errors))
  return (result.value[0] as ExportFile).content
}

const toRgb = converter('rgb')

/**
 * Every color expression as 8-bit rgba, so that `#0066cc80`, `rgb(0% 40% 80% / 0.5)` and
 * `oklch(…)` (Style Dictionary writes colors inside composites in their own space) compare.
 */
function canonicalColors(text: string): string {
  return text.replace(
    /#[0-9a-f]{6,8}\b|(?:rgba?|hsla?|hwb|lab|lch|oklab|oklch|color)\([^)]*\)/gi,
    (color) => {
      const c = toRgb(parseColor(color)) as { r: number; g: number; b: number; alpha?: number }
      const to8 = (v: number) => Math.round(Math.min(1, Math.max(0, v)) * 255)
      return `rgba(${to8(c.r)},${to8(c.g)},${to8(c.b)},${Math.round((c.alpha ?? 1) * 1000) / 1000})`
    },
  )
}

function entries(text: string, pattern: RegExp): Map<string, string> {
  const out = new Map<string, string>()
  for (const match of text.matchAll(pattern)) out.set(match[1] as string, match[2] as string)
  return out
}

const typesBy = (name: (token: string) => string) =>
  new Map(set.tokens.map((t) => [name(t.name), t.type] as const))

describe.each(MODES)('Style Dictionary 5 and Tokencraft agree (mode %s)', (mode) => {
  it('css: same custom properties with the same values', () => {
    const pattern = /^\s*(--[\w-]+): (.*?);/gm
    const sd = entries(theirs[`css ${mode}`] as string, pattern)
    const us = entries(only(exportCss(set, { mode })), pattern)
    expect([...us.keys()].sort()).toEqual([...sd.keys()].sort())
    const types = typesBy(cssVariableName)
    let compared = 0
    for (const [name, value] of us) {
      const type = types.get(name) as TokenType
      // Style Dictionary 5 prints DTCG duration objects (and transitions made of them) as
      // "[object Object]".
      if (type === 'duration' || type === 'transition') continue
      expect(canonicalColors(value), `${name} (${type})`).toBe(
        canonicalColors(sd.get(name) as string),
      )
      compared++
    }
    expect(compared).toBeGreaterThan(2700)
  })

  it('ios: same constants with the same values', () => {
    const pattern = /public static let (\w+)(?:: \w+)? = (.*?)(?: \/\*\*.*)?$/gm
    const sd = entries(theirs[`ios ${mode}`] as string, pattern)
    const us = entries(only(exportIos(set, { mode })), pattern)
    expect([...us.keys()].sort()).toEqual([...sd.keys()].sort())
    const types = typesBy(swiftName)
    const number = (s: string) => Number(/^(?:CGFloat\()?(-?[\d.]+)\)?$/.exec(s)?.[1])
    let compared = 0
    for (const [name, value] of us) {
      const type = types.get(name) as TokenType
      const expected = sd.get(name) as string
      if (type === 'color') expect(value, name).toBe(expected)
      else if (['dimension', 'fontSize', 'number', 'fontWeight'].includes(type)) {
        expect(number(value), name).toBe(number(expected))
      } else continue // SD's ios-swift group writes the other types unquoted or as "[object Object]"
      compared++
    }
    expect(compared).toBeGreaterThan(2100)
  })

  it('android: same resources with the same values', () => {
    const pattern = /<\w+ name="(\w+)"[^>]*>(.*?)<\/\w+>/g
    const sd = entries(theirs[`android ${mode}`] as string, pattern)
    const us = entries(only(exportAndroid(set, { mode })), pattern)
    const types = typesBy(androidName)
    // A composite is one resource per property here, "[object Object]" in Style Dictionary.
    const plain = [...types].filter(([, t]) => !COMPOSITES.includes(t)).map(([n]) => n)
    expect(plain.every((n) => us.has(n) && sd.has(n))).toBe(true)
    let compared = 0
    for (const name of plain) {
      const type = types.get(name) as TokenType
      if (type === 'duration') continue
      expect(us.get(name), `${name} (${type})`).toBe(sd.get(name))
      compared++
    }
    expect(compared).toBeGreaterThan(2100)
  })
})
