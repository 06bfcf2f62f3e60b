const BASE = 'http://local.invalid'

/**
 * Where to go after sign-up or log-in: only a path on this site, never another origin (no open
 * redirect). Refuses scheme-relative `//host`, backslashes (browsers read `/\host` as `//host`)
 * and control characters; then the URL parser normalizes the path (dot segments, `%2e`), and the
 * normalized result is checked again, since `/.//host`, `/..//host` and `/%2e//host` normalize
 * to `//host`. Anything refused becomes `/`.
 */
export function localNextPath(next: unknown): string {
  if (typeof next !== 'string' || !next.startsWith('/') || next.startsWith('//')) return '/'
  // biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point
  if (/[\\\u0000-\u001f\u007f]/.test(next)) return '/'
  const url = new URL(next, BASE)
  const path = url.pathname + url.search + url.hash
  // what the browser will do with the Location we send: it must stay this path on this origin
  const followed = new URL(path, BASE)
  if (path.startsWith('//') || followed.origin !== BASE || followed.href !== url.href) return '/'
  return path
}
