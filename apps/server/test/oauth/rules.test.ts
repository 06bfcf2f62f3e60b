import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { originAllowed } from '../../src/mcp/origin-check.ts'
import { OAuthError } from '../../src/oauth/errors.ts'
import { allowedHostNames, hostNameOf } from '../../src/oauth/host-check.ts'
import { authorizationServerMetadata, protectedResourceMetadata } from '../../src/oauth/metadata.ts'
import { tokenMayCall } from '../../src/oauth/rules/audience.ts'
import {
  authorizationResponseUri,
  checkAuthorizationRequest,
} from '../../src/oauth/rules/authorization-request.ts'
import { authenticateClient, presentedClient } from '../../src/oauth/rules/client-auth.ts'
import { checkCodeChallenge, verifyCodeVerifier } from '../../src/oauth/rules/pkce.ts'
import { redirectUriMatches, redirectUriProblem } from '../../src/oauth/rules/redirect-uri.ts'
import { normaliseRegistration } from '../../src/oauth/rules/registration.ts'
import { checkResource, resourceForToken } from '../../src/oauth/rules/resource.ts'
import { parseScope } from '../../src/oauth/rules/scope.ts'

const PUBLIC_URL = 'https://tokens.example.com'
const code = (fn: () => unknown) => {
  try {
    fn()
  } catch (error) {
    return (error as OAuthError).code
  }
  return 'no error'
}

describe('redirect URIs at registration', () => {
  it.each([
    'https://claude.ai/api/mcp/auth_callback',
    'https://www.cursor.com/agents/mcp/oauth/callback',
    'cursor://anysphere.cursor-mcp/oauth/callback',
    'vscode://vscode.github-authentication/did-authenticate',
    'http://localhost:8787/callback',
    'http://127.0.0.1/',
    'http://[::1]:9000/cb',
    'com.example.app:/oauth2redirect',
  ])('accepts %s', (uri) => expect(redirectUriProblem(uri)).toBeUndefined())

  it.each([
    'javascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'file:///etc/passwd',
    'https://app.example/cb#frag',
    'http://app.example/callback',
    'http://192.168.1.2/cb',
    '/relative/path',
    'not a uri',
    // schemes of a network protocol or a message, not of an application
    'ftp://files.example/cb',
    'ws://127.0.0.1:8080/cb',
    'wss://app.example/cb',
    'mailto:oauth@app.example',
    'sms:+15550100',
    'tel:+15550100',
    'FTP://files.example/cb',
    // user information: reads as one host, goes to another
    'https://claude.ai@evil.example/cb',
    'https://user:secret@app.example/cb',
    'cursor://user@anysphere.cursor-mcp/oauth/callback',
  ])('refuses %s', (uri) => expect(redirectUriProblem(uri)).toEqual(expect.any(String)))
})

describe('redirect URIs at authorization', () => {
  it('matches registered URIs exactly', () => {
    const registered = ['https://app.example/cb']
    expect(redirectUriMatches('https://app.example/cb', registered)).toBe(true)
    expect(redirectUriMatches('https://app.example/cb/', registered)).toBe(false)
    expect(redirectUriMatches('https://app.example/cb?x=1', registered)).toBe(false)
    expect(redirectUriMatches('https://APP.example/cb', registered)).toBe(false)
  })

  it('accepts any port for a loopback redirect (RFC 8252 §7.3), nothing else varies', () => {
    const registered = ['http://127.0.0.1/callback', 'http://localhost:6274/oauth/callback']
    expect(redirectUriMatches('http://127.0.0.1:51234/callback', registered)).toBe(true)
    expect(redirectUriMatches('http://localhost:1/oauth/callback', registered)).toBe(true)
    expect(redirectUriMatches('http://127.0.0.1:51234/other', registered)).toBe(false)
    expect(redirectUriMatches('http://localhost:51234/callback', registered)).toBe(false)
    expect(redirectUriMatches('https://127.0.0.1:51234/callback', registered)).toBe(false)
  })

  it('does not extend port freedom to other hosts', () => {
    expect(redirectUriMatches('https://app.example:8443/cb', ['https://app.example/cb'])).toBe(
      false,
    )
  })
})

