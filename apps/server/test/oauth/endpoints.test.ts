import { createHash } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createManualToken } from '../../src/auth/api-tokens.ts'
import { startTestServer, type TestServer } from '../support/server.ts'
import {
  type CookieJar,
  consent,
  INITIALIZE_REQUEST,
  initialize,
  oauthLimit,
  pkcePair,
  registerClient,
  signedUpJar,
  tokenRequest,
} from './support.ts'

let server: TestServer
let jar: CookieJar
const REDIRECT = 'https://app.example/callback'

beforeAll(async () => {
  server = await startTestServer({ context: { rateLimits: oauthLimit(10_000) } })
  jar = await signedUpJar(server.url, 'oauth-user@example.com')
})
afterAll(() => server?.close())

/** A public client, a consented code and its verifier. */
async function codeFor(extra: Record<string, string> = {}, redirectUri = REDIRECT, as = jar) {
  const client = await registerClient(server.url, {
    client_name: 'Test client',
    redirect_uris: [redirectUri],
    token_endpoint_auth_method: 'none',
  })
  const pkce = pkcePair()
  const back = await consent(server.url, as, {
    client_id: client.client_id,
    redirect_uri: redirectUri,
    response_type: 'code',
    state: 'st',
    code_challenge: pkce.challenge,
    code_challenge_method: 'S256',
    ...extra,
  })
  return { client, pkce, back, code: back.searchParams.get('code') ?? '' }
}

const exchange = (client: { client_id: string }, code: string, verifier: string, extra = {}) =>
  tokenRequest(server.url, {
    grant_type: 'authorization_code',
    code,
    redirect_uri: REDIRECT,
    client_id: client.client_id,
    code_verifier: verifier,
    ...extra,
  })

describe('metadata', () => {
  it('serves the seed fields from PUBLIC_URL', async () => {
    const response = await fetch(`${server.url}/.well-known/oauth-authorization-server`)
    const body = await response.json()
    expect(body).toMatchObject({
      issuer: server.url,
      authorization_endpoint: `${server.url}/mcp/authorize`,
      token_endpoint: `${server.url}/api/oauth/mcp/token`,
      registration_endpoint: `${server.url}/api/oauth/mcp/register`,
      revocation_endpoint: `${server.url}/api/oauth/mcp/revoke`,
      scopes_supported: ['read:tokens', 'write:tokens', 'export:tokens'],
      response_types_supported: ['code'],
      grant_types_supported: ['authorization_code', 'refresh_token'],
      code_challenge_methods_supported: ['S256'],
      token_endpoint_auth_methods_supported: ['client_secret_post', 'client_secret_basic', 'none'],
      authorization_response_iss_parameter_supported: true,
    })
    for (const path of [
      '/.well-known/oauth-protected-resource',
      '/.well-known/oauth-protected-resource/api/mcp',
    ]) {
      const resource = await (await fetch(`${server.url}${path}`)).json()
      expect(resource).toMatchObject({
        resource: `${server.url}/api/mcp`,
        authorization_servers: [server.url],
        scopes_supported: ['read:tokens', 'write:tokens', 'export:tokens'],
        bearer_methods_supported: ['header'],
      })
    }
  })
})

describe('happy path', () => {
  it('issues a 64-hex, 30-day token named after the client, hashed at rest, that initializes MCP', async () => {
    const { client, pkce, back, code } = await codeFor({ scope: 'read:tokens export:tokens' })
    expect(back.searchParams.get('state')).toBe('st')
    expect(back.searchParams.get('iss')).toBe(server.url)
    const token = await exchange(client, code, pkce.verifier)
    expect(token.status).toBe(200)
    expect(token.headers.get('cache-control')).toBe('no-store')
    expect(token.body).toEqual({
      access_token: expect.stringMatching(/^[0-9a-f]{64}$/),
      token_type: 'Bearer',
      expires_in: 30 * 24 * 3600,
      scope: 'read:tokens export:tokens',
    })
    const accessToken = token.body.access_token as string
    const rows = await server.prisma.apiToken.findMany({ where: { clientId: client.client_id } })
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({ kind: 'oauth', name: 'MCP OAuth — Test client' })
    expect(rows[0]?.tokenHash).not.toBe(accessToken)
    expect(rows[0]?.grantId).toEqual(expect.any(String))
    const life = (rows[0]?.expiresAt?.getTime() ?? 0) - (rows[0]?.createdAt.getTime() ?? 0)
    expect(life).toBe(30 * 24 * 3600 * 1000)
    const mcp = await initialize(server.url, accessToken)
    expect(mcp.status).toBe(200)
    expect((await mcp.json()).result.serverInfo.name).toBe('tokencraft')
  })

  it('gives read:tokens to a request without scope', async () => {
    const { client, pkce, code } = await codeFor()
    expect((await exchange(client, code, pkce.verifier)).body.scope).toBe('read:tokens')
  })
})

