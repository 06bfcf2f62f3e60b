/**
 * The authorization response the browser brings to the loopback redirect (RFC 6749 §4.1.2 and
 * §4.1.2.1), judged against the request that started it. Pure.
 */
import { CliError, EXIT } from '../errors.ts'

export type Expected = { state: string; issuer: string }

export type Judged =
  /** not an authorization response at all (e.g. the browser asking for /favicon.ico) */
  | { kind: 'ignore' }
  /** RFC 6749 §10.12: a response to another request (state differs) is refused, and the CLI
   * keeps waiting for its own */
  | { kind: 'foreign' }
  | { kind: 'code'; code: string }
  | { kind: 'failed'; error: CliError }

export function judgeAuthorizationResponse(query: URLSearchParams, expected: Expected): Judged {
  const code = query.get('code')
  const error = query.get('error')
  if (code === null && error === null) return { kind: 'ignore' }
  if (query.get('state') !== expected.state) return { kind: 'foreign' }
  // RFC 9207 §2.4: a response naming another issuer is a mix-up attack; stop
  const issuer = query.get('iss')
  if (issuer !== null && issuer !== expected.issuer) {
    return {
      kind: 'failed',
      error: new CliError(
        EXIT.auth,
        'issuer_mismatch',
        `the answer came from ${issuer}, not ${expected.issuer}; nothing was stored`,
      ),
    }
  }
  if (error !== null) {
    const description = query.get('error_description')
    return {
      kind: 'failed',
      error: new CliError(
        EXIT.auth,
        error,
        error === 'access_denied'
          ? 'the sign-in was denied in the browser; nothing was stored'
          : `the server refused the sign-in: ${description ?? error}`,
      ),
    }
  }
  return { kind: 'code', code: code as string }
}
