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

export function securityHeaders(): Middleware {
  return async (ctx, next) => {
    ctx.set({
      'Content-Security-Policy': CONTENT_SECURITY_POLICY,
      'X-Content-Type-Options': 'nosniff',
      'X-Frame-Options': 'DENY',
      'Referrer-Policy': 'no-referrer',
    })
    await next()
  }
}
