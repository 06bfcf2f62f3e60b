import type { FlatToken, Tokenset, TokenType } from '../types.ts'

/**
 * Plain-data shapes of what a tokenset becomes in Figma. They mirror the Figma Plugin API's
 * types (`VariableResolvedDataType`, `VariableScope`, `CodeSyntaxPlatform`, `RGBA`) without
 * depending on its global typings, so this package stays free of any Figma runtime.
 */

/** The tokens the mapping reads: the package's flat token model. */
export type SourceToken = FlatToken
export type SourceTokenset = Pick<Tokenset, 'modes' | 'tokens'>

export type FigmaResolvedType = 'COLOR' | 'FLOAT' | 'STRING' | 'BOOLEAN'

export type FigmaScope =
  | 'ALL_SCOPES'
  | 'TEXT_CONTENT'
  | 'CORNER_RADIUS'
  | 'WIDTH_HEIGHT'
  | 'GAP'
  | 'ALL_FILLS'
  | 'FRAME_FILL'
  | 'SHAPE_FILL'
  | 'TEXT_FILL'
  | 'STROKE_COLOR'
  | 'STROKE_FLOAT'
  | 'EFFECT_FLOAT'
  | 'EFFECT_COLOR'
  | 'OPACITY'
  | 'FONT_FAMILY'
  | 'FONT_STYLE'
  | 'FONT_WEIGHT'
  | 'FONT_SIZE'
  | 'LINE_HEIGHT'
  | 'LETTER_SPACING'
  | 'PARAGRAPH_SPACING'
  | 'PARAGRAPH_INDENT'

export type FigmaCodeSyntax = { WEB: string; ANDROID: string; iOS: string }

export type FigmaRgba = { r: number; g: number; b: number; a: number }

/** A literal Figma variable value. */
export type FigmaLiteral = FigmaRgba | number | string | boolean

/** A value for one mode: a literal, or an alias to another variable named with `/`. */
export type FigmaModeValue =
  | { kind: 'literal'; value: FigmaLiteral }
  | { kind: 'alias'; target: string }

export type VariablePlan = {
  /** Figma variable name (`colors/primary/500`). */
  name: string
  /** The token's name in dot notation, kept to match the variable on the next pull. */
  tokenName: string
  tokenType: TokenType
  resolvedType: FigmaResolvedType
  description: string
  scopes: FigmaScope[]
  codeSyntax: FigmaCodeSyntax
  /** Keyed by mode name; a mode the token has no value in is absent. */
  valuesByMode: Record<string, FigmaModeValue>
}

export type FigmaLineHeight = { unit: 'PIXELS' | 'PERCENT'; value: number } | { unit: 'AUTO' }

export type TextStylePlan = {
  name: string
  tokenName: string
  description: string
  fontFamily: string
  fontStyle: string
  fontSize: number
  lineHeight: FigmaLineHeight
  letterSpacing: { unit: 'PIXELS'; value: number }
}

export type ShadowEffect = {
  type: 'DROP_SHADOW' | 'INNER_SHADOW'
  color: FigmaRgba
  offset: { x: number; y: number }
  radius: number
  spread: number
}

export type EffectStylePlan = {
  name: string
  tokenName: string
  description: string
  effects: ShadowEffect[]
}

/** Something of the tokenset that Figma cannot hold, with the reason, for the pull summary. */
export type Unsupported = { tokenName: string; mode?: string; reason: string }

export type CollectionPlan = {
  modes: string[]
  /** Variables whose values are all literals come first, then the ones holding aliases. */
  variables: VariablePlan[]
  textStyles: TextStylePlan[]
  effectStyles: EffectStylePlan[]
  unsupported: Unsupported[]
}
