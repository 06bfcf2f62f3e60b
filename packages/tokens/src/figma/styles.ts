import { resolveTokens } from '../resolve.ts'
import { toFigmaColor } from './color.ts'
import { toFigmaName } from './names.ts'
import type {
  EffectStylePlan,
  FigmaLineHeight,
  ShadowEffect,
  SourceToken,
  SourceTokenset,
  TextStylePlan,
  Unsupported,
} from './types.ts'
import { dimensionToPx, fontWeightToNumber } from './values.ts'

/** The usual style names of a font's weights, as font files name them (OpenType usWeightClass). */
const FONT_STYLE_BY_WEIGHT: [number, string][] = [
  [100, 'Thin'],
  [200, 'ExtraLight'],
  [300, 'Light'],
  [400, 'Regular'],
  [500, 'Medium'],
  [600, 'SemiBold'],
  [700, 'Bold'],
  [800, 'ExtraBold'],
  [900, 'Black'],
]

export function fontStyleFor(weight: number): string {
  let best = FONT_STYLE_BY_WEIGHT[3] as [number, string]
  for (const entry of FONT_STYLE_BY_WEIGHT) {
    if (Math.abs(entry[0] - weight) < Math.abs(best[0] - weight)) best = entry
  }
  return best[1]
}

function textStyle(token: SourceToken, value: unknown): TextStylePlan | string {
  if (typeof value !== 'object' || value === null) return 'typography value not readable'
  const v = value as Record<string, unknown>
  const family = Array.isArray(v.fontFamily) ? v.fontFamily[0] : v.fontFamily
  const size = dimensionToPx(v.fontSize)
  const weight = fontWeightToNumber(v.fontWeight ?? 400)
  if (typeof family !== 'string') return 'typography without a font family'
  if (size === null) return 'typography font size not convertible to pixels'
  if (weight === null) return 'typography font weight not readable'
  let lineHeight: FigmaLineHeight = { unit: 'AUTO' }
  if (typeof v.lineHeight === 'number') lineHeight = { unit: 'PERCENT', value: v.lineHeight * 100 }
  else if (v.lineHeight !== undefined) {
    const px = dimensionToPx(v.lineHeight)
    if (px !== null) lineHeight = { unit: 'PIXELS', value: px }
  }
  return {
    name: toFigmaName(token.name),
    tokenName: token.name,
    description: token.description ?? '',
    fontFamily: family,
    fontStyle: fontStyleFor(weight),
    fontSize: size,
    lineHeight,
    letterSpacing: { unit: 'PIXELS', value: dimensionToPx(v.letterSpacing ?? 0) ?? 0 },
  }
}

function shadowEffect(layer: unknown): ShadowEffect | null {
  if (typeof layer !== 'object' || layer === null) return null
  const v = layer as Record<string, unknown>
  const color = toFigmaColor(v.color)
  const x = dimensionToPx(v.offsetX)
  const y = dimensionToPx(v.offsetY)
  const blur = dimensionToPx(v.blur)
  const spread = dimensionToPx(v.spread ?? 0)
  if (!color || x === null || y === null || blur === null || spread === null) return null
  return {
    type: v.inset === true ? 'INNER_SHADOW' : 'DROP_SHADOW',
    color,
    offset: { x, y },
    radius: blur,
    spread,
  }
}

function effectStyle(token: SourceToken, value: unknown): EffectStylePlan | string {
  const layers = Array.isArray(value) ? value : [value]
  const effects: ShadowEffect[] = []
  for (const layer of layers) {
    const effect = shadowEffect(layer)
    if (!effect) return 'shadow value not readable'
    effects.push(effect)
  }
  return {
    name: toFigmaName(token.name),
    tokenName: token.name,
    description: token.description ?? '',
    effects,
  }
}

/**
 * Typography tokens as text styles and shadow tokens as effect styles, with every alias inside
 * them resolved. Figma styles have no modes, so they take the default mode's values; a token
 * whose other modes differ is listed.
 */
export function compositeStyles(tokenset: SourceTokenset) {
  const textStyles: TextStylePlan[] = []
  const effectStyles: EffectStylePlan[] = []
  const unsupported: Unsupported[] = []
  const composites = tokenset.tokens.filter((t) => t.type === 'typography' || t.type === 'shadow')
  const [defaultMode, ...otherModes] = tokenset.modes
  if (defaultMode === undefined || composites.length === 0) {
    return { textStyles, effectStyles, unsupported }
  }
  const resolved = new Map(
    tokenset.modes.map((mode) => [
      mode,
      resolveTokens(tokenset.tokens, mode, { fallbackMode: defaultMode }),
    ]),
  )
  const valueIn = (mode: string, token: SourceToken) => {
    const result = resolved.get(mode)
    return result?.ok ? result.value.get(token.name)?.value : undefined
  }

  for (const token of composites) {
    const value = valueIn(defaultMode, token)
    if (value === undefined) {
      const result = resolved.get(defaultMode)
      const error =
        result && !result.ok ? result.errors.find((e) => e.token === token.name) : undefined
      unsupported.push({
        tokenName: token.name,
        mode: defaultMode,
        reason: error
          ? `not resolvable: ${error.message}`
          : "the tokenset's aliases do not resolve",
      })
      continue
    }
    const plan = token.type === 'typography' ? textStyle(token, value) : effectStyle(token, value)
    if (typeof plan === 'string') {
      unsupported.push({ tokenName: token.name, mode: defaultMode, reason: plan })
      continue
    }
    if (token.type === 'typography') textStyles.push(plan as TextStylePlan)
    else effectStyles.push(plan as EffectStylePlan)
    const own = JSON.stringify(value)
    for (const mode of otherModes) {
      if (!(mode in token.values)) continue
      if (JSON.stringify(valueIn(mode, token)) !== own) {
        unsupported.push({
          tokenName: token.name,
          mode,
          reason: `Figma styles have no modes: the style holds the ${defaultMode} value`,
        })
      }
    }
  }
  return { textStyles, effectStyles, unsupported }
}
