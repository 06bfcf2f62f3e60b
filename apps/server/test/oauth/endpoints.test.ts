import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestServer, type TestServer } from '../support/server.ts'
import {
  type CookieJar,
  consent,
  initialize,
  pkcePair,
  registerClient,
  signedUpJar,
  tokenRequest,
} from './support.ts'

let server: TestServer
let jar: CookieJar
const REDIRECT = 'https://app.example/callback'

beforeAll(async () => {
  server = await startTestServer()
  jar = await signedUpJar(server.url, 'oauth-user@example.com')
})
afterAll(() => server?.close())

/** A public client, a consented code and its verifier. */
async function codeFor(extra: Record<string, string> = {}, redirectUri = REDIRECT) {
  const client = await registerClient(server.url, {
    client_name: 'Test client',
    redirect_uris: [redirectUri],
    token_endpoint_auth_method: 'none',
  })
  const pkce = pkcePair()
  const back = await consent(server.url, jar, {
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
      grant_types_supported: ['authorization_code'],
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

  it('refuses a foreign resource at authorization and at the token endpoint', async () => {
    const client = await registerClient(server.url, {
      client_name: 'Resource client',
      redirect_uris: [REDIRECT],
      token_endpoint_auth_method: 'none',
    })
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
