/** The CLI's pure rules, each directly: protocol details, messages and exit codes, lookups. */
import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { judgeAuthorizationResponse } from '../src/auth/authorization-response.ts'
import { metadataUrl } from '../src/auth/authorization-server.ts'
import { configDir } from '../src/auth/config-dir.ts'
import { browserCommand } from '../src/auth/open-browser.ts'
import { createPkce } from '../src/auth/pkce.ts'
import { signInFromAnswer } from '../src/auth/session.ts'
import { requestedScopes } from '../src/commands/login.ts'
import { importQuery } from '../src/commands/push.ts'
import { pickByIdOrName } from '../src/directory.ts'
import { CliError, EXIT } from '../src/errors.ts'
import { type FailedAnswer, failureError } from '../src/http/failures.ts'
import { retryAfterMs } from '../src/http/retry-after.ts'
import { bearerChallenge } from '../src/http/www-authenticate.ts'
import { normalizeServerUrl } from '../src/server-url.ts'

const SERVER = 'https://tokens.example.com'

const exitOf = (fn: () => unknown) => {
  try {
    fn()
  } catch (error) {
    return (error as CliError).exitCode
  }
  return 'no error'
}

describe('WWW-Authenticate (RFC 6750 §3)', () => {
  it('reads the Bearer challenge’s parameters, quoted or not', () => {
    expect(bearerChallenge('Bearer error="insufficient_scope", scope="export:tokens"')).toEqual({
      error: 'insufficient_scope',
      scope: 'export:tokens',
    })
    expect(
      bearerChallenge(
        'Basic realm="x", Bearer error=invalid_token, error_description="a \\"b\\", c"',
      ),
    ).toEqual({ error: 'invalid_token', error_description: 'a "b", c' })
    expect(bearerChallenge('Bearer')).toEqual({})
    expect(bearerChallenge('Basic realm="x"')).toBeUndefined()
    expect(bearerChallenge(null)).toBeUndefined()
  })
})

describe('Retry-After (RFC 9110 §10.2.3)', () => {
  it('is seconds or an HTTP date', () => {
    const now = Date.parse('2026-01-01T00:00:00Z')
    expect(retryAfterMs('3', now)).toBe(3_000)
    expect(retryAfterMs('Thu, 01 Jan 2026 00:00:10 GMT', now)).toBe(10_000)
    expect(retryAfterMs('Wed, 31 Dec 2025 00:00:00 GMT', now)).toBe(0)
    expect(retryAfterMs('soon', now)).toBeUndefined()
    expect(retryAfterMs(null, now)).toBeUndefined()
  })
})

describe('what a failed answer means', () => {
  const answer = (status: number, error: string, extra: Partial<FailedAnswer> = {}) => ({
    method: 'GET',
    path: '/api/v1/tokensets/t/export',
    status,
    contentType: 'application/json; charset=utf-8',
    wwwAuthenticate: null,
    body: JSON.stringify({ error }),
    ...extra,
  })
  const key = { kind: 'key', name: 'TOKENCRAFT_TOKEN' } as const
  const signIn = { kind: 'sign-in' } as const

  it('401: the credential is dead; a key is replaced on API Settings, a sign-in by login', () => {
    const forKey = failureError(answer(401, 'The access token is invalid'), SERVER, key)
    expect(forKey).toMatchObject({ exitCode: EXIT.auth, code: 'invalid_token' })
    expect(forKey.message).toContain(`${SERVER}/settings/api`)
    expect(failureError(answer(401, 'x'), SERVER, signIn).message).toContain(
      `run: tokencraft login --server ${SERVER}`,
    )
  })

  it('403: names the missing scope from WWW-Authenticate; else the role refusal', () => {
    const scope = failureError(
      answer(403, 'lacks', {
        wwwAuthenticate: 'Bearer error="insufficient_scope", scope="export:tokens"',
      }),
      SERVER,
      signIn,
    )
    expect(scope).toMatchObject({ exitCode: EXIT.forbidden, code: 'insufficient_scope' })
    expect(scope.message).toBe(
      `your sign-in lacks the export:tokens scope needed for GET /api/v1/tokensets/t/export; run: tokencraft login --server ${SERVER} --scope "export:tokens"`,
    )
    expect(failureError(answer(403, 'your role is viewer'), SERVER, key)).toMatchObject({
      exitCode: EXIT.forbidden,
      code: 'forbidden',
      message: 'GET /api/v1/tokensets/t/export: your role is viewer',
    })
  })

  it('other refusals keep the server’s message; 5xx and non-JSON answers are the server’s side', () => {
    expect(failureError(answer(404, 'Tokenset t was not found'), SERVER, key)).toMatchObject({
      exitCode: EXIT.refused,
      message: 'Tokenset t was not found',
    })
    expect(failureError(answer(422, 'bad value'), SERVER, key).exitCode).toBe(EXIT.refused)
    expect(failureError(answer(429, 'Rate limit exceeded'), SERVER, key)).toMatchObject({
      exitCode: EXIT.unavailable,
      code: 'rate_limited',
    })
    expect(
      failureError(
        answer(502, '', { contentType: 'text/html', body: '<h1>Bad Gateway</h1>' }),
        SERVER,
        key,
      ),
    ).toMatchObject({
      exitCode: EXIT.unavailable,
      code: 'server_error',
    })
    expect(
      failureError(
        answer(401, '', { contentType: 'text/html', body: '<p>login</p>' }),
        SERVER,
        key,
      ),
    ).toMatchObject({
      exitCode: EXIT.unavailable,
      code: 'not_tokencraft',
    })
  })
})

