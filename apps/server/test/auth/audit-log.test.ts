/**
 * Authentication events as structured log lines, read from the server's own pino logger while
 * people sign up, in and out, make and delete tokens, and authorize an OAuth client.
 */
import { pino } from 'pino'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createRateLimits, DEFAULT_POLICIES } from '../../src/auth/rate-limit/index.ts'
import { consent, pkcePair, registerClient, signedUpJar, tokenRequest } from '../oauth/support.ts'
import { startTestServer, type TestServer } from '../support/server.ts'
import { createdToken, signedUp, webClient } from './web-client.ts'

const PASSWORD = 'correct horse battery staple'
const lines: Record<string, unknown>[] = []
let server: TestServer

beforeAll(async () => {
  const logger = pino({ level: 'info' }, { write: (line: string) => lines.push(JSON.parse(line)) })
  const rateLimits = createRateLimits(undefined, {
    ...DEFAULT_POLICIES,
    loginAccount: { ...DEFAULT_POLICIES.loginAccount, limit: 2 },
  })
  server = await startTestServer({ context: { logger, rateLimits } })
})
afterAll(() => server.close())

/** The auth events logged since `from`, as {event, …} objects. */
const eventsSince = (from: number) => lines.slice(from).filter((line) => line.audit === 'auth')

describe('authentication events in the log', () => {
  it('logs sign-up, sign-out, a failed and a good sign-in, with user and address', async () => {
    const from = lines.length
    const client = await signedUp(server.url, 'audit@example.com', PASSWORD)
    const userId = (
      await server.prisma.user.findUniqueOrThrow({ where: { email: 'audit@example.com' } })
    ).id
    await client.post('/logout', {})
    await client.get('/login')
    await client.post('/login', { email: 'Audit@example.com', password: 'not the password' })
    await client.post('/login', { email: 'audit@example.com', password: PASSWORD })
    expect(eventsSince(from)).toEqual([
      expect.objectContaining({ event: 'sign_up', userId, ip: '127.0.0.1', level: 30 }),
      expect.objectContaining({ event: 'sign_out', userId }),
      expect.objectContaining({
        event: 'sign_in_failed',
        email: 'audit@example.com',
        reason: 'bad_credentials',
      }),
      expect.objectContaining({ event: 'sign_in', userId, msg: 'auth: sign_in' }),
    ])
    // never a password
    expect(JSON.stringify(lines)).not.toContain(PASSWORD)
    expect(JSON.stringify(lines)).not.toContain('not the password')
  })

  it('logs a throttled sign-in', async () => {
    const from = lines.length
    const client = webClient(server.url)
    await client.get('/login')
    for (let i = 0; i < 3; i++) {
      await client.post('/login', { email: 'throttled@example.com', password: 'guess guess' })
    }
    expect(eventsSince(from).map((event) => event.reason)).toEqual([
      'bad_credentials',
      'bad_credentials',
      'throttled',
    ])
  })

  it('logs API tokens created and deleted by their hint, never the token', async () => {
    const client = await signedUp(server.url, 'tokens-audit@example.com')
    const from = lines.length
    const token = await createdToken(client, { name: 'CI', scopes: ['read:tokens'] })
    const row = await server.prisma.apiToken.findFirstOrThrow({
      where: { name: 'CI', hint: token.slice(-4) },
    })
    await client.post(`/settings/api/tokens/${row.id}/delete`, {})
    expect(eventsSince(from)).toEqual([
      expect.objectContaining({
        event: 'api_token_created',
        userId: row.userId,
        name: 'CI',
        hint: token.slice(-4),
        scopes: ['read:tokens'],
      }),
      expect.objectContaining({ event: 'api_token_deleted', userId: row.userId, tokenId: row.id }),
    ])
    expect(JSON.stringify(lines)).not.toContain(token)
  })

  it('logs an OAuth grant: the consent, the token issued, its revocation', async () => {
    const jar = await signedUpJar(server.url, 'oauth-audit@example.com')
    const client = await registerClient(server.url, {
      client_name: 'Audited',
      redirect_uris: ['https://app.example/cb'],
      token_endpoint_auth_method: 'none',
    })
    const pkce = pkcePair()
    const from = lines.length
    const back = await consent(server.url, jar, {
      client_id: client.client_id,
      redirect_uri: 'https://app.example/cb',
      response_type: 'code',
      scope: 'read:tokens',
      code_challenge: pkce.challenge,
      code_challenge_method: 'S256',
    })
    const token = await tokenRequest(server.url, {
      grant_type: 'authorization_code',
      code: back.searchParams.get('code') ?? '',
      redirect_uri: 'https://app.example/cb',
      client_id: client.client_id,
      code_verifier: pkce.verifier,
    })
    const accessToken = token.body.access_token as string
    await fetch(`${server.url}/api/oauth/mcp/revoke`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token: accessToken }),
    })
    const userId = (
      await server.prisma.user.findUniqueOrThrow({ where: { email: 'oauth-audit@example.com' } })
    ).id
    expect(eventsSince(from)).toEqual([
      expect.objectContaining({
        event: 'oauth_consent',
        userId,
        clientId: client.client_id,
        scopes: ['read:tokens'],
        decision: 'approve',
      }),
      expect.objectContaining({
        event: 'oauth_token_issued',
        clientId: client.client_id,
        grantType: 'authorization_code',
      }),
      expect.objectContaining({ event: 'oauth_token_revoked', clientId: client.client_id }),
    ])
    expect(JSON.stringify(lines)).not.toContain(accessToken)
  })
})