describe('refusals', () => {
  it('refuses a wrong verifier', async () => {
    const { client, code } = await codeFor()
    const token = await exchange(client, code, pkcePair().verifier)
    expect(token.status).toBe(400)
    expect(token.body.error).toBe('invalid_grant')
  })

  it('refuses a reused code and revokes the token its first use issued', async () => {
    const { client, pkce, code } = await codeFor()
    const first = await exchange(client, code, pkce.verifier)
    const accessToken = first.body.access_token as string
    expect((await initialize(server.url, accessToken)).status).toBe(200)
    const second = await exchange(client, code, pkce.verifier)
    expect(second.status).toBe(400)
    expect(second.body.error).toBe('invalid_grant')
    const after = await initialize(server.url, accessToken)
    expect(after.status).toBe(401)
    expect(after.headers.get('www-authenticate')).toContain('error="invalid_token"')
  })

  it('refuses an expired code (clock injected)', async () => {
    const { client, pkce, code } = await codeFor()
    server.clock.advance(10 * 60 * 1000 + 1)
    try {
      const token = await exchange(client, code, pkce.verifier)
      expect(token.body.error).toBe('invalid_grant')
    } finally {
      server.clock.reset()
    }
  })

  it('sweeps codes once no token they issued can be alive, and keeps them until then', async () => {
    const { code } = await codeFor()
    const hash = createHash('sha256').update(code).digest('hex')
    server.clock.advance(29 * 24 * 3600 * 1000)
    try {
      // sessions idle for a day have ended by now: someone signs in afresh, twice
      await codeFor({}, REDIRECT, await signedUpJar(server.url, 'sooner@example.com'))
      expect(await server.prisma.authorizationCode.count({ where: { codeHash: hash } })).toBe(1)
      server.clock.advance(2 * 24 * 3600 * 1000)
      await codeFor({}, REDIRECT, await signedUpJar(server.url, 'later@example.com'))
      expect(await server.prisma.authorizationCode.count({ where: { codeHash: hash } })).toBe(0)
    } finally {
      server.clock.reset()
    }
  })

  it('refuses a foreign resource at authorization and at the token endpoint', async () => {
    // a client this user authorized before, so that the error goes back to it
    const first = await codeFor()
    expect((await exchange(first.client, first.code, first.pkce.verifier)).status).toBe(200)
    const client = first.client
    const pkce = pkcePair()
    const back = await consent(server.url, jar, {
      client_id: client.client_id,
      redirect_uri: REDIRECT,
      response_type: 'code',
      state: 'r',
      code_challenge: pkce.challenge,
      code_challenge_method: 'S256',
      resource: 'https://evil.example/api/mcp',
    })
    expect(back.origin).toBe('https://app.example')
    expect(back.searchParams.get('error')).toBe('invalid_target')
    expect(back.searchParams.get('state')).toBe('r')
    const { code, pkce: pair, client: c2 } = await codeFor({ resource: `${server.url}/api/mcp/` })
    const token = await exchange(c2, code, pair.verifier, {
      resource: 'https://evil.example/api/mcp',
    })
    expect(token.body.error).toBe('invalid_target')
    const good = await exchange(c2, code, pair.verifier, { resource: `${server.url}/api/mcp` })
    expect(good.status).toBe(200)
    const row = await server.prisma.apiToken.findFirst({ where: { clientId: c2.client_id } })
    expect(row?.resource).toBe(`${server.url}/api/mcp`)
  })
})

