/**
 * The Figma polling bridge as the plugin runs it (SPEC §8): the plugin's authorization request
 * for figma-plugin-v1, the consent, the browser landing on /mcp/figma-callback, the poll and the
 * exchange. The long-poll is checked for waking up on the callback, also when the callback is
 * served by another server instance sharing the database.
 */
import { randomBytes } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../../src/app.ts'
import { type Listening, listen } from '../../src/http/listen.ts'
import { FALLBACK_MS } from '../../src/oauth/figma-wait.ts'
import { ensureFigmaClient } from '../../src/oauth/store/clients.ts'
import { describeWithPostgres } from '../support/postgres.ts'
import { startTestServer, type TestServer } from '../support/server.ts'
import { serverPairOnPostgres } from '../support/server-pair.ts'
import {
  type CookieJar,
  consent,
  initialize,
  oauthLimit,
  pkcePair,
  signedUpJar,
  tokenRequest,
} from './support.ts'

type Poll = { status: number; body: Record<string, unknown> }

async function poll(baseUrl: string, state: string, wait?: number): Promise<Poll> {
  const query = new URLSearchParams({
    state,
    ...(wait === undefined ? {} : { wait: String(wait) }),
  })
  const response = await fetch(`${baseUrl}/api/oauth/figma-plugin/poll?${query}`, {
    headers: { Origin: 'null' },
  })
  return { status: response.status, body: (await response.json()) as Record<string, unknown> }
}

/** What the plugin does before it opens the browser, and the browser's part up to the callback. */
async function pluginSignIn(server: { url: string }, jar: CookieJar, decision: 'approve' | 'deny') {
  const state = randomBytes(32).toString('base64url')
  const pkce = pkcePair()
  const params = {
    client_id: 'figma-plugin-v1',
    redirect_uri: `${server.url}/mcp/figma-callback`,
    response_type: 'code',
    scope: 'read:tokens write:tokens',
    state,
    code_challenge: pkce.challenge,
    code_challenge_method: 'S256',
  }
  /** The browser follows the redirect to the callback page, on `callbackUrl`'s server. */
  const answer = async (callbackBase = server.url) => {
    const back = await consent(server.url, jar, params, decision)
    expect(back.pathname).toBe('/mcp/figma-callback')
    const page = await fetch(`${callbackBase}${back.pathname}${back.search}`)
    return { status: page.status, html: await page.text() }
  }
  return { state, pkce, answer }
}

const exchange = (baseUrl: string, code: string, verifier: string) =>
  tokenRequest(baseUrl, {
    grant_type: 'authorization_code',
    code,
    redirect_uri: `${baseUrl}/mcp/figma-callback`,
    client_id: 'figma-plugin-v1',
    code_verifier: verifier,
  })

/** Runs the long-poll against `pollBase` while the browser's callback reaches `callbackBase`. */
async function longPollAcross(
  server: { url: string },
  jar: CookieJar,
  pollBase: string,
  callbackBase: string,
) {
  const { state, answer } = await pluginSignIn(server, jar, 'approve')
  const events: string[] = []
  let answeredAt = 0
  const waiting = poll(pollBase, state, 25).then((result) => {
    answeredAt = performance.now()
    events.push('poll answered')
    return result
  })
  // the consent takes several round trips, so the poll is waiting on the server by now
  const page = await answer(callbackBase)
  const calledBackAt = performance.now()
  events.push('callback answered')
  const result = await waiting
  expect(page.status).toBe(200)
  expect(result).toMatchObject({ status: 200, body: { status: 'ready', state } })
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

  it('pending → consent → ready once → exchange', async () => {
    const { state, pkce, answer } = await pluginSignIn(server, jar, 'approve')
    expect(await poll(server.url, state)).toEqual({ status: 202, body: { status: 'pending' } })
    const page = await answer()
    expect(page.html).toContain('Return to Figma')
    const ready = await poll(server.url, state)
    expect(ready).toEqual({
      status: 200,
      body: { status: 'ready', code: expect.any(String), state },
    })
    expect(await poll(server.url, state)).toEqual({ status: 202, body: { status: 'pending' } })
    const token = await exchange(server.url, ready.body.code as string, pkce.verifier)
    expect(token.status).toBe(200)
    expect(token.body.scope).toBe('read:tokens write:tokens')
    expect((await initialize(server.url, token.body.access_token as string)).status).toBe(200)
    const row = await server.prisma.apiToken.findFirst({ where: { clientId: 'figma-plugin-v1' } })
    expect(row?.name).toBe('MCP OAuth — Tokencraft for Figma')
  })

  it('has figma-plugin-v1 pre-registered as a public client, idempotently', async () => {
    await ensureFigmaClient(server.prisma, server.url)
    const client = await server.prisma.oAuthClient.findUniqueOrThrow({
      where: { id: 'figma-plugin-v1' },
    })
    expect(client).toMatchObject({
      redirectUris: [`${server.url}/mcp/figma-callback`],
      tokenEndpointAuthMethod: 'none',
      secretHash: null,
    })
  })

  it('stores only a hash of the state', async () => {
    const { state, answer } = await pluginSignIn(server, jar, 'approve')
    await answer()
    const entries = await server.prisma.figmaPollEntry.findMany()
    expect(entries.some((entry) => entry.stateHash === state)).toBe(false)
    expect(entries.length).toBeGreaterThan(0)
    await poll(server.url, state)
  })

  it('hands a denial out once, and the page still sends the user back to Figma', async () => {
    const { state, answer } = await pluginSignIn(server, jar, 'deny')
    const page = await answer()
    expect(page.html).toContain('Return to Figma')
    expect(await poll(server.url, state)).toEqual({
      status: 200,
      body: { status: 'error', error: 'access_denied' },
    })
    expect((await poll(server.url, state)).status).toBe(202)
  })

  it('answers an unknown state as pending and forgets entries after 10 minutes (clock injected)', async () => {
    expect(await poll(server.url, 'never-seen')).toEqual({
      status: 202,
      body: { status: 'pending' },
    })
    const { state, answer } = await pluginSignIn(server, jar, 'approve')
    await answer()
    server.clock.advance(10 * 60 * 1000)
    try {
      expect((await poll(server.url, state)).status).toBe(202)
    } finally {
      server.clock.reset()
    }
  })

  it('refuses a poll without state or with a wait that is not a number of seconds', async () => {
    expect((await fetch(`${server.url}/api/oauth/figma-plugin/poll`)).status).toBe(400)
    expect(
      (await fetch(`${server.url}/api/oauth/figma-plugin/poll?state=x&wait=soon`)).status,
    ).toBe(400)
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
    expect((await poll(server.url, 'a')).status).toBe(202)
    expect((await poll(server.url, 'b')).status).toBe(202)
    const limited = await fetch(`${server.url}/api/oauth/figma-plugin/poll?state=c`)
    expect(limited.status).toBe(429)
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0)
    expect(await limited.json()).toEqual({ error: 'Rate limit exceeded. Please try again later.' })
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
