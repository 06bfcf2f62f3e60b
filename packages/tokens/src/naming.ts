/**
 * Output names from token paths, with the word splitting Style Dictionary applies through
 * change-case 5 (its `name/kebab`, `name/camel`, `name/snake` transforms), so that a token has
 * the same name in our exports as in Style Dictionary's.
 */

/** Splits at lower→Upper and UPPER→Upper-lower boundaries and at anything not a letter or digit. */
export function words(text: string): string[] {
  return text
    .replace(/([\p{Ll}\d])(\p{Lu})/gu, '$1\0$2')
    .replace(/(\p{Lu})([\p{Lu}][\p{Ll}])/gu, '$1\0$2')
    .split(/[^\p{L}\d]+|\0/u)
    .filter((w) => w.length > 0)
}

const pathWords = (path: readonly string[]) => words(path.join(' '))

export function kebabName(path: readonly string[]): string {
  return pathWords(path)
    .map((w) => w.toLowerCase())
    .join('-')
}

export function snakeName(path: readonly string[]): string {
  return pathWords(path)
    .map((w) => w.toLowerCase())
    .join('_')
}

const capital = (w: string) => `${w.charAt(0).toUpperCase()}${w.slice(1).toLowerCase()}`

export function camelName(path: readonly string[]): string {
  return pathWords(path)
    .map((w, i) => (i === 0 ? w.toLowerCase() : capital(w)))
    .join('')
}

export function pascalName(path: readonly string[]): string {
  return pathWords(path).map(capital).join('')
}

/**
 * Caches an output-name function: the same names are exported again and again (every mode,
 * every format, every request), and splitting words is the costly part. The cache is emptied
 * when it grows past `limit`, which bounds its memory.
 */
export function memoizeName(
  fn: (name: string) => string,
  limit = 100_000,
): (name: string) => string {
  const cache = new Map<string, string>()
  return (name) => {
    let out = cache.get(name)
    if (out === undefined) {
      if (cache.size >= limit) cache.clear()
      out = fn(name)
      cache.set(name, out)
    }
    return out
  }
}
