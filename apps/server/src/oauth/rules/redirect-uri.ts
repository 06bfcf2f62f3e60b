/**
 * Redirect URI rules: which URIs a client may register (RFC 6749 §3.1.2, RFC 8252 §7, OAuth 2.1
 * §2.3.1) and when a requested one matches a registered one (OAuth 2.1 §4.1.1, RFC 8252 §7.3).
 * Pure: no I/O.
 */

/** The loopback hosts of RFC 8252 §7.3 (and `localhost`, which MCP clients use in practice). */
const LOOPBACK_HOSTS = new Set(['127.0.0.1', '[::1]', 'localhost'])

/**
 * Schemes a browser would run, read locally or treat as content instead of navigating to an
 * application: an authorization code sent there leaks to a page or the file system.
 */
const REFUSED_SCHEMES = new Set([
  'javascript:',
  'data:',
  'file:',
  'vbscript:',
  'blob:',
  'about:',
  'filesystem:',
  'view-source:',
])

/**
 * Schemes standardised for a network protocol or a message (IANA URI Schemes registry), which a
 * browser hands to that protocol's client, never to the application that asked for the code:
 * it would travel in clear (ftp:, ws:, telnet:) or into a message to whomever the URI names
 * (mailto:, sms:, tel:, xmpp:). A private-use scheme names an application (RFC 8252 §7.1).
 */
const PROTOCOL_SCHEMES = new Set([
  'ftp:',
  'ftps:',
  'sftp:',
  'ws:',
  'wss:',
  'mailto:',
  'tel:',
  'sms:',
  'mms:',
  'news:',
  'nntp:',
  'snews:',
  'gopher:',
  'telnet:',
  'ssh:',
  'ldap:',
  'ldaps:',
  'irc:',
  'ircs:',
  'smb:',
  'nfs:',
  'rtsp:',
  'sip:',
  'sips:',
  'xmpp:',
  'geo:',
])

/** RFC 3986 §3.1 scheme syntax. */
const SCHEME = /^[a-z][a-z0-9+.-]*:/i

export function isLoopbackHttp(url: URL): boolean {
  return url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname)
}

/**
 * Why `uri` may not be registered, or undefined when it may. Accepted: https, http to a
 * loopback host (RFC 8252 §7.3) and private-use schemes such as `cursor://` (RFC 8252 §7.1).
 */
export function redirectUriProblem(uri: string): string | undefined {
  if (!SCHEME.test(uri)) return `${uri} is not an absolute URI`
  let url: URL
  try {
    url = new URL(uri)
  } catch {
    return `${uri} is not a valid URI`
  }
  // RFC 6749 §3.1.2: the redirection endpoint URI MUST NOT include a fragment component
  if (uri.includes('#')) return `${uri} has a fragment, which redirect URIs may not have`
  if (REFUSED_SCHEMES.has(url.protocol) || PROTOCOL_SCHEMES.has(url.protocol)) {
    return `${url.protocol} redirect URIs are not allowed`
  }
  // RFC 3986 §7.5 / RFC 9700 §4.1.1: `https://trusted.example@evil.example/` reads as one host
  // and goes to another; a redirect URI has no use for credentials
  if (url.username !== '' || url.password !== '') {
    return `${uri} carries user information (user@host), which redirect URIs may not have`
  }
  if (url.protocol === 'https:') return url.hostname ? undefined : `${uri} has no host`
  if (url.protocol === 'http:') {
    // OAuth 2.1 §2.3.1: plain http only to the loopback interface, where nothing can listen in
    return isLoopbackHttp(url)
      ? undefined
      : `${uri} uses plain http to a host other than 127.0.0.1, [::1] or localhost`
  }
  // RFC 8252 §7.1: any other scheme is a private-use scheme claimed by a native application
  return undefined
}

/**
 * Whether a requested redirect URI matches one registered: by exact string comparison (OAuth 2.1
 * §4.1.1), except that for loopback http redirects the port is ignored, because native
 * applications get a free port from the system when they start (RFC 8252 §7.3).
 */
export function redirectUriMatches(requested: string, registered: readonly string[]): boolean {
  if (registered.includes(requested)) return true
  const url = parseHttpLoopback(requested)
  if (!url) return false
  return registered.some((candidate) => {
    const other = parseHttpLoopback(candidate)
    return other !== undefined && withoutPort(other) === withoutPort(url)
  })
}

function parseHttpLoopback(uri: string): URL | undefined {
  if (uri.includes('#')) return undefined
  try {
    const url = new URL(uri)
    return isLoopbackHttp(url) && !url.username && !url.password ? url : undefined
  } catch {
    return undefined
  }
}

function withoutPort(url: URL): string {
  return `${url.protocol}//${url.hostname}${url.pathname}${url.search}`
}