describe('registration metadata (RFC 7591 §2)', () => {
  const base = { redirect_uris: ['https://app.example/cb'] }

  it('ignores unknown fields and trims grant types to what is offered', () => {
    const metadata = normaliseRegistration({
      ...base,
      client_name: 'Claude',
      grant_types: ['authorization_code', 'refresh_token', 'client_credentials'],
      response_types: ['code'],
      token_endpoint_auth_method: 'none',
      made_up_field: 'x',
    })
    expect(metadata).toEqual({
      redirect_uris: ['https://app.example/cb'],
      client_name: 'Claude',
      token_endpoint_auth_method: 'none',
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
    })
  })

  it('defaults to client_secret_basic and authorization_code', () => {
    const metadata = normaliseRegistration(base)
    expect(metadata.token_endpoint_auth_method).toBe('client_secret_basic')
    expect(metadata.grant_types).toEqual(['authorization_code'])
  })

  it('refuses a client that would get no grant type at all', () => {
    expect(
      code(() => normaliseRegistration({ ...base, grant_types: ['client_credentials'] })),
    ).toBe('invalid_client_metadata')
  })

  it('accepts application_type native and web only', () => {
    expect(normaliseRegistration({ ...base, application_type: 'native' }).application_type).toBe(
      'native',
    )
    expect(normaliseRegistration({ ...base, application_type: 'web' }).application_type).toBe('web')
    expect(code(() => normaliseRegistration({ ...base, application_type: 'desktop' }))).toBe(
      'invalid_client_metadata',
    )
  })

  it('refuses unsafe redirect URIs with invalid_redirect_uri', () => {
    expect(code(() => normaliseRegistration({ redirect_uris: ['javascript:alert(1)'] }))).toBe(
      'invalid_redirect_uri',
    )
    expect(code(() => normaliseRegistration({}))).toBe('invalid_redirect_uri')
  })

  it('does not let a client pose as a pre-registered one (the Figma plugin, the CLI), in look-alike letters neither', () => {
    for (const name of [
      'figma-plugin-v1',
      'Figma Plugin V1',
      'Tokencraft for Figma',
      'Tokencraft for F\u0456gma', // Cyrillic і
      'T\u043ekencraft for Figma', // Cyrillic о
      'Tokencraft for Figrna', // rn looks like m
      'Tokencraft for Fig\u200bma', // zero-width space
      'Ｔｏｋｅｎｃｒａｆｔ ｆｏｒ Ｆｉｇｍａ', // full-width (NFKC)
      'Tokencraft for Fi\u0301gma', // combining accent
      'T0kencraft for Figma',
      'figma-plugin-vl',
      'tokencraft-cli',
      'Tokencraft CLI',
      'T0kencraft CLI',
    ]) {
      expect(code(() => normaliseRegistration({ ...base, client_name: name }))).toBe(
        'invalid_client_metadata',
      )
    }
  })

  it('refuses a name that mixes look-alike alphabets in one word, and keeps honest names', () => {
    const named = (client_name: string) => () => normaliseRegistration({ ...base, client_name })
    expect(code(named('P\u0430ypal Connector'))).toBe('invalid_client_metadata') // Cyrillic а
    expect(code(named('\u0391pple Sync'))).toBe('invalid_client_metadata') // Greek Α
    for (const honest of [
      'Claude Code',
      'Cursor',
      'Visual Studio Code',
      'Клиент для Cursor',
      'Ελληνικός πελάτης',
      '東京 Design Tools',
      'Tokencraft for Figma users’ CI',
    ]) {
      expect(normaliseRegistration({ ...base, client_name: honest }).client_name).toBe(honest)
    }
  })

  it('refuses unsupported auth methods and wrongly typed fields', () => {
    expect(
      code(() => normaliseRegistration({ ...base, token_endpoint_auth_method: 'private_key_jwt' })),
    ).toBe('invalid_client_metadata')
    expect(code(() => normaliseRegistration({ ...base, client_name: 42 }))).toBe(
      'invalid_client_metadata',
    )
  })
})

describe('scope', () => {
  it('gives read:tokens to a request for none', () => {
    expect(parseScope(undefined)).toEqual(['read:tokens'])
    expect(parseScope('  ')).toEqual(['read:tokens'])
  })
  it('orders and de-duplicates known scopes, refuses unknown ones', () => {
    expect(parseScope('export:tokens read:tokens read:tokens')).toEqual([
      'read:tokens',
      'export:tokens',
    ])
    expect(code(() => parseScope('read:tokens admin'))).toBe('invalid_scope')
  })
})

describe('PKCE (RFC 7636)', () => {
  const verifier = 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk'
  const challenge = 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM' // RFC 7636 Appendix B

  it('accepts S256 only', () => {
    expect(checkCodeChallenge(challenge, 'S256')).toBe(challenge)
    expect(code(() => checkCodeChallenge(challenge, 'plain'))).toBe('invalid_request')
    expect(code(() => checkCodeChallenge(challenge, undefined))).toBe('invalid_request')
    expect(code(() => checkCodeChallenge(undefined, 'S256'))).toBe('invalid_request')
  })
  it('verifies the verifier against the challenge', () => {
    expect(() => verifyCodeVerifier(verifier, challenge)).not.toThrow()
    const other = createHash('sha256').update('x'.repeat(43)).digest('base64url')
    expect(code(() => verifyCodeVerifier(verifier, other))).toBe('invalid_grant')
    expect(code(() => verifyCodeVerifier(undefined, challenge))).toBe('invalid_request')
  })
})

