import { randomBytes } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sha256Hex } from '../../src/auth/secrets.ts'
import { initialize } from '../oauth/support.ts'
import { startTestServer, type TestServer } from '../support/server.ts'
import { createdToken, signedUp, type WebClient } from './web-client.ts'

let server: TestServer
let web: WebClient
let userId: string

beforeAll(async () => {
  server = await startTestServer()
  web = await signedUp(server.url, 'bearer@example.com')
  userId = (await server.prisma.user.findUniqueOrThrow({ where: { email: 'bearer@example.com' } }))
    .id
})
afterAll(() => server.close())

const workspaces = (token?: string) =>
  fetch(`${server.url}/api/v1/workspaces`, {
    headers: token === undefined ? {} : { authorization: `Bearer ${token}` },
  })

async function expectInvalidToken(response: Response) {
  expect(response.status).toBe(401)
  expect(response.headers.get('www-authenticate')).toBe(
    `Bearer error="invalid_token", error_description="The access token is invalid, expired or revoked", resource_metadata="${server.url}/.well-known/oauth-protected-resource/api/mcp"`,
  )
  expect(await response.json()).toEqual({
    error: 'The access token is invalid, expired or revoked.',
  })
}

/**
 * An OAuth access token as the OAuth server stores it: 64 hex, only its hash kept. By default
 * the Figma plugin's, issued without `resource`: the OAuth token the REST API accepts.
 */
async function oauthToken(
  data: { resource?: string | null; clientId?: string; grantRevoked?: boolean } = {},
) {
  const token = randomBytes(32).toString('hex')
  const clientId = data.clientId ?? 'figma-plugin-v1'
  const client = await server.prisma.oAuthClient.upsert({
    where: { id: clientId },
    update: {},
    create: {
      id: clientId,
      name: 'Test client',
      redirectUris: ['http://127.0.0.1/cb'],
      grantTypes: ['authorization_code'],
      tokenEndpointAuthMethod: 'none',
      metadata: {},
    },
  })
  const grant = await server.prisma.oAuthGrant.create({
    data: {
      userId,
      clientId: client.id,
      scopes: ['read:tokens'],
      revokedAt: data.grantRevoked ? new Date() : null,
    },
  })
  const row = await server.prisma.apiToken.create({
    data: {
      userId,
      kind: 'oauth',
      name: 'MCP OAuth — Test client',
      tokenHash: sha256Hex(token),
      hint: token.slice(-4),
      scopes: ['read:tokens'],
      clientId: client.id,
      grantId: grant.id,
      resource: data.resource ?? null,
    },
  })
  return { token, row }
}

/** An MCP `ping` with a bearer token: 200 when the MCP server accepts the token. */
const mcpPing = (token: string) =>
  fetch(`${server.url}/api/mcp`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': 'application/json',
      accept: 'application/json, text/event-stream',
    },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'ping' }),
  })

async function expectForeignAudience(response: Response) {
  expect(response.status).toBe(401)
  expect(response.headers.get('www-authenticate')).toBe(
    `Bearer error="invalid_token", error_description="The access token was issued for another endpoint of this server", resource_metadata="${server.url}/.well-known/oauth-protected-resource/api/mcp"`,
  )
}