describe('authorization request refusals', () => {
  const authorizeUrl = (params: Record<string, string>) =>
    `${server.url}/api/oauth/mcp/authorize?${new URLSearchParams(params)}`

  async function publicClient(redirectUris = [REDIRECT]) {
    return registerClient(server.url, {
      client_name: 'Refused client',
      redirect_uris: redirectUris,
      token_endpoint_auth_method: 'none',
    })
  }

  function request(clientId: string, extra: Record<string, string> = {}) {
    return {
      client_id: clientId,
      redirect_uri: REDIRECT,
      response_type: 'code',
      state: 'xyz',
      code_challenge: pkcePair().challenge,
      code_challenge_method: 'S256',
      ...extra,
    }
  }

  /**
   * A client the signed-in user has authorized once: its redirect URI is trusted, so errors go
   * back to it (RFC 9700 §4.11.2).
   */
  async function trustedClient() {
    const { client, code, pkce } = await codeFor()
    expect((await exchange(client, code, pkce.verifier)).status).toBe(200)
    return client
  }

  /** The error the authorization endpoint redirects back with. */
  async function redirectedError(params: Record<string, string>) {
    const response = await jar.fetch(authorizeUrl(params))
    expect(response.status).toBe(302)
    const location = new URL(response.headers.get('Location') ?? '')
    expect(location.origin + location.pathname).toBe(REDIRECT)
    expect(location.searchParams.get('state')).toBe('xyz')
    expect(location.searchParams.get('iss')).toBe(server.url)
    expect(location.searchParams.get('error_description')).toEqual(expect.any(String))
    return location.searchParams.get('error')
  }

  it('refuses PKCE plain', async () => {
    const client = await trustedClient()
    expect(
      await redirectedError(request(client.client_id, { code_challenge_method: 'plain' })),
    ).toBe('invalid_request')
  })

  it('refuses a missing code challenge', async () => {
    const client = await trustedClient()
    const params = request(client.client_id)
    const { code_challenge: _, code_challenge_method: __, ...withoutPkce } = params
    expect(await redirectedError(withoutPkce)).toBe('invalid_request')
  })

  it('shows an error page, not a redirect, before sign-in and for a client never authorized', async () => {
    // anyone may register a landing page, then link people to a malformed request (RFC 9700
    // §4.11.2): without a session, and with one but no authorization, they stay here
    const attacker = await registerClient(server.url, {
      client_name: 'Landing',
      redirect_uris: ['https://attacker.example/landing'],
      token_endpoint_auth_method: 'none',
    })
    const malformed = {
      ...request(attacker.client_id, { redirect_uri: 'https://attacker.example/landing' }),
      scope: 'admin:everything',
    }
    const anonymous = await fetch(authorizeUrl(malformed), { redirect: 'manual' })
    const signedIn = await jar.fetch(authorizeUrl(malformed))
    const advertised = await fetch(
      `${server.url}/mcp/authorize?${new URLSearchParams(malformed)}`,
      {
        redirect: 'manual',
      },
    )
    for (const response of [anonymous, signedIn, advertised]) {
      expect(response.status).toBe(400)
      expect(response.headers.get('Location')).toBeNull()
      expect(await response.text()).toContain('(invalid_scope)')
    }
    // once the person has authorized a client, its errors go back to it
    const trusted = await trustedClient()
    expect(
      await redirectedError({ ...request(trusted.client_id), scope: 'admin:everything' }),
    ).toBe('invalid_scope')
    // …while signed in only
    const loggedOut = await fetch(authorizeUrl({ ...request(trusted.client_id), scope: 'x' }), {
      redirect: 'manual',
    })
    expect(loggedOut.status).toBe(400)
  })

  it('shows an error page for an unregistered redirect_uri, never redirecting', async () => {
    const client = await publicClient()
    const response = await jar.fetch(
      authorizeUrl(request(client.client_id, { redirect_uri: 'https://evil.example/callback' })),
    )
    expect(response.status).toBe(400)
    expect(response.headers.get('Location')).toBeNull()
    expect(await response.text()).toContain('redirect_uri is not one the application registered')
  })

  it('shows an error page for an unknown client, never redirecting', async () => {
    const response = await jar.fetch(authorizeUrl(request('no-such-client')))
    expect(response.status).toBe(400)
    expect(response.headers.get('Location')).toBeNull()
    expect(await response.text()).toContain('not registered')
  })

  it('accepts any port for a registered loopback redirect, and nothing else about it', async () => {
    const client = await publicClient(['http://127.0.0.1/callback'])
    const pkce = pkcePair()
    const back = await consent(server.url, jar, {
      ...request(client.client_id),
      redirect_uri: 'http://127.0.0.1:49152/callback',
      code_challenge: pkce.challenge,
    })
    expect(back.host).toBe('127.0.0.1:49152')
    const code = back.searchParams.get('code') ?? ''
    const token = await tokenRequest(server.url, {
      grant_type: 'authorization_code',
      code,
      redirect_uri: 'http://127.0.0.1:49152/callback',
      client_id: client.client_id,
      code_verifier: pkce.verifier,
    })
    expect(token.status).toBe(200)
    const otherPath = await jar.fetch(
      authorizeUrl({ ...request(client.client_id), redirect_uri: 'http://127.0.0.1:49152/other' }),
    )
    expect(otherPath.status).toBe(400)
  })

  it('redirects access_denied with state and iss when the user denies', async () => {
    const client = await publicClient()
    const back = await consent(server.url, jar, request(client.client_id), 'deny')
    expect(back.origin + back.pathname).toBe(REDIRECT)
    expect(back.searchParams.get('error')).toBe('access_denied')
    expect(back.searchParams.get('state')).toBe('xyz')
    expect(back.searchParams.get('iss')).toBe(server.url)
    expect(back.searchParams.get('code')).toBeNull()
  })

  it('sends a visitor without a session to /login with the consent page as next', async () => {
    const client = await publicClient()
    const response = await fetch(authorizeUrl(request(client.client_id)), { redirect: 'manual' })
    const consentPage = new URL(response.headers.get('Location') ?? '', server.url)
    const page = await fetch(consentPage, { redirect: 'manual' })
    const login = new URL(page.headers.get('Location') ?? '', server.url)
    expect(login.pathname).toBe('/login')
    expect(login.searchParams.get('next')).toBe(consentPage.pathname + consentPage.search)
  })

  it('validates the advertised /mcp/authorize exactly like /api/oauth/mcp/authorize', async () => {
    const client = await trustedClient()
    const plain = request(client.client_id, { code_challenge_method: 'plain' })
    const viaGet = await jar.fetch(`${server.url}/mcp/authorize?${new URLSearchParams(plain)}`)
    expect(new URL(viaGet.headers.get('Location') ?? '').searchParams.get('error')).toBe(
      'invalid_request',
    )
    const viaPost = await jar.fetch(`${server.url}/mcp/authorize`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ ...plain, client_id: 'no-such-client' }),
    })
    expect(viaPost.status).toBe(400)
    expect(viaPost.headers.get('Location')).toBeNull()
  })

  it('shows the client name escaped, the redirect host and each scope in plain words, unframeable', async () => {
    const client = await registerClient(server.url, {
      client_name: '<script>alert(1)</script>',
      redirect_uris: ['cursor://anysphere.cursor-mcp/oauth/callback'],
      token_endpoint_auth_method: 'none',
    })
    const start = await jar.fetch(
      authorizeUrl({
        ...request(client.client_id),
        redirect_uri: 'cursor://anysphere.cursor-mcp/oauth/callback',
        scope: 'read:tokens write:tokens',
      }),
    )
    const page = await jar.fetch(new URL(start.headers.get('Location') ?? '', server.url).href)
    const html = await page.text()
    expect(html).not.toContain('<script>alert(1)</script>')
    expect(html).toContain('&lt;script>alert(1)&lt;/script>')
    expect(html).toContain('cursor://anysphere.cursor-mcp')
    expect(html).toContain('See your workspaces, tokensets, modes and tokens')
    expect(html).toContain('Create, change and delete tokensets, modes and tokens')
    expect(html).not.toContain('Export tokensets')
    expect(page.headers.get('content-security-policy')).toContain("frame-ancestors 'none'")
  })

  it('refuses a consent answer without the CSRF token', async () => {
    const client = await publicClient()
    const start = await jar.fetch(authorizeUrl(request(client.client_id)))
    const requestId = new URL(start.headers.get('Location') ?? '', server.url).searchParams.get(
      'request_id',
    )
    const answer = await jar.fetch(`${server.url}/mcp/authorize`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ request_id: requestId ?? '', decision: 'approve' }),
    })
    expect(answer.status).toBe(403)
    expect(answer.headers.get('Location')).toBeNull()
  })
})

