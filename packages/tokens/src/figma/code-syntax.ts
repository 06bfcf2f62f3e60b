import { androidName } from '../export/android.ts'
import { cssVariableName } from '../export/css.ts'
import { swiftName } from '../export/ios.ts'
import type { TokenType } from '../types.ts'
import type { FigmaCodeSyntax } from './types.ts'

/**
 * The `enum` of `DesignTokens` that the Swift export puts a type's constants in (checked
 * against the export's output in the plugin's tests).
 */
const SWIFT_ENUM: Record<TokenType, string> = {
  color: 'Color',
  dimension: 'Dimension',
  fontSize: 'Dimension',
  letterSpacing: 'Dimension',
  lineHeight: 'Number',
  number: 'Number',
  fontWeight: 'FontWeight',
  duration: 'Duration',
  fontFamily: 'FontFamily',
  cubicBezier: 'CubicBezier',
  string: 'Text',
  boolean: 'Boolean',
  strokeStyle: 'StrokeStyle',
  border: 'Border',
  transition: 'Transition',
  typography: 'Typography',
  shadow: 'Shadow',
  gradient: 'Gradient',
}

/**
 * What Figma's Dev Mode shows for a variable on each platform: the names our exports give the
 * token (CSS custom property, Android resource, Swift constant of `DesignTokens`).
 */
export function codeSyntaxFor(tokenName: string, tokenType: TokenType): FigmaCodeSyntax {
  return {
    WEB: `var(${cssVariableName(tokenName)})`,
    ANDROID: androidName(tokenName),
    iOS: `DesignTokens.${SWIFT_ENUM[tokenType]}.${swiftName(tokenName)}`,
  }
}
