/**
 * The server's base URL as given on the command line, in TOKENCRAFT_URL or in the config file:
 * http or https, without a trailing slash, query or fragment, the form the server calls its
 * issuer (PUBLIC_URL). Pure.
 */
import { usageError } from './errors.ts'

export function normalizeServerUrl(input: string, from: string): string {
  let url: URL
  try {
    url = new URL(input.trim())
  } catch {
    throw usageError(`${from}: ${input} is not a URL; write it like https://tokens.example.com`)
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw usageError(`${from}: ${input} must start with https:// (or http://)`)
  }
  if (url.search || url.hash || url.username || url.password) {
    throw usageError(`${from}: ${input} must be the server's address only, without ?, # or a user`)
  }
  return `${url.origin}${url.pathname}`.replace(/\/+$/, '')
}