describe('registration', () => {
  it('accepts every redirect URI of the known MCP clients in one request and echoes the metadata', async () => {
    const redirectUris = [
      'https://claude.ai/api/mcp/auth_callback',
      'https://www.cursor.com/agents/mcp/oauth/callback',
      'cursor://anysphere.cursor-mcp/oauth/callback',
      'http://localhost:8787/callback',
      'https://vscode.dev/redirect',
      'http://127.0.0.1/',
      'http://localhost:6274/oauth/callback',
    ]
    const response = await fetch(`${server.url}/api/oauth/mcp/register`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        client_name: 'Claude',
        redirect_uris: redirectUris,
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_post',
        application_type: 'web',
        some_future_field: { x: 1 },
      }),
    })
    expect(response.status).toBe(201)
    const body = await response.json()
    expect(body).toEqual({
      client_id: expect.any(String),
      client_secret: expect.any(String),
      client_secret_expires_at: 0,
      client_id_issued_at: expect.any(Number),
      client_name: 'Claude',
      redirect_uris: redirectUris,
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_post',
      application_type: 'web',
    })
    const stored = await server.prisma.oAuthClient.findUnique({ where: { id: body.client_id } })
    expect(stored?.secretHash).toMatch(/^[0-9a-f]{64}$/)
    expect(stored?.secretHash).not.toBe(body.client_secret)
  })

  it('issues no secret to a client that authenticates with none', async () => {
    const body = await registerClient(server.url, {
      redirect_uris: [REDIRECT],
      token_endpoint_auth_method: 'none',
      application_type: 'native',
    })
    expect(body.client_secret).toBeUndefined()
    expect(body.token_endpoint_auth_method).toBe('none')
  })

  it.each([
    'javascript:alert(1)',
    'data:text/html,hi',
    'file:///etc/passwd',
    'https://app.example/cb#fragment',
    'http://app.example/callback',
    'ftp://app.example/callback',
    'ws://127.0.0.1:9000/callback',
    'mailto:oauth@app.example',
    'https://app.example@evil.example/callback',
  ])('refuses the dangerous redirect URI %s', async (uri) => {
    const response = await fetch(`${server.url}/api/oauth/mcp/register`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ client_name: 'Bad', redirect_uris: [REDIRECT, uri] }),
    })
    expect(response.status).toBe(400)
    expect((await response.json()).error).toBe('invalid_redirect_uri')
  })

  it('refuses a client posing as the Figma plugin in look-alike letters', async () => {
    const response = await fetch(`${server.url}/api/oauth/mcp/register`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      // a Cyrillic і in Figma
      body: JSON.stringify({ client_name: 'Tokencraft for F\u0456gma', redirect_uris: [REDIRECT] }),
    })
    expect(response.status).toBe(400)
    expect(await response.json()).toMatchObject({
      error: 'invalid_client_metadata',
      error_description: expect.stringContaining('reserved'),
    })
  })

  it('refuses a client posing as figma-plugin-v1', async () => {
    const response = await fetch(`${server.url}/api/oauth/mcp/register`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        client_id: 'figma-plugin-v1',
        client_name: 'figma-plugin-v1',
        redirect_uris: [REDIRECT],
      }),
    })
    expect(response.status).toBe(400)
    expect((await response.json()).error).toBe('invalid_client_metadata')
  })
})

