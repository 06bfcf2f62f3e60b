import type { FigmaCodeSyntax } from './types.ts'

/** Words of a dot path the way Style Dictionary's name transforms split them (lodash `words`). */
function words(tokenName: string): string[] {
  return tokenName.match(/[A-Z]{2,}(?=[A-Z][a-z]|\d|\b)|[A-Z]?[a-z]+|[A-Z]+|\d+/g) ?? []
}

function capitalize(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1)
}

function camel(parts: string[]): string {
  return parts.map((w, i) => (i === 0 ? w.toLowerCase() : capitalize(w.toLowerCase()))).join('')
}

/**
 * What Figma's Dev Mode shows for a variable on each platform: the names our exports give the
 * token (CSS custom property, Android resource, Swift member of `DesignTokens.<Type>`).
 */
export function codeSyntaxFor(tokenName: string, tokenType: string): FigmaCodeSyntax {
  const parts = words(tokenName)
  const lower = parts.map((w) => w.toLowerCase())
  return {
    WEB: `var(--${lower.join('-')})`,
    ANDROID: lower.join('_'),
    iOS: `DesignTokens.${capitalize(tokenType)}.${camel(parts)}`,
  }
}
