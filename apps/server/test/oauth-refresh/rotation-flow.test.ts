/**
 * Refresh tokens against the real server: issued at the code exchange to clients registered for
 * them, rotated on every use, replayed to a retry within the grace period, and ending their
 * family (the grant) on reuse after it, on revocation of either token, and on deletion from API
 * Settings.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sha256Hex } from '../../src/auth/secrets.ts'
import { TestBrowser } from '../oauth-cimd/support/browser.ts'
import { apiStatus, authorizeAndExchange, refresh } from '../oauth-cimd/support/oauth-flow.ts'
import { startTestServer, type TestServer } from '../support/server.ts'

const REDIRECT = 'http://127.0.0.1/callback'

let server: TestServer
let browser: TestBrowser

beforeAll(async () => {
  server = await startTestServer()
  browser = new TestBrowser(server.url)
  await browser.signUp('refresh@example.com')
})
afterAll(() => server?.close())

async function register(metadata: Record<string, unknown>) {
  const res = await fetch(`${server.url}/api/oauth/mcp/register`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      client_name: 'Refreshing Agent',
      redirect_uris: [REDIRECT],
      ...metadata,
    }),
  })
  expect(res.status).toBe(201)
  return (await res.json()) as { client_id: string; client_secret?: string; grant_types: string[] }
}

const publicClient = () =>
  register({
    token_endpoint_auth_method: 'none',
    grant_types: ['authorization_code', 'refresh_token'],
  })

/** A fresh family: the tokens of one code exchange. */
async function signIn(clientId: string, extra: Record<string, string> = {}, scope?: string) {
  const start = { clientId, redirectUri: REDIRECT, ...(scope ? { scope } : {}) }
  const answer = await authorizeAndExchange(browser, server.url, start, extra)
  expect(answer.status).toBe(200)
  return answer.body as { access_token: string; refresh_token?: string; scope: string }
}

async function revoke(token: string) {
  const res = await fetch(`${server.url}/api/oauth/mcp/revoke`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ token }),
  })
  expect(res.status).toBe(200)
}

