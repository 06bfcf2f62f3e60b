/**
 * DNS-rebinding protection (SPEC §3, MCP Streamable HTTP "Security Warning"): a page on an
 * attacker's domain that re-resolves to this server's address reaches it with the attacker's
 * name in `Host`. Only PUBLIC_URL's host is accepted, and, when the server listens on a loopback
 * address, the loopback names. Ports do not matter: rebinding changes the name, not the port.
 */
import type { Middleware } from 'koa'

const LOOPBACK_NAMES = ['localhost', '127.0.0.1', '[::1]']
const LOOPBACK_BINDS = new Set(['127.0.0.1', '::1', '[::1]', 'localhost'])
/**
 * Health probes address the process by whatever name reaches it (a pod IP, `localhost` inside a
 * container bound to 0.0.0.0); the answer carries nothing a rebinding page could use.
 */
const UNCHECKED_PATHS = new Set(['/healthz'])

/** The host names a request may carry, from the configuration. */
export function allowedHostNames(config: { publicUrl: string; host: string }): Set<string> {
  const names = new Set([new URL(config.publicUrl).hostname])
  if (LOOPBACK_BINDS.has(config.host) || config.host.startsWith('127.')) {
    for (const name of LOOPBACK_NAMES) names.add(name)
  }
  return names
}

/** The host name of a Host header (RFC 9110 §7.2: uri-host [":" port]), lower-cased. */
export function hostNameOf(header: string): string | undefined {
  try {
    return new URL(`http://${header}`).hostname.toLowerCase()
  } catch {
    return undefined
  }
}

export function hostCheck(config: { publicUrl: string; host: string }): Middleware {
  const allowed = allowedHostNames(config)
  return async (ctx, next) => {
    if (UNCHECKED_PATHS.has(ctx.path)) return next()
    const name = hostNameOf(ctx.get('Host'))
    if (name === undefined || !allowed.has(name)) {
      ctx.status = 421
      ctx.body = { error: 'This server does not answer to that host name.' }
      return
    }
    await next()
  }
}