describe('resource (RFC 8707)', () => {
  it('must name this server’s MCP endpoint or REST API, with or without a trailing slash', () => {
    expect(checkResource(`${PUBLIC_URL}/api/mcp`, PUBLIC_URL)).toBe(`${PUBLIC_URL}/api/mcp`)
    expect(checkResource(`${PUBLIC_URL}/api/mcp/`, PUBLIC_URL)).toBe(`${PUBLIC_URL}/api/mcp`)
    expect(checkResource(`${PUBLIC_URL}/api/v1`, PUBLIC_URL)).toBe(`${PUBLIC_URL}/api/v1`)
    expect(checkResource(`${PUBLIC_URL}/api/v1/`, PUBLIC_URL)).toBe(`${PUBLIC_URL}/api/v1`)
    expect(code(() => checkResource(`${PUBLIC_URL}/api`, PUBLIC_URL))).toBe('invalid_target')
    expect(checkResource(undefined, PUBLIC_URL)).toBeUndefined()
    expect(code(() => checkResource('https://other.example/api/mcp', PUBLIC_URL))).toBe(
      'invalid_target',
    )
    expect(code(() => checkResource(PUBLIC_URL, PUBLIC_URL))).toBe('invalid_target')
  })
  it('binds the token to the authorization’s resource; a foreign one at the token endpoint is refused', () => {
    const ours = `${PUBLIC_URL}/api/mcp`
    expect(resourceForToken(ours, `${ours}/`, PUBLIC_URL)).toBe(ours)
    expect(resourceForToken(ours, undefined, PUBLIC_URL)).toBe(ours)
    expect(resourceForToken(null, undefined, PUBLIC_URL)).toBeNull()
    expect(code(() => resourceForToken(ours, 'https://evil.example/api/mcp', PUBLIC_URL))).toBe(
      'invalid_target',
    )
    // the other resource of this server is not the one authorized either
    expect(code(() => resourceForToken(ours, `${PUBLIC_URL}/api/v1`, PUBLIC_URL))).toBe(
      'invalid_target',
    )
    expect(resourceForToken(null, `${PUBLIC_URL}/api/v1`, PUBLIC_URL)).toBe(`${PUBLIC_URL}/api/v1`)
  })
})

describe('metadata', () => {
  it('has the issuer byte-identical to authorization_servers[0], no trailing slash', () => {
    const as = authorizationServerMetadata(PUBLIC_URL)
    const pr = protectedResourceMetadata(PUBLIC_URL)
    expect(as.issuer).toBe(PUBLIC_URL)
    expect(pr.authorization_servers[0]).toBe(as.issuer)
    expect(as.authorization_response_iss_parameter_supported).toBe(true)
    expect(as.token_endpoint_auth_methods_supported).toEqual([
      'client_secret_post',
      'client_secret_basic',
      'none',
    ])
  })
})

describe('authorization request', () => {
  const client = { id: 'c1', redirectUris: ['https://app.example/cb'] }
  const valid = {
    client_id: 'c1',
    redirect_uri: 'https://app.example/cb',
    response_type: 'code',
    state: 's',
    code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
    code_challenge_method: 'S256',
  }
  it('accepts a complete request', () => {
    const check = checkAuthorizationRequest(valid, client, PUBLIC_URL)
    expect(check.kind).toBe('valid')
  })
  it('shows an error page, never a redirect, for an unknown client or redirect_uri', () => {
    expect(checkAuthorizationRequest(valid, undefined, PUBLIC_URL).kind).toBe('error_page')
    const wrong = { ...valid, redirect_uri: 'https://evil.example/cb' }
    expect(checkAuthorizationRequest(wrong, client, PUBLIC_URL).kind).toBe('error_page')
    const repeated = { ...valid, redirect_uri: [valid.redirect_uri, 'https://evil.example/cb'] }
    expect(checkAuthorizationRequest(repeated, client, PUBLIC_URL).kind).toBe('error_page')
  })
  it('redirects other errors with the state', () => {
    const check = checkAuthorizationRequest(
      { ...valid, response_type: 'token' },
      client,
      PUBLIC_URL,
    )
    expect(check).toMatchObject({ kind: 'error_redirect', state: 's' })
    expect(check.kind === 'error_redirect' && check.error.code).toBe('unsupported_response_type')
  })
  it('builds responses with iss, keeping the redirect URI’s own query', () => {
    const uri = authorizationResponseUri(
      'https://app.example/cb?a=1',
      { code: 'x', state: undefined },
      PUBLIC_URL,
    )
    expect(Object.fromEntries(new URL(uri).searchParams)).toEqual({
      a: '1',
      code: 'x',
      iss: PUBLIC_URL,
    })
  })
})