describe('bearer authentication on /api/v1', () => {
  it('answers 401 without a token, pointing at the protected-resource metadata (no error code)', async () => {
    const response = await workspaces()
    expect(response.status).toBe(401)
    expect(response.headers.get('www-authenticate')).toBe(
      `Bearer resource_metadata="${server.url}/.well-known/oauth-protected-resource/api/mcp", scope="read:tokens write:tokens export:tokens"`,
    )
    expect((await response.json()).error).toMatch(/Authorization: Bearer/)
  })

  it('treats another scheme as no token', async () => {
    const response = await fetch(`${server.url}/api/v1/workspaces`, {
      headers: { authorization: 'Basic dXNlcjpwYXNz' },
    })
    expect(response.status).toBe(401)
    expect(response.headers.get('www-authenticate')).not.toMatch(/error=/)
  })

  it('accepts a manual token and lists the workspaces with the role', async () => {
    const token = await createdToken(web)
    const response = await workspaces(token)
    expect(response.status).toBe(200)
    const body = await response.json()
    expect(body.workspaces).toEqual([expect.objectContaining({ name: 'Personal', role: 'owner' })])
  })

  it.each([
    ['a wrong prefix', (t: string) => `tkx_${t.slice(4)}`],
    ['one character short', (t: string) => t.slice(0, -1)],
    ['one character long', (t: string) => `${t}a`],
    ['an unknown value of the right shape', () => `tkc_${randomBytes(32).toString('hex')}`],
    ['an empty value', () => ''],
  ])('refuses %s with invalid_token', async (_, mangle) => {
    const token = await createdToken(web)
    await expectInvalidToken(await workspaces(mangle(token)))
  })

  it('refuses an expired token', async () => {
    const token = await createdToken(web, { expires_in_days: '7' })
    expect((await workspaces(token)).status).toBe(200)
    server.clock.advance(7 * 24 * 60 * 60 * 1000 + 1000)
    try {
      await expectInvalidToken(await workspaces(token))
    } finally {
      server.clock.reset()
    }
  })

  it('refuses a revoked token on the next request', async () => {
    const token = await createdToken(web)
    expect((await workspaces(token)).status).toBe(200)
    await server.prisma.apiToken.update({
      where: { tokenHash: sha256Hex(token) },
      data: { revokedAt: new Date() },
    })
    await expectInvalidToken(await workspaces(token))
  })

  it('accepts an OAuth token (64 hex) alike, and refuses it once its grant is revoked', async () => {
    const { token } = await oauthToken()
    expect((await workspaces(token)).status).toBe(200)
    const revoked = await oauthToken({ grantRevoked: true })
    await expectInvalidToken(await workspaces(revoked.token))
  })

  it('deleting an OAuth token on API Settings also revokes its grant (no refresh into a new one)', async () => {
    const { token, row } = await oauthToken()
    await web.get('/settings/api')
    expect((await web.post(`/settings/api/tokens/${row.id}/delete`, {})).status).toBe(303)
    await expectInvalidToken(await workspaces(token))
    const grant = await server.prisma.oAuthGrant.findUniqueOrThrow({
      where: { id: row.grantId ?? '' },
    })
    expect(grant.revokedAt).not.toBeNull()
  })

  it('refuses an OAuth token bound to another resource (RFC 8707)', async () => {
    const { token } = await oauthToken({ resource: 'https://elsewhere.example/api/mcp' })
    await expectForeignAudience(await workspaces(token))
    await expectForeignAudience(await mcpPing(token))
  })

  it('refuses the read route to a token without read:tokens (403 insufficient_scope)', async () => {
    const token = await createdToken(web, { scopes: ['export:tokens'] })
    const response = await workspaces(token)
    expect(response.status).toBe(403)
    expect(response.headers.get('www-authenticate')).toBe(
      'Bearer error="insufficient_scope", scope="read:tokens"',
    )
    expect((await response.json()).error).toMatch(/read:tokens/)
  })

  it('writes last_used_at at most once a minute', async () => {
    const token = await createdToken(web)
    const row = () =>
      server.prisma.apiToken.findUniqueOrThrow({ where: { tokenHash: sha256Hex(token) } })
    expect((await row()).lastUsedAt).toBeNull()
    server.clock.set('2030-01-01T00:00:00Z')
    try {
      await workspaces(token)
      expect((await row()).lastUsedAt?.toISOString()).toBe('2030-01-01T00:00:00.000Z')
      server.clock.advance(59_000)
      await workspaces(token)
      expect((await row()).lastUsedAt?.toISOString()).toBe('2030-01-01T00:00:00.000Z')
      server.clock.advance(1_000)
      await workspaces(token)
      expect((await row()).lastUsedAt?.toISOString()).toBe('2030-01-01T00:01:00.000Z')
    } finally {
      server.clock.reset()
    }
  })
})

