/**
 * The Figma polling bridge as the plugin runs it: the plugin starts a sign-in, opens the
 * authorization request for figma-plugin-v1, the person types the plugin's code and approves,
 * the browser lands on /mcp/figma-callback, the plugin polls with its poll secret and exchanges
 * the code. The long-poll is checked for waking up on the callback, also when the callback is
 * served by another server instance sharing the database. (The phishing it resists:
 * figma-phishing.test.ts.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../../src/app.ts'
import { sha256Hex } from '../../src/auth/secrets.ts'
import { type Listening, listen } from '../../src/http/listen.ts'
import { FALLBACK_MS } from '../../src/oauth/figma-wait.ts'
import { ensurePreRegisteredClients } from '../../src/oauth/store/clients.ts'
import { describeWithPostgres } from '../support/postgres.ts'
import { startTestServer, type TestServer } from '../support/server.ts'
import { serverPairOnPostgres } from '../support/server-pair.ts'
import { exchange, pluginSignIn, poll, startSignIn } from './figma-support.ts'
import { type CookieJar, oauthLimit, signedUpJar, tokenRequest } from './support.ts'

/** The status of a REST call with the plugin's token: the API it browses, pulls and pushes with
 * (its tokens are for /api/v1, not /api/mcp: docs/security.md). */
const restStatus = async (baseUrl: string, token: string) => {
  const answer = await fetch(`${baseUrl}/api/v1/workspaces`, {
    headers: { authorization: `Bearer ${token}` },
  })
  await answer.body?.cancel()
  return answer.status
}

/** Runs the long-poll against `pollBase` while the browser's callback reaches `callbackBase`. */
async function longPollAcross(
  server: { url: string },
  jar: CookieJar,
  pollBase: string,
  callbackBase: string,
) {
  const { started, answer } = await pluginSignIn(server, jar)
  const events: string[] = []
  let answeredAt = 0
  const waiting = poll(pollBase, { ...started, wait: 25 }).then((result) => {
    answeredAt = performance.now()
    events.push('poll answered')
    return result
  })
  // the consent takes several round trips, so the poll is waiting on the server by now
  const page = await answer('approve', { callbackBase })
  const calledBackAt = performance.now()
  events.push('callback answered')
  const result = await waiting
  expect(page.status).toBe(200)
  expect(result).toMatchObject({ status: 200, body: { status: 'ready', state: started.state } })
  // the poll held its request until the callback and was woken by it: well before the 1 s
  // fallback re-read (FALLBACK_MS), with room for a loaded machine
  expect(answeredAt - calledBackAt).toBeLessThan(FALLBACK_MS / 2)
  return events
}