describe('the authorization response at the loopback redirect', () => {
  const expected = { state: 's1', issuer: SERVER }
  const judge = (query: Record<string, string>) =>
    judgeAuthorizationResponse(new URLSearchParams(query), expected)

  it('takes the code of this sign-in', () => {
    expect(judge({ code: 'c', state: 's1', iss: SERVER })).toEqual({ kind: 'code', code: 'c' })
    expect(judge({ code: 'c', state: 's1' })).toEqual({ kind: 'code', code: 'c' })
  })
  it('ignores what is no answer, and answers to other requests (RFC 6749 §10.12)', () => {
    expect(judge({})).toEqual({ kind: 'ignore' })
    expect(judge({ code: 'c', state: 'other' })).toEqual({ kind: 'foreign' })
    expect(judge({ code: 'c' })).toEqual({ kind: 'foreign' })
  })
  it('stops at a denial, an error, or another issuer (RFC 9207 §2.4)', () => {
    const denied = judge({ error: 'access_denied', state: 's1' })
    expect(denied.kind === 'failed' && denied.error.message).toBe(
      'the sign-in was denied in the browser; nothing was stored',
    )
    const mixUp = judge({ code: 'c', state: 's1', iss: 'https://evil.example' })
    expect(mixUp.kind === 'failed' && mixUp.error.code).toBe('issuer_mismatch')
  })
})

