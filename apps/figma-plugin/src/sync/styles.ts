import type { CollectionPlan, ShadowEffect, Unsupported } from '@tokencraft/tokens'
import { type FigmaHost, PLUGIN_DATA_NAMESPACE } from './figma-host.ts'

const STYLE_KEY = 'token'

function styleKey(tokensetId: string, tokenName: string): string {
  return `${tokensetId}:${tokenName}`
}

function byKey<S extends BaseStyle>(styles: S[]): Map<string, S> {
  const map = new Map<string, S>()
  for (const style of styles) {
    const key = style.getSharedPluginData(PLUGIN_DATA_NAMESPACE, STYLE_KEY)
    if (key) map.set(key, style)
  }
  return map
}

function toEffect(effect: ShadowEffect): DropShadowEffect | InnerShadowEffect {
  return {
    type: effect.type,
    color: effect.color,
    offset: effect.offset,
    radius: effect.radius,
    spread: effect.spread,
    visible: true,
    blendMode: 'NORMAL',
  }
}

/**
 * Typography tokens as text styles and shadows as effect styles, updated in place when an
 * earlier pull made them. A font Figma cannot load is reported, and that style skipped.
 */
export async function applyStyles(
  figma: FigmaHost,
  tokensetId: string,
  plan: CollectionPlan,
  unsupported: Unsupported[],
): Promise<{ textStyles: number; effectStyles: number }> {
  let textStyles = 0
  let effectStyles = 0
  if (plan.textStyles.length > 0) {
    const existing = byKey(await figma.getLocalTextStylesAsync())
    for (const planned of plan.textStyles) {
      const fontName = { family: planned.fontFamily, style: planned.fontStyle }
      try {
        await figma.loadFontAsync(fontName)
      } catch {
        unsupported.push({
          tokenName: planned.tokenName,
          reason: `font ${planned.fontFamily} ${planned.fontStyle} is not available in Figma`,
        })
        continue
      }
      const key = styleKey(tokensetId, planned.tokenName)
      const style = existing.get(key) ?? figma.createTextStyle()
      style.setSharedPluginData(PLUGIN_DATA_NAMESPACE, STYLE_KEY, key)
      style.name = planned.name
      style.description = planned.description
      style.fontName = fontName
      style.fontSize = planned.fontSize
      style.lineHeight = planned.lineHeight
      style.letterSpacing = planned.letterSpacing
      textStyles += 1
    }
  }
  if (plan.effectStyles.length > 0) {
    const existing = byKey(await figma.getLocalEffectStylesAsync())
    for (const planned of plan.effectStyles) {
      const key = styleKey(tokensetId, planned.tokenName)
      const style = existing.get(key) ?? figma.createEffectStyle()
      style.setSharedPluginData(PLUGIN_DATA_NAMESPACE, STYLE_KEY, key)
      style.name = planned.name
      style.description = planned.description
      style.effects = planned.effects.map(toEffect)
      effectStyles += 1
    }
  }
  return { textStyles, effectStyles }
}