describe('refresh tokens', () => {
  it('are issued only to clients registered for them', async () => {
    const without = await register({ token_endpoint_auth_method: 'none' })
    expect(without.grant_types).toEqual(['authorization_code'])
    expect((await signIn(without.client_id)).refresh_token).toBeUndefined()
    const refused = await refresh(server.url, without.client_id, 'f'.repeat(64))
    expect(refused).toMatchObject({ status: 400, body: { error: 'unauthorized_client' } })

    const client = await publicClient()
    expect(client.grant_types).toEqual(['authorization_code', 'refresh_token'])
    expect((await signIn(client.client_id)).refresh_token).toMatch(/^[0-9a-f]{64}$/)
  })

  it('rotate on every use and give a 64-hex, 30-day access token named like the first', async () => {
    const client = await publicClient()
    const first = await signIn(client.client_id)
    const answer = await refresh(server.url, client.client_id, first.refresh_token as string)
    expect(answer.status).toBe(200)
    expect(answer.body).toMatchObject({ token_type: 'Bearer', expires_in: 30 * 24 * 60 * 60 })
    expect(answer.body.access_token).toMatch(/^[0-9a-f]{64}$/)
    expect(answer.body.refresh_token).toMatch(/^[0-9a-f]{64}$/)
    expect(answer.body.refresh_token).not.toBe(first.refresh_token)
    expect(answer.body.access_token).not.toBe(first.access_token)
    expect(await apiStatus(server.url, answer.body.access_token as string)).toBe(200)
    const names = await server.prisma.apiToken.findMany({
      where: { clientId: client.client_id },
      select: { name: true },
    })
    expect(names.map((row) => row.name)).toEqual([
      'MCP OAuth — Refreshing Agent',
      'MCP OAuth — Refreshing Agent',
    ])
    const second = await refresh(server.url, client.client_id, answer.body.refresh_token as string)
    expect(second.status).toBe(200)
  })

  it('are stored only as hashes, with the replacement pair sealed', async () => {
    const client = await publicClient()
    const first = await signIn(client.client_id)
    const next = await refresh(server.url, client.client_id, first.refresh_token as string)
    const rows = await server.prisma.refreshToken.findMany()
    const dump = JSON.stringify(rows)
    for (const secret of [first.refresh_token, next.body.refresh_token, next.body.access_token]) {
      expect(dump).not.toContain(secret)
    }
    // once the replacement is used, the sealed pair is dropped: nothing left to replay
    const firstRow = { tokenHash: sha256Hex(first.refresh_token as string) }
    expect(
      (await server.prisma.refreshToken.findUnique({ where: firstRow }))?.replacementSealed,
    ).toEqual(expect.any(String))
    await refresh(server.url, client.client_id, next.body.refresh_token as string)
    expect(
      (await server.prisma.refreshToken.findUnique({ where: firstRow }))?.replacementSealed,
    ).toBeNull()
  })

  it('replay the same pair to a retry within the grace period', async () => {
    const client = await publicClient()
    const first = await signIn(client.client_id)
    const old = first.refresh_token as string
    const answer = await refresh(server.url, client.client_id, old)
    server.clock.advance(59_000) // the grace period is 60 s
    const retry = await refresh(server.url, client.client_id, old)
    server.clock.reset()
    expect(retry.status).toBe(200)
    expect(retry.body.access_token).toBe(answer.body.access_token)
    expect(retry.body.refresh_token).toBe(answer.body.refresh_token)
    expect(await apiStatus(server.url, answer.body.access_token as string)).toBe(200)
  })

  it('answer two concurrent refreshes with one pair', async () => {
    const client = await publicClient()
    const first = await signIn(client.client_id)
    const [a, b] = await Promise.all([
      refresh(server.url, client.client_id, first.refresh_token as string),
      refresh(server.url, client.client_id, first.refresh_token as string),
    ])
    expect([a.status, b.status]).toEqual([200, 200])
    expect(a.body.refresh_token).toBe(b.body.refresh_token)
  })

  it('revoke the whole family when an old token comes back after the grace period', async () => {
    const client = await publicClient()
    const first = await signIn(client.client_id)
    const old = first.refresh_token as string
    const answer = await refresh(server.url, client.client_id, old)
    server.clock.advance(61_000) // past the 60-second grace period
    const reuse = await refresh(server.url, client.client_id, old)
    server.clock.reset()
    expect(reuse).toMatchObject({ status: 400, body: { error: 'invalid_grant' } })
    expect(await apiStatus(server.url, answer.body.access_token as string)).toBe(401)
    expect(await apiStatus(server.url, first.access_token)).toBe(401)
    const next = await refresh(server.url, client.client_id, answer.body.refresh_token as string)
    expect(next).toMatchObject({ status: 400, body: { error: 'invalid_grant' } })
  })

  it('revoke the family when an old token comes back after its replacement was used', async () => {
    const client = await publicClient()
    const first = await signIn(client.client_id)
    const second = await refresh(server.url, client.client_id, first.refresh_token as string)
    const third = await refresh(server.url, client.client_id, second.body.refresh_token as string)
    expect(third.status).toBe(200)
    const reuse = await refresh(server.url, client.client_id, first.refresh_token as string)
    expect(reuse).toMatchObject({ status: 400, body: { error: 'invalid_grant' } })
    expect(await apiStatus(server.url, third.body.access_token as string)).toBe(401)
  })

  it('end with their family when the refresh token is revoked (RFC 7009)', async () => {
    const client = await publicClient()
    const first = await signIn(client.client_id)
    await revoke(first.refresh_token as string)
    expect(await apiStatus(server.url, first.access_token)).toBe(401)
    const answer = await refresh(server.url, client.client_id, first.refresh_token as string)
    expect(answer).toMatchObject({ status: 400, body: { error: 'invalid_grant' } })
    const family = await server.prisma.refreshToken.findMany({
      where: { grant: { clientId: client.client_id } },
    })
    expect(family.length).toBeGreaterThan(0)
    expect(family.every((row) => row.revokedAt !== null)).toBe(true)
  })

  it('leave a family alone when another client asks to revoke its refresh token', async () => {
    const client = await publicClient()
    const other = await publicClient()
    const first = await signIn(client.client_id)
    const res = await fetch(`${server.url}/api/oauth/mcp/revoke`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        token: first.refresh_token as string,
        client_id: other.client_id,
      }),
    })
    expect(res.status).toBe(200)
    expect(await apiStatus(server.url, first.access_token)).toBe(200)
    expect(
      (await refresh(server.url, client.client_id, first.refresh_token as string)).status,
    ).toBe(200)
  })

  it('end with their family when an access token of it is revoked', async () => {
    const client = await publicClient()
    const first = await signIn(client.client_id)
    const second = await refresh(server.url, client.client_id, first.refresh_token as string)
    await revoke(first.access_token)
    expect(await apiStatus(server.url, second.body.access_token as string)).toBe(401)
    const answer = await refresh(server.url, client.client_id, second.body.refresh_token as string)
    expect(answer).toMatchObject({ status: 400, body: { error: 'invalid_grant' } })
  })

  it('end with their family when the token is deleted on API Settings', async () => {
    const client = await publicClient()
    const first = await signIn(client.client_id)
    const page = await browser.open(`${server.url}/settings/api`)
    const row = await server.prisma.apiToken.findFirstOrThrow({
      where: { clientId: client.client_id },
    })
    const deleted = await browser.submit(`/settings/api/tokens/${row.id}/delete`, {}, page)
    expect(deleted.status).toBe(200)
    const answer = await refresh(server.url, client.client_id, first.refresh_token as string)
    expect(answer).toMatchObject({ status: 400, body: { error: 'invalid_grant' } })
  })

  it('leave one entry per authorization on API Settings, with its last use', async () => {
    const client = await register({
      client_name: 'Listed Agent',
      token_endpoint_auth_method: 'none',
      grant_types: ['authorization_code', 'refresh_token'],
    })
    const first = await signIn(client.client_id)
    const second = await refresh(server.url, client.client_id, first.refresh_token as string)
    const third = await refresh(server.url, client.client_id, second.body.refresh_token as string)
    expect(third.status).toBe(200)
    // the first access token is still live (until it expires) and is used: the entry shows it
    expect(await apiStatus(server.url, first.access_token)).toBe(200)
    const page = await browser.open(`${server.url}/settings/api`)
    const entries = page.html
      .split('<tr data-token-id=')
      .filter((row) => row.includes('Listed Agent'))
    expect(entries).toHaveLength(1)
    expect(entries[0]).toContain('data-label="Last used"><time')
    // a second authorization of the same client is an entry of its own
    await signIn(client.client_id)
    const again = await browser.open(`${server.url}/settings/api`)
    expect(
      again.html.split('<tr data-token-id=').filter((row) => row.includes('Listed Agent')),
    ).toHaveLength(2)
  })

  it('are refused when expired', async () => {
    const client = await publicClient()
    const first = await signIn(client.client_id)
    server.clock.advance(91 * 24 * 60 * 60 * 1000)
    const answer = await refresh(server.url, client.client_id, first.refresh_token as string)
    server.clock.reset()
    expect(answer).toMatchObject({ status: 400, body: { error: 'invalid_grant' } })
  })

  it('belong to the client they were issued to', async () => {
    const client = await publicClient()
    const other = await publicClient()
    const first = await signIn(client.client_id)
    const answer = await refresh(server.url, other.client_id, first.refresh_token as string)
    expect(answer).toMatchObject({ status: 400, body: { error: 'invalid_grant' } })
    // and presenting it elsewhere did not end the family
    expect(
      (await refresh(server.url, client.client_id, first.refresh_token as string)).status,
    ).toBe(200)
  })

  it('may narrow the scope, never widen it (RFC 6749 §6)', async () => {
    const client = await publicClient()
    const first = await signIn(client.client_id, {}, 'read:tokens export:tokens')
    const wider = await refresh(server.url, client.client_id, first.refresh_token as string, {
      scope: 'read:tokens write:tokens',
    })
    expect(wider).toMatchObject({ status: 400, body: { error: 'invalid_scope' } })
    const narrower = await refresh(server.url, client.client_id, first.refresh_token as string, {
      scope: 'read:tokens',
    })
    expect(narrower).toMatchObject({ status: 200, body: { scope: 'read:tokens' } })
  })

  it('refuse a resource other than this server (RFC 8707)', async () => {
    const client = await publicClient()
    const first = await signIn(client.client_id)
    const answer = await refresh(server.url, client.client_id, first.refresh_token as string, {
      resource: 'https://elsewhere.example/api/mcp',
    })
    expect(answer).toMatchObject({ status: 400, body: { error: 'invalid_target' } })
  })

  it('require a confidential client to authenticate as at the code exchange', async () => {
    const client = await register({
      token_endpoint_auth_method: 'client_secret_post',
      grant_types: ['authorization_code', 'refresh_token'],
    })
    const secret = client.client_secret as string
    const first = await signIn(client.client_id, { client_secret: secret })
    const unauthenticated = await refresh(
      server.url,
      client.client_id,
      first.refresh_token as string,
    )
    expect(unauthenticated).toMatchObject({ status: 401, body: { error: 'invalid_client' } })
    const wrong = await refresh(server.url, client.client_id, first.refresh_token as string, {
      client_secret: 'wrong',
    })
    expect(wrong).toMatchObject({ status: 401, body: { error: 'invalid_client' } })
    const basic = await fetch(`${server.url}/api/oauth/mcp/token`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        authorization: `Basic ${Buffer.from(`${client.client_id}:${secret}`).toString('base64')}`,
      },
      body: new URLSearchParams({
        grant_type: 'refresh_token',
        refresh_token: first.refresh_token as string,
      }),
    })
    expect(basic.status).toBe(200)
  })
})
