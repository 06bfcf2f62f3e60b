/**
 * Where to go after sign-up or log-in: only a path on this site, never another origin (no open
 * redirect). Refuses scheme-relative `//host`, backslash tricks browsers normalise to `//host`,
 * and control characters; anything refused becomes `/`.
 */
export function localNextPath(next: unknown): string {
  if (typeof next !== 'string' || !next.startsWith('/') || next.startsWith('//')) return '/'
  // biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point
  if (/[\\\u0000-\u001f\u007f]/.test(next)) return '/'
  const base = 'http://local.invalid'
  const url = new URL(next, base)
  if (url.origin !== base) return '/'
  return url.pathname + url.search + url.hash
}