describe('audience: each endpoint accepts the tokens issued for it (RFC 8707)', () => {
  it('refuses at /api/v1 a token issued for /api/mcp, which /api/mcp accepts', async () => {
    const { token } = await oauthToken({
      clientId: 'an-mcp-client',
      resource: `${server.url}/api/mcp`,
    })
    expect((await mcpPing(token)).status).toBe(200)
    await expectForeignAudience(await workspaces(token))
  })

  it('sends an MCP client’s token issued without resource to /api/mcp only', async () => {
    const { token } = await oauthToken({ clientId: 'an-mcp-client', resource: null })
    expect((await mcpPing(token)).status).toBe(200)
    await expectForeignAudience(await workspaces(token))
  })

  it('sends the Figma plugin’s token issued without resource to /api/v1 only', async () => {
    const { token } = await oauthToken({ clientId: 'figma-plugin-v1', resource: null })
    expect((await workspaces(token)).status).toBe(200)
    await expectForeignAudience(await mcpPing(token))
  })

  it('accepts a manual tkc_ token at both', async () => {
    const token = await createdToken(web)
    expect((await workspaces(token)).status).toBe(200)
    expect((await mcpPing(token)).status).toBe(200)
  })
})

describe('rate limit: 100 requests per minute per token', () => {
  it('answers the 101st request within a minute with 429 and Retry-After, and slides', async () => {
    const token = await createdToken(web)
    const t0 = Date.parse('2031-03-01T10:00:00Z')
    server.clock.set(t0)
    try {
      for (let i = 1; i <= 100; i++) {
        if (i === 51) server.clock.advance(30_000)
        const response = await workspaces(token)
        expect(response.status).toBe(200)
        expect(response.headers.get('x-ratelimit-remaining')).toBe(String(100 - i))
      }
      const first = await workspaces(token)
      expect(first.headers.get('x-ratelimit-limit')).toBe('100')
      expect(first.headers.get('x-ratelimit-reset')).toBe(String(t0 / 1000 + 60))
      expect(first.status).toBe(429)
      expect(first.headers.get('retry-after')).toBe('30')
      expect(first.headers.get('ratelimit-policy')).toBe('"per-token";q=100;w=60')
      expect(first.headers.get('ratelimit')).toBe('"per-token";r=0;t=30')
      expect(await first.json()).toEqual({ error: 'Rate limit exceeded. Please try again later.' })

      // at 60 s the first 50 requests leave the window: 50 more fit, not 100
      server.clock.advance(30_000)
      for (let i = 0; i < 50; i++) expect((await workspaces(token)).status).toBe(200)
      expect((await workspaces(token)).status).toBe(429)
    } finally {
      server.clock.reset()
    }
  })

  // The token is checked before it is counted (bearer, then rate limit, on REST and MCP alike):
  // a key removed after a burst is told it is invalid, not to come back later.
  it.each([
    ['REST', (token: string) => workspaces(token)],
    ['MCP', (token: string) => initialize(server.url, token)],
  ])('%s: a key revoked or deleted after a burst of 100 gets 401, not 429', async (_, send) => {
    const revoke = async (token: string) => {
      await server.prisma.apiToken.update({
        where: { tokenHash: sha256Hex(token) },
        data: { revokedAt: new Date() },
      })
    }
    const remove = async (token: string) => {
      const { id } = await server.prisma.apiToken.findUniqueOrThrow({
        where: { tokenHash: sha256Hex(token) },
      })
      await web.get('/settings/api')
      expect((await web.post(`/settings/api/tokens/${id}/delete`, {})).status).toBe(303)
    }
    for (const removed of [revoke, remove]) {
      const token = await createdToken(web)
      // one instant: the whole burst lies in one window however slow the machine
      server.clock.set(Date.parse('2031-04-01T10:00:00Z'))
      try {
        for (let i = 0; i < 100; i++) expect((await send(token)).status).toBe(200)
        expect((await send(token)).status).toBe(429)
      } finally {
        server.clock.reset()
      }
      await removed(token)
      await expectInvalidToken(await send(token))
    }
  })

  it('keeps one budget per token', async () => {
    const other = await createdToken(web)
    const response = await workspaces(other)
    expect(response.status).toBe(200)
    expect(response.headers.get('x-ratelimit-remaining')).toBe('99')
  })
})