describe('client authentication (RFC 6749 §2.3)', () => {
  const secret = 's3cret'
  const stored = { id: 'c1', secretHash: createHash('sha256').update(secret).digest('hex') }
  const basic = (id: string, s: string) => `Basic ${Buffer.from(`${id}:${s}`).toString('base64')}`

  it('accepts client_secret_basic and client_secret_post', () => {
    expect(() => authenticateClient(presentedClient(basic('c1', secret), {}), stored)).not.toThrow()
    const post = presentedClient(undefined, { client_id: 'c1', client_secret: secret })
    expect(() => authenticateClient(post, stored)).not.toThrow()
  })
  it('refuses a wrong or missing secret of a confidential client', () => {
    expect(code(() => authenticateClient(presentedClient(basic('c1', 'nope'), {}), stored))).toBe(
      'invalid_client',
    )
    expect(
      code(() => authenticateClient(presentedClient(undefined, { client_id: 'c1' }), stored)),
    ).toBe('invalid_client')
  })
  it('refuses two authentication methods at once', () => {
    expect(code(() => presentedClient(basic('c1', secret), { client_secret: secret }))).toBe(
      'invalid_request',
    )
  })
  it('lets a public client in by its id', () => {
    const post = presentedClient(undefined, { client_id: 'pub' })
    expect(() => authenticateClient(post, { id: 'pub', secretHash: null })).not.toThrow()
    expect(code(() => authenticateClient(post, undefined))).toBe('invalid_client')
  })
})

it('OAuthError maps invalid_client to 401 and others to 400', () => {
  expect(new OAuthError('invalid_client', 'x').status).toBe(401)
  expect(new OAuthError('invalid_grant', 'x').status).toBe(400)
})

describe('Host check (DNS rebinding)', () => {
  it('allows PUBLIC_URL’s host, and loopback names only on a loopback bind', () => {
    const loopback = allowedHostNames({ publicUrl: 'http://localhost:3000', host: '127.0.0.1' })
    expect([...loopback].sort()).toEqual(['127.0.0.1', '[::1]', 'localhost'])
    const exposed = allowedHostNames({ publicUrl: 'https://tokens.example.com', host: '0.0.0.0' })
    expect([...exposed]).toEqual(['tokens.example.com'])
  })
  it('reads the host name of a Host header, port or not', () => {
    expect(hostNameOf('Tokens.Example.com:8443')).toBe('tokens.example.com')
    expect(hostNameOf('[::1]:3000')).toBe('[::1]')
    expect(hostNameOf('bad host')).toBeUndefined()
  })
})

describe('token audience per endpoint (RFC 8707)', () => {
  const oauth = (clientId: string, resource: string | null) =>
    ({ kind: 'oauth', clientId, resource }) as const
  const manual = { kind: 'manual', clientId: null, resource: null } as const
  const calls = (token: Parameters<typeof tokenMayCall>[1]) =>
    (['mcp', 'rest'] as const).filter((endpoint) => tokenMayCall(endpoint, token, PUBLIC_URL))

  it('lets a manual tkc_ token call both the MCP server and the REST API', () => {
    expect(calls(manual)).toEqual(['mcp', 'rest'])
  })

  it('keeps a token issued for the MCP resource to /api/mcp', () => {
    expect(calls(oauth('cursor', `${PUBLIC_URL}/api/mcp`))).toEqual(['mcp'])
    expect(calls(oauth('figma-plugin-v1', `${PUBLIC_URL}/api/mcp`))).toEqual(['mcp'])
  })

  it('refuses a token issued for another server everywhere', () => {
    expect(calls(oauth('cursor', 'https://elsewhere.example/api/mcp'))).toEqual([])
    expect(calls(oauth('cursor', PUBLIC_URL))).toEqual([])
  })

  it('gives a token without resource its client’s endpoint: REST for the Figma plugin, MCP for others', () => {
    expect(calls(oauth('figma-plugin-v1', null))).toEqual(['rest'])
    expect(calls(oauth('some-registered-client', null))).toEqual(['mcp'])
  })
})

describe('Origin check on /api/mcp (DNS rebinding)', () => {
  const config = { publicUrl: PUBLIC_URL, mcpAllowedOrigins: ['https://inspector.example'] }
  it.each([
    PUBLIC_URL,
    'https://inspector.example',
    'http://localhost:6274',
    'http://127.0.0.1:5173',
    'http://[::1]:8080',
  ])('allows %s', (origin) => expect(originAllowed(origin, config)).toBe(true))

  it.each([
    'https://evil.example',
    'null',
    'https://tokens.example.com.evil.example',
    'http://tokens.example.com',
    'https://inspector.example.evil',
    'http://localhost.evil.example',
    'file://',
  ])('refuses %s', (origin) => expect(originAllowed(origin, config)).toBe(false))
})