describe('confidential clients', () => {
  async function confidentialCode() {
    const client = await registerClient(server.url, {
      client_name: 'Web app',
      redirect_uris: [REDIRECT],
      token_endpoint_auth_method: 'client_secret_post',
    })
    const pkce = pkcePair()
    const back = await consent(server.url, jar, {
      client_id: client.client_id,
      redirect_uri: REDIRECT,
      response_type: 'code',
      code_challenge: pkce.challenge,
      code_challenge_method: 'S256',
    })
    return { client, pkce, code: back.searchParams.get('code') ?? '' }
  }
  const grant = (code: string, verifier: string) => ({
    grant_type: 'authorization_code',
    code,
    redirect_uri: REDIRECT,
    code_verifier: verifier,
  })

  it('refuses a wrong client secret with 401 invalid_client', async () => {
    const { client, pkce, code } = await confidentialCode()
    const wrong = await tokenRequest(server.url, {
      ...grant(code, pkce.verifier),
      client_id: client.client_id,
      client_secret: 'not-the-secret',
    })
    expect(wrong.status).toBe(401)
    expect(wrong.body.error).toBe('invalid_client')
    const basic = `Basic ${Buffer.from(`${client.client_id}:nope`).toString('base64')}`
    const wrongBasic = await tokenRequest(server.url, grant(code, pkce.verifier), {
      Authorization: basic,
    })
    expect(wrongBasic.status).toBe(401)
    expect(wrongBasic.headers.get('www-authenticate')).toMatch(/^Basic /)
    const missing = await tokenRequest(server.url, {
      ...grant(code, pkce.verifier),
      client_id: client.client_id,
    })
    expect(missing.status).toBe(401)
  })

  it('accepts client_secret_post and client_secret_basic', async () => {
    const first = await confidentialCode()
    const post = await tokenRequest(server.url, {
      ...grant(first.code, first.pkce.verifier),
      client_id: first.client.client_id,
      client_secret: first.client.client_secret ?? '',
    })
    expect(post.status).toBe(200)
    const second = await confidentialCode()
    const basic = `Basic ${Buffer.from(`${second.client.client_id}:${second.client.client_secret}`).toString('base64')}`
    const viaBasic = await tokenRequest(server.url, grant(second.code, second.pkce.verifier), {
      Authorization: basic,
    })
    expect(viaBasic.status).toBe(200)
  })

  it('revokes a confidential client’s token only with its credentials (RFC 7009 §2.1)', async () => {
    const { client, pkce, code } = await confidentialCode()
    const issued = await tokenRequest(server.url, {
      ...grant(code, pkce.verifier),
      client_id: client.client_id,
      client_secret: client.client_secret ?? '',
    })
    const token = issued.body.access_token as string
    const revoke = (form: Record<string, string>) =>
      fetch(`${server.url}/api/oauth/mcp/revoke`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ token, ...form }),
      })
    const bare = await revoke({})
    expect(bare.status).toBe(401)
    expect((await bare.json()).error).toBe('invalid_client')
    const wrongSecret = await revoke({ client_id: client.client_id, client_secret: 'nope' })
    expect(wrongSecret.status).toBe(401)
    expect((await initialize(server.url, token)).status).toBe(200)
    const authenticated = await revoke({
      client_id: client.client_id,
      client_secret: client.client_secret ?? '',
    })
    expect(authenticated.status).toBe(200)
    expect((await initialize(server.url, token)).status).toBe(401)
  })

  it('refuses a code presented by another client', async () => {
    const { pkce, code } = await confidentialCode()
    const other = await registerClient(server.url, {
      redirect_uris: [REDIRECT],
      token_endpoint_auth_method: 'none',
    })
    const token = await tokenRequest(server.url, {
      ...grant(code, pkce.verifier),
      client_id: other.client_id,
    })
    expect(token.body.error).toBe('invalid_grant')
  })
})

