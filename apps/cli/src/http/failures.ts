/**
 * What a failed request means for the person at the terminal: one CliError per kind of answer,
 * saying what happened and what to do. Pure: the response is read by the caller.
 */
import { CliError, EXIT } from '../errors.ts'
import { bearerChallenge } from './www-authenticate.ts'

/** Which credential a request used, for messages: an API key, or the stored sign-in. */
export type CredentialSource = { kind: 'key'; name: string } | { kind: 'sign-in' }

export type FailedAnswer = {
  method: string
  path: string
  status: number
  contentType: string | null
  wwwAuthenticate: string | null
  body: string
}

/** The API's errors are JSON `{ "error": "…" }`; anything else did not come from Tokencraft. */
function apiMessage(answer: FailedAnswer): string | undefined {
  if (!answer.contentType?.toLowerCase().startsWith('application/json')) return undefined
  try {
    const parsed = JSON.parse(answer.body) as { error?: unknown }
    return typeof parsed.error === 'string' ? parsed.error : undefined
  } catch {
    return undefined
  }
}

export function notTokencraft(server: string, what: string): CliError {
  return new CliError(
    EXIT.unavailable,
    'not_tokencraft',
    `${server} does not look like a Tokencraft server (${what}); check --server or TOKENCRAFT_URL`,
  )
}

const signInAgain = (server: string, scopes?: string) =>
  `run: tokencraft login --server ${server}${scopes ? ` --scope "${scopes}"` : ''}`

export function failureError(
  answer: FailedAnswer,
  server: string,
  source: CredentialSource,
): CliError {
  const message = apiMessage(answer)
  const request = `${answer.method} ${answer.path}`
  if (answer.status >= 500) {
    return new CliError(
      EXIT.unavailable,
      'server_error',
      `${server} failed to answer ${request} (HTTP ${answer.status}${message ? `: ${message}` : ''}); try again later`,
    )
  }
  if (message === undefined) {
    return notTokencraft(
      server,
      `${request} answered HTTP ${answer.status} ${answer.contentType ?? 'without a content type'}`,
    )
  }
  const credential = source.kind === 'key' ? source.name : 'your sign-in'
  switch (answer.status) {
    case 401:
      return new CliError(
        EXIT.auth,
        'invalid_token',
        `${server} refused ${credential}: it is invalid, expired or revoked; ${
          source.kind === 'key'
            ? `create a new API token under ${server}/settings/api and set ${source.name} to it`
            : signInAgain(server)
        }`,
      )
    case 403: {
      // RFC 6750 §3.1: insufficient_scope names the scope that would do
      const scope = bearerChallenge(answer.wwwAuthenticate)?.scope
      if (scope) {
        return new CliError(
          EXIT.forbidden,
          'insufficient_scope',
          `${credential} lacks the ${scope} scope needed for ${request}; ${
            source.kind === 'key'
              ? `create an API token with ${scope} under ${server}/settings/api`
              : signInAgain(server, scope)
          }`,
        )
      }
      return new CliError(EXIT.forbidden, 'forbidden', `${request}: ${message}`)
    }
    case 429:
      return new CliError(
        EXIT.unavailable,
        'rate_limited',
        `${server} still limits ${credential} after waiting (${message}); try again in a minute`,
      )
    case 404:
      return new CliError(EXIT.refused, 'not_found', message)
    case 409:
      return new CliError(EXIT.refused, 'conflict', message)
    case 422:
      return new CliError(EXIT.refused, 'invalid', message)
    default:
      return new CliError(
        EXIT.refused,
        'bad_request',
        `${request} (HTTP ${answer.status}): ${message}`,
      )
  }
}

/** A request that got no answer at all: refused connection, unknown host, timeout. */
export function networkError(error: unknown, server: string, timeoutMs: number): CliError {
  const name = (error as { name?: unknown }).name
  if (name === 'TimeoutError') {
    return new CliError(
      EXIT.unavailable,
      'timeout',
      `${server} did not answer within ${timeoutMs / 1000} s; try again later`,
    )
  }
  const cause = (error as { cause?: { code?: unknown; message?: unknown } }).cause
  const code = typeof cause?.code === 'string' ? cause.code : undefined
  const reasons: Record<string, string> = {
    ECONNREFUSED: 'the connection was refused (is the server running, and is the port right?)',
    ENOTFOUND: 'the host name is unknown',
    EAI_AGAIN: 'the host name could not be looked up',
    ECONNRESET: 'the connection was reset',
    ETIMEDOUT: 'the connection timed out',
    EHOSTUNREACH: 'the host is unreachable',
  }
  const reason =
    (code && reasons[code]) ??
    (code ? `network error ${code}` : String(cause?.message ?? (error as Error).message))
  return new CliError(EXIT.unavailable, 'unreachable', `cannot reach ${server}: ${reason}`)
}