describe('the Figma bridge on one server', () => {
  let server: TestServer
  let jar: CookieJar
  beforeAll(async () => {
    server = await startTestServer({ context: { rateLimits: oauthLimit(10_000) } })
    jar = await signedUpJar(server.url, 'designer@example.com')
  })
  afterAll(() => server?.close())

  it('start → pending → consent with the code → ready once → exchange', async () => {
    const { started, pkce, answer } = await pluginSignIn(server, jar)
    expect(started).toEqual({
      state: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
      poll_secret: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
      user_code: expect.stringMatching(/^[BCDFGHJKLMNPQRSTVWXZ]{4}-[BCDFGHJKLMNPQRSTVWXZ]{4}$/),
      expires_in: 600,
    })
    expect(await poll(server.url, started)).toEqual({ status: 202, body: { status: 'pending' } })
    const page = await answer('approve')
    expect(page.html).toContain('Return to Figma')
    const ready = await poll(server.url, started)
    expect(ready).toEqual({
      status: 200,
      body: { status: 'ready', code: expect.any(String), state: started.state },
    })
    expect(await poll(server.url, started)).toEqual({ status: 202, body: { status: 'pending' } })
    const token = await exchange(server.url, ready.body.code as string, pkce.verifier)
    expect(token.status).toBe(200)
    expect(token.body.scope).toBe('read:tokens write:tokens')
    expect(await restStatus(server.url, token.body.access_token as string)).toBe(200)
    const row = await server.prisma.apiToken.findFirst({ where: { clientId: 'figma-plugin-v1' } })
    expect(row?.name).toBe('MCP OAuth — Tokencraft for Figma')
  })

  it('accepts the code typed in lower case, without its dash, with spaces', async () => {
    const { started, answer } = await pluginSignIn(server, jar)
    const typed = ` ${started.user_code.replace('-', '').toLowerCase()} `
    expect((await answer('approve', { typedCode: typed })).status).toBe(200)
    expect((await poll(server.url, started)).body.status).toBe('ready')
  })

  it('issues the plugin 1-hour access tokens, renewed by refresh tokens rotated on every use', async () => {
    server.clock.set('2026-12-01T12:00:00Z')
    try {
      const { started, pkce, answer } = await pluginSignIn(server, jar)
      await answer('approve')
      const ready = await poll(server.url, started)
      const first = await exchange(server.url, ready.body.code as string, pkce.verifier)
      expect(first.body).toMatchObject({ token_type: 'Bearer', expires_in: 3600 })
      const stored = await server.prisma.apiToken.findUniqueOrThrow({
        where: { tokenHash: sha256Hex(first.body.access_token as string) },
      })
      expect(stored.expiresAt?.toISOString()).toBe('2026-12-01T13:00:00.000Z')
      const refreshToken = first.body.refresh_token as string
      expect(refreshToken).toMatch(/^[0-9a-f]{64}$/)

      server.clock.advance(60 * 60 * 1000) // the access token has expired
      expect(await restStatus(server.url, first.body.access_token as string)).toBe(401)
      const renewed = await tokenRequest(server.url, {
        grant_type: 'refresh_token',
        refresh_token: refreshToken,
        client_id: 'figma-plugin-v1',
      })
      expect(renewed.body).toMatchObject({ expires_in: 3600, scope: 'read:tokens write:tokens' })
      expect(renewed.body.refresh_token).not.toBe(refreshToken)
      expect(await restStatus(server.url, renewed.body.access_token as string)).toBe(200)

      // the used refresh token coming back after the retry grace ends the whole sign-in
      server.clock.advance(2 * 60 * 1000)
      const replayed = await tokenRequest(server.url, {
        grant_type: 'refresh_token',
        refresh_token: refreshToken,
        client_id: 'figma-plugin-v1',
      })
      expect(replayed.body.error).toBe('invalid_grant')
      expect(await restStatus(server.url, renewed.body.access_token as string)).toBe(401)
    } finally {
      server.clock.reset()
    }
  })

  it('has figma-plugin-v1 pre-registered as a public client with refresh tokens, idempotently', async () => {
    await ensurePreRegisteredClients(server.prisma, server.url)
    const client = await server.prisma.oAuthClient.findUniqueOrThrow({
      where: { id: 'figma-plugin-v1' },
    })
    expect(client).toMatchObject({
      redirectUris: [`${server.url}/mcp/figma-callback`],
      grantTypes: ['authorization_code', 'refresh_token'],
      tokenEndpointAuthMethod: 'none',
      secretHash: null,
    })
  })

  it('stores only hashes of the state, the poll secret and the user code', async () => {
    const { started, answer } = await pluginSignIn(server, jar)
    await answer('approve')
    const entries = await server.prisma.figmaPollEntry.findMany()
    const stored = JSON.stringify(entries)
    expect(entries.length).toBeGreaterThan(0)
    for (const secret of [started.state, started.poll_secret, started.user_code]) {
      expect(stored).not.toContain(secret)
    }
    expect(stored).not.toContain(started.user_code.replace('-', ''))
    await poll(server.url, started)
  })

  it('keeps the first answer: a replayed callback cannot replace the code', async () => {
    const { started, answer } = await pluginSignIn(server, jar)
    await answer('approve')
    const replay = await fetch(
      `${server.url}/mcp/figma-callback?${new URLSearchParams({ state: started.state, error: 'access_denied' })}`,
    )
    expect(replay.status).toBe(400)
    expect((await poll(server.url, started)).body.status).toBe('ready')
  })

  it('hands a denial out once, and the page still sends the user back to Figma', async () => {
    const { started, answer } = await pluginSignIn(server, jar)
    const page = await answer('deny', { typedCode: '' })
    expect(page.html).toContain('Return to Figma')
    expect(await poll(server.url, started)).toEqual({
      status: 200,
      body: { status: 'error', error: 'access_denied' },
    })
    expect((await poll(server.url, started)).status).toBe(202)
  })

  it('answers an unknown state as pending and forgets sign-ins after 10 minutes (clock injected)', async () => {
    expect(await poll(server.url, { state: 'never-seen', poll_secret: 'x' })).toEqual({
      status: 202,
      body: { status: 'pending' },
    })
    const { started, answer } = await pluginSignIn(server, jar)
    await answer('approve')
    server.clock.advance(10 * 60 * 1000)
    try {
      expect((await poll(server.url, started)).status).toBe(202)
    } finally {
      server.clock.reset()
    }
  })

  it('refuses a poll without state or poll secret, or with a wait that is not a number of seconds', async () => {
    const { state, poll_secret } = await startSignIn(server.url)
    expect((await poll(server.url, { state })).status).toBe(400)
    expect((await poll(server.url, { state: '', poll_secret })).status).toBe(400)
    const badWait = await fetch(`${server.url}/api/oauth/figma-plugin/poll`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ state, poll_secret, wait: 'soon' }),
    })
    expect(badWait.status).toBe(400)
    // the secret never travels in a URL: a poll in the query string is not one
    const inQuery = await fetch(
      `${server.url}/api/oauth/figma-plugin/poll?${new URLSearchParams({ state, poll_secret })}`,
      { method: 'POST' },
    )
    expect(inQuery.status).toBe(400)
  })

  it('answers a long-poll as soon as the callback files the code', async () => {
    const events = await longPollAcross(server, jar, server.url, server.url)
    expect(events).toContain('poll answered')
  })

  it('answers a long-poll served by a second app instance sharing the database', async () => {
    // a second process: its own Koa app and in-process wake-ups, the same database
    const second: Listening = await listen(createApp(server.ctx).callback(), 0, '127.0.0.1')
    try {
      await longPollAcross(server, jar, `http://127.0.0.1:${second.port}`, server.url)
    } finally {
      await second.close(100)
    }
  })
})

describe('the poll is rate-limited per address', () => {
  let server: TestServer
  beforeAll(async () => {
    server = await startTestServer({ context: { rateLimits: oauthLimit(2) } })
  })
  afterAll(() => server?.close())

  it('answers 429 with Retry-After once the address has used its budget', async () => {
    expect((await poll(server.url, { state: 'a', poll_secret: 'x' })).status).toBe(202)
    expect((await poll(server.url, { state: 'b', poll_secret: 'x' })).status).toBe(202)
    const limited = await poll(server.url, { state: 'c', poll_secret: 'x' })
    expect(limited.status).toBe(429)
    expect(limited.body).toEqual({ error: 'Rate limit exceeded. Please try again later.' })
  })
})

describeWithPostgres('the Figma bridge across two servers on PostgreSQL', () => {
  const servers = serverPairOnPostgres()

  it('answers a long-poll on one server when the callback reaches the other', async () => {
    const { first, second } = servers
    const jar = await signedUpJar(first.url, 'designer-pg@example.com')
    await longPollAcross(first, jar, second.url, first.url)
  })
})
