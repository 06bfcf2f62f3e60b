/**
 * The parameters of a Bearer challenge in `WWW-Authenticate` (RFC 6750 §3, auth-param syntax of
 * RFC 9110 §11.2): `error`, `error_description`, `scope`, `resource_metadata`. Pure.
 */
const AUTH_PARAM = /([A-Za-z0-9!#$%&'*+.^_`|~-]+)\s*=\s*("(?:[^"\\]|\\.)*"|[^,\s]*)/g

/** The Bearer challenge's parameters, or undefined when the header has no Bearer challenge. */
export function bearerChallenge(header: string | null): Record<string, string> | undefined {
  const start = header?.match(/(?:^|,)\s*Bearer(?:\s+|$)/i)
  if (!header || !start || start.index === undefined) return undefined
  const params: Record<string, string> = {}
  const rest = header.slice(start.index + start[0].length)
  for (const [, name, raw] of rest.matchAll(AUTH_PARAM)) {
    if (!name || raw === undefined) continue
    const key = name.toLowerCase()
    if (key in params) continue
    params[key] = raw.startsWith('"') ? raw.slice(1, -1).replace(/\\(.)/g, '$1') : raw
  }
  return params
}
