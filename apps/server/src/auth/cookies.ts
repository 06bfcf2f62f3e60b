import type { Context } from 'koa'

export type CookieOptions = {
  secure: boolean
  /** seconds; 0 deletes the cookie; omitted: a browser-session cookie */
  maxAge?: number
}

/**
 * The name a cookie is stored under: with the `__Host-` prefix when cookies are Secure
 * (RFC 6265bis §4.1.3.2), so that the browser accepts it only from this exact origin over https,
 * with `Path=/` and no `Domain`: a sibling subdomain or a plain-http response cannot plant or
 * overwrite it. Plain http (localhost) cannot carry the prefix, so there the bare name is used.
 */
export function cookieName(name: string, secure: boolean): string {
  return secure ? `__Host-${name}` : name
}

/**
 * Sets an HttpOnly, SameSite=Lax cookie (RFC 6265 §4.1) with `Path=/` and no `Domain`, as the
 * `__Host-` prefix requires. Written by hand rather than with ctx.cookies, which refuses `Secure`
 * on a plain-http hop behind a TLS-terminating proxy.
 */
export function setCookie(ctx: Context, name: string, value: string, options: CookieOptions): void {
  const parts = [`${name}=${value}`, 'Path=/', 'HttpOnly', 'SameSite=Lax']
  if (options.maxAge !== undefined) {
    parts.push(`Max-Age=${options.maxAge}`)
    if (options.maxAge === 0) parts.push('Expires=Thu, 01 Jan 1970 00:00:00 GMT')
  }
  if (options.secure) parts.push('Secure')
  ctx.append('Set-Cookie', parts.join('; '))
}

export function clearCookie(ctx: Context, name: string, secure: boolean): void {
  setCookie(ctx, name, '', { secure, maxAge: 0 })
}