describe('sign-in details', () => {
  it('PKCE: S256 of a 43-character verifier (RFC 7636 §4.1, §4.2)', () => {
    const { verifier, challenge } = createPkce()
    expect(verifier).toMatch(/^[A-Za-z0-9_-]{43}$/)
    expect(challenge).toBe(createHash('sha256').update(verifier).digest('base64url'))
    expect(createPkce().verifier).not.toBe(verifier)
  })

  it('metadata URL of RFC 8414 §3.1, also under a path', () => {
    expect(metadataUrl(SERVER)).toBe(`${SERVER}/.well-known/oauth-authorization-server`)
    expect(metadataUrl('https://example.com/tokens')).toBe(
      'https://example.com/.well-known/oauth-authorization-server/tokens',
    )
  })

  it('--scope takes known scopes only', () => {
    expect(requestedScopes(undefined)).toEqual(['read:tokens', 'write:tokens', 'export:tokens'])
    expect(requestedScopes('read:tokens,export:tokens read:tokens')).toEqual([
      'read:tokens',
      'export:tokens',
    ])
    expect(exitOf(() => requestedScopes('read:tokens admin'))).toBe(EXIT.usage)
    expect(exitOf(() => requestedScopes(' '))).toBe(EXIT.usage)
  })

  it('keeps the refresh token the answer leaves out (RFC 6749 §6), and the expiry from expires_in', () => {
    const before = {
      issuer: SERVER,
      token_endpoint: `${SERVER}/token`,
      client_id: 'tokencraft-cli',
      resource: `${SERVER}/api/v1`,
      access_token: 'old',
      refresh_token: 'r1',
      scope: 'read:tokens',
    }
    const now = Date.parse('2026-01-01T00:00:00Z')
    expect(
      signInFromAnswer(before, { access_token: 'new', token_type: 'Bearer', expires_in: 60 }, now),
    ).toEqual({ ...before, access_token: 'new', expires_at: '2026-01-01T00:01:00.000Z' })
    expect(
      signInFromAnswer(
        before,
        { access_token: 'new', token_type: 'bearer', refresh_token: 'r2', scope: 'export:tokens' },
        now,
      ),
    ).toEqual({ ...before, access_token: 'new', refresh_token: 'r2', scope: 'export:tokens' })
  })

  it('opens the browser with BROWSER when set, else the system’s opener', () => {
    const url = 'https://x.example/a?b=1&c=2'
    expect(browserCommand(url, { BROWSER: 'firefox --new-tab' }, 'linux')).toEqual([
      'firefox',
      '--new-tab',
      url,
    ])
    expect(browserCommand(url, { BROWSER: 'open -a Safari %s' }, 'darwin')).toEqual([
      'open',
      '-a',
      'Safari',
      url,
    ])
    expect(browserCommand(url, {}, 'linux')).toEqual(['xdg-open', url])
    expect(browserCommand(url, {}, 'darwin')).toEqual(['open', url])
    expect(browserCommand(url, {}, 'win32')).toEqual([
      'rundll32',
      'url.dll,FileProtocolHandler',
      url,
    ])
  })

  it('keeps sign-ins in TOKENCRAFT_CONFIG_DIR, else an absolute XDG_CONFIG_HOME, else ~/.config', () => {
    expect(
      configDir({ TOKENCRAFT_CONFIG_DIR: 'cfg', XDG_CONFIG_HOME: '/x' }, '/home/a', '/w'),
    ).toBe('/w/cfg')
    expect(configDir({ XDG_CONFIG_HOME: '/x' }, '/home/a', '/w')).toBe('/x/tokencraft')
    expect(configDir({ XDG_CONFIG_HOME: 'relative' }, '/home/a', '/w')).toBe(
      '/home/a/.config/tokencraft',
    )
    expect(configDir({}, '/home/a', '/w')).toBe('/home/a/.config/tokencraft')
  })

  it('takes the server’s base URL only', () => {
    expect(normalizeServerUrl('https://tokens.example.com/', 'x')).toBe(SERVER)
    expect(normalizeServerUrl(' http://127.0.0.1:3000 ', 'x')).toBe('http://127.0.0.1:3000')
    expect(normalizeServerUrl('https://example.com/tokens/', 'x')).toBe(
      'https://example.com/tokens',
    )
    for (const bad of ['tokens.example.com', 'ftp://x', 'https://x/?a=1', 'https://u:p@x']) {
      expect(
        exitOf(() => normalizeServerUrl(bad, 'x')),
        bad,
      ).toBe(EXIT.usage)
    }
  })
})

describe('names and ids', () => {
  const items = [
    { id: 'a1', name: 'Brand' },
    { id: 'b2', name: 'Brand' },
    { id: 'c3', name: 'a1' },
  ]
  it('an id first, then a unique name', () => {
    expect(pickByIdOrName(items, 'a1', 'tokenset', 'here')).toBe(items[0])
    expect(pickByIdOrName(items, 'c3', 'tokenset', 'here')).toBe(items[2])
  })
  it('an ambiguous name is a usage error naming the ids; an unknown one lists the names', () => {
    expect(() => pickByIdOrName(items, 'Brand', 'tokenset', 'here')).toThrow(
      '2 tokensets here are named "Brand": name it by id (a1, b2)',
    )
    expect(exitOf(() => pickByIdOrName(items, 'Brand', 'tokenset', 'here'))).toBe(EXIT.usage)
    expect(() => pickByIdOrName(items, 'Nope', 'tokenset', 'here')).toThrow(
      new CliError(
        EXIT.refused,
        'not_found',
        'no tokenset "Nope" here; there are: "Brand", "Brand", "a1"',
      ),
    )
  })
})

describe('push options', () => {
  const base = { file: 'f.json', tokenset: 'Brand', mode: 'Light', skipInvalid: false }
  it('become the import’s query; a format the server does not read is a usage error', () => {
    expect(importQuery(base)).toBe('')
    expect(
      importQuery({ ...base, format: 'tokens-studio', tokenSets: 'core,dark', skipInvalid: true }),
    ).toBe('?format=tokens-studio&token_sets=core%2Cdark&skip_invalid=true')
    expect(exitOf(() => importQuery({ ...base, format: 'figma' }))).toBe(EXIT.usage)
  })
})