describe('token endpoint errors (RFC 6749 §5.2)', () => {
  it('answers unsupported_grant_type, invalid_request and non-form bodies as JSON errors', async () => {
    const client = await registerClient(server.url, {
      redirect_uris: [REDIRECT],
      token_endpoint_auth_method: 'none',
    })
    const password = await tokenRequest(server.url, {
      grant_type: 'password',
      client_id: client.client_id,
    })
    expect(password).toMatchObject({ status: 400, body: { error: 'unsupported_grant_type' } })
    const noCode = await tokenRequest(server.url, {
      grant_type: 'authorization_code',
      client_id: client.client_id,
    })
    expect(noCode.body.error).toBe('invalid_request')
    const json = await fetch(`${server.url}/api/oauth/mcp/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ grant_type: 'authorization_code' }),
    })
    expect(json.status).toBe(400)
    expect((await json.json()).error).toBe('invalid_request')
  })
})

describe('bearer tokens at /api/mcp', () => {
  it('answers a request without credentials with 401, resource_metadata and scope but no error', async () => {
    const response = await initialize(server.url, undefined)
    expect(response.status).toBe(401)
    const challenge = response.headers.get('www-authenticate') ?? ''
    expect(challenge).toContain(
      `resource_metadata="${server.url}/.well-known/oauth-protected-resource/api/mcp"`,
    )
    expect(challenge).toContain('scope="read:tokens write:tokens export:tokens"')
    expect(challenge).not.toContain('error=')
  })

  it('initializes with a manual tkc_ token too, and answers GET with 405 (stateless)', async () => {
    const user = await server.prisma.user.findUniqueOrThrow({
      where: { email: 'oauth-user@example.com' },
    })
    const token = await createManualToken(server.prisma, {
      userId: user.id,
      name: 'script',
      scopes: ['read:tokens'],
      expiresAt: null,
      now: new Date(),
    })
    expect((await initialize(server.url, token)).status).toBe(200)
    const get = await fetch(`${server.url}/api/mcp`, {
      headers: { Authorization: `Bearer ${token}` },
    })
    expect(get.status).toBe(405)
    expect(get.headers.get('allow')).toBe('POST')
  })

  it('refuses a revoked token on the next request', async () => {
    const { client, pkce, code } = await codeFor()
    const token = (await exchange(client, code, pkce.verifier)).body.access_token as string
    const revoke = await fetch(`${server.url}/api/oauth/mcp/revoke`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token }),
    })
    expect(revoke.status).toBe(200)
    const response = await initialize(server.url, token)
    expect(response.status).toBe(401)
    expect(response.headers.get('www-authenticate')).toContain('error="invalid_token"')
  })

  it('answers 200 to the revocation of a token that never existed', async () => {
    const revoke = await fetch(`${server.url}/api/oauth/mcp/revoke`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token: 'f'.repeat(64) }),
    })
    expect(revoke.status).toBe(200)
  })

  it('refuses an expired token (clock injected)', async () => {
    const { client, pkce, code } = await codeFor()
    const token = (await exchange(client, code, pkce.verifier)).body.access_token as string
    server.clock.advance(30 * 24 * 3600 * 1000 + 1000)
    try {
      const response = await initialize(server.url, token)
      expect(response.status).toBe(401)
      expect(response.headers.get('www-authenticate')).toContain('error="invalid_token"')
    } finally {
      server.clock.reset()
    }
  })

  it('asks for a step-up with 403 insufficient_scope when a tool needs a scope the token lacks', async () => {
    const { client, pkce, code } = await codeFor({ scope: 'read:tokens' })
    const token = (await exchange(client, code, pkce.verifier)).body.access_token as string
    const response = await fetch(`${server.url}/api/mcp`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        Accept: 'application/json, text/event-stream',
        Authorization: `Bearer ${token}`,
      },
      body: JSON.stringify({
        jsonrpc: '2.0',
        id: 2,
        method: 'tools/call',
        params: { name: 'create_workspace', arguments: { name: 'Nope' } },
      }),
    })
    expect(response.status).toBe(403)
    expect(response.headers.get('www-authenticate')).toBe(
      `Bearer error="insufficient_scope", scope="write:tokens", resource_metadata="${server.url}/.well-known/oauth-protected-resource/api/mcp", error_description="This call needs write:tokens"`,
    )
  })
})

describe('CORS and Host', () => {
  it('answers preflights and requests from any origin, null included, without honouring cookies', async () => {
    for (const origin of ['null', 'https://inspector.example']) {
      const preflight = await fetch(`${server.url}/api/oauth/mcp/token`, {
        method: 'OPTIONS',
        headers: {
          Origin: origin,
          'Access-Control-Request-Method': 'POST',
          'Access-Control-Request-Headers': 'authorization, content-type, mcp-protocol-version',
        },
      })
      expect(preflight.status).toBe(204)
      expect(preflight.headers.get('access-control-allow-origin')).toBe('*')
      const allowed = preflight.headers.get('access-control-allow-headers') ?? ''
      for (const header of [
        'Authorization',
        'Content-Type',
        'MCP-Protocol-Version',
        'Mcp-Session-Id',
      ]) {
        expect(allowed).toContain(header)
      }
    }
    for (const path of [
      '/.well-known/oauth-authorization-server',
      '/.well-known/oauth-protected-resource/api/mcp',
      '/api/oauth/figma-plugin/poll?state=x',
    ]) {
      const response = await fetch(`${server.url}${path}`, { headers: { Origin: 'null' } })
      expect(response.headers.get('access-control-allow-origin')).toBe('*')
      expect(response.headers.get('access-control-allow-credentials')).toBeNull()
    }
    const mcp = await fetch(`${server.url}/api/mcp`, {
      method: 'POST',
      headers: {
        Origin: 'http://localhost:6274',
        'Content-Type': 'application/json',
        Cookie: jar.header(),
      },
      body: '{}',
    })
    expect(mcp.status).toBe(401)
    expect(mcp.headers.get('access-control-allow-origin')).toBe('*')
    expect(mcp.headers.get('access-control-expose-headers')).toContain('WWW-Authenticate')
  })

  it('answers 403 on /api/mcp to a browser Origin that is not allowed, preflight included', async () => {
    const user = await server.prisma.user.findUniqueOrThrow({
      where: { email: 'oauth-user@example.com' },
    })
    const token = await createManualToken(server.prisma, {
      userId: user.id,
      name: 'origin',
      scopes: ['read:tokens'],
      expiresAt: null,
      now: new Date(),
    })
    const call = (origin?: string) =>
      fetch(`${server.url}/api/mcp`, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          Accept: 'application/json, text/event-stream',
          Authorization: `Bearer ${token}`,
          ...(origin ? { Origin: origin } : {}),
        },
        body: JSON.stringify(INITIALIZE_REQUEST),
      })
    for (const origin of ['https://evil.example', 'null']) {
      const refused = await call(origin)
      expect(refused.status).toBe(403)
      const preflight = await fetch(`${server.url}/api/mcp`, {
        method: 'OPTIONS',
        headers: { Origin: origin, 'Access-Control-Request-Method': 'POST' },
      })
      expect(preflight.status).toBe(403)
      expect(preflight.headers.get('access-control-allow-origin')).toBeNull()
    }
    // programs send no Origin; this server's own pages and loopback clients may call it
    for (const origin of [undefined, server.url, 'http://localhost:6274']) {
      expect((await call(origin)).status).toBe(200)
    }
    // the OAuth endpoints and the REST API keep answering any origin (the plugin's is null)
    const rest = await fetch(`${server.url}/api/v1/workspaces`, {
      headers: { Origin: 'null', Authorization: `Bearer ${token}` },
    })
    expect(rest.status).toBe(200)
  })

  it('refuses a Host that is neither PUBLIC_URL’s nor a loopback name (DNS rebinding)', async () => {
    const { request } = await import('node:http')
    const status = (host: string, path = '/.well-known/oauth-authorization-server') =>
      new Promise<number>((resolve, reject) => {
        const url = new URL(server.url)
        request(
          {
            host: url.hostname,
            port: url.port,
            path,
            headers: { Host: host },
          },
          (res) => {
            res.resume()
            resolve(res.statusCode ?? 0)
          },
        )
          .on('error', reject)
          .end()
      })
    expect(await status('attacker.example:80')).toBe(421)
    expect(await status(`localhost:${new URL(server.url).port}`)).toBe(200)
    expect(await status('[::1]')).toBe(200)
    // health probes reach the process by any name (pod IP, localhost in a container)
    expect(await status('10.1.2.3:3000', '/healthz')).toBe(200)
  })
})
