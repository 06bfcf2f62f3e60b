import type { Middleware } from 'koa'

/**
 * Pages load only their own stylesheet and script; nothing may frame them (clickjacking,
 * CSP Level 3 `frame-ancestors`), plus the legacy X-Frame-Options for old browsers.
 * No `form-action`: browsers apply it to the redirect after a form POST, and the OAuth consent
 * form must redirect to the client's redirect_uri.
 */
const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ')

/**
 * HTTP Strict Transport Security (RFC 6797) when the server's public address is https: browsers
 * then refuse plain http to this host for a year, so a network attacker cannot strip TLS from a
 * later visit. Not `includeSubDomains` (other hosts of the domain are not ours to bind) and not
 * over plain http, where RFC 6797 §7.2 says it is ignored and localhost must keep working.
 */
const STRICT_TRANSPORT_SECURITY = 'max-age=31536000'

export function securityHeaders(config: { publicUrl: string }): Middleware {
  const headers: Record<string, string> = {
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': 'DENY',
    'Referrer-Policy': 'no-referrer',
  }
  if (config.publicUrl.startsWith('https:')) {
    headers['Strict-Transport-Security'] = STRICT_TRANSPORT_SECURITY
  }
  return async (ctx, next) => {
    ctx.set(headers)
    await next()
  }
}
