/**
 * Client Identifier URLs (draft-ietf-oauth-client-id-metadata-document §3): a client that
 * identifies itself with an https URL instead of a registered id. Pure: no I/O.
 */

/** Long enough for any real client's document URL; longer ones are refused before any fetch. */
const MAX_CLIENT_ID_URL_LENGTH = 2048

export type ClientIdUrlCheck = { ok: true; url: URL } | { ok: false; problem: string }

/**
 * Whether a `client_id` is meant as a Client ID Metadata Document URL. Registered ids are random
 * and `figma-plugin-v1`, so anything starting with `https://` can only be a document URL; it is
 * then checked by {@link checkClientIdUrl}, never looked up as a registration.
 */
export function isClientIdUrl(clientId: string): boolean {
  return clientId.slice(0, 8).toLowerCase() === 'https://'
}

/**
 * The rules of draft §3, checked on the string as sent: the URL parser would silently remove dot
 * segments and credentials' meaning, and §4 compares the document's `client_id` with this exact
 * string, so nothing here normalises it.
 */
export function checkClientIdUrl(value: string): ClientIdUrlCheck {
  if (value.length > MAX_CLIENT_ID_URL_LENGTH) {
    return { ok: false, problem: 'the client_id URL is too long' }
  }
  // §3: the https scheme (lower case: the document's client_id is compared byte for byte).
  if (!value.startsWith('https://')) {
    return { ok: false, problem: 'a client_id URL must use the https scheme' }
  }
  if (/[\s\\]/.test(value)) {
    return { ok: false, problem: 'the client_id URL contains spaces or backslashes' }
  }
  // §3: MUST NOT contain a fragment.
  if (value.includes('#')) {
    return { ok: false, problem: 'a client_id URL must not contain a fragment' }
  }
  const afterScheme = value.slice('https://'.length)
  const authorityEnd = afterScheme.search(/[/?]/)
  const authority = authorityEnd === -1 ? afterScheme : afterScheme.slice(0, authorityEnd)
  // §3: MUST NOT contain a username or password.
  if (authority.includes('@')) {
    return { ok: false, problem: 'a client_id URL must not contain a username or password' }
  }
  const rest = authorityEnd === -1 ? '' : afterScheme.slice(authorityEnd)
  const queryStart = rest.indexOf('?')
  const path = queryStart === -1 ? rest : rest.slice(0, queryStart)
  // §3: MUST contain a path component. The root path names no document (the MCP SDK refuses it
  // too), so a path of "/" alone does not count.
  if (path === '' || path === '/') {
    return { ok: false, problem: 'a client_id URL must have a path naming the document' }
  }
  // §3: MUST NOT contain single-dot or double-dot path segments, in any spelling the URL parser
  // would treat as one (RFC 3986 §5.2.4 with percent-encoded dots, as WHATWG URL does).
  for (const segment of path.split('/')) {
    if (/^(\.|%2e){1,2}$/i.test(segment)) {
      return { ok: false, problem: 'a client_id URL must not contain "." or ".." path segments' }
    }
  }
  let url: URL
  try {
    url = new URL(value)
  } catch {
    return { ok: false, problem: 'the client_id is not a valid URL' }
  }
  if (url.hostname === '') {
    return { ok: false, problem: 'the client_id URL has no host' }
  }
  return { ok: true, url }
}

/** The host that vouches for a document client, as the consent page shows it (host and port). */
export function vouchingHost(clientIdUrl: string): string {
  return new URL(clientIdUrl).host
}
