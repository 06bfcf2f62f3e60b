import type { FigmaScope } from './types.ts'

/**
 * Where Figma offers a variable in its pickers. A colour is for fills and strokes, a dimension
 * for sizes, radii and gaps; the typography parts go to their own text fields. An empty list
 * hides the variable from every picker (a duration has no Figma property to bind to).
 */
const SCOPES_BY_TOKEN_TYPE: Record<string, FigmaScope[]> = {
  color: ['ALL_FILLS', 'STROKE_COLOR', 'EFFECT_COLOR'],
  dimension: ['WIDTH_HEIGHT', 'CORNER_RADIUS', 'GAP'],
  fontSize: ['FONT_SIZE'],
  lineHeight: ['LINE_HEIGHT'],
  letterSpacing: ['LETTER_SPACING'],
  fontWeight: ['FONT_WEIGHT'],
  fontFamily: ['FONT_FAMILY'],
  number: ['ALL_SCOPES'],
  string: ['ALL_SCOPES'],
  boolean: ['ALL_SCOPES'],
  duration: [],
}

export function scopesFor(tokenType: string): FigmaScope[] {
  return [...(SCOPES_BY_TOKEN_TYPE[tokenType] ?? [])]
}
