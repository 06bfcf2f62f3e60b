/**
 * Per-address limits count the client's address: the socket's peer by default, and behind
 * TRUST_PROXY proxies the X-Forwarded-For entry the outermost proxy appended, so that clients
 * behind one load balancer do not share one budget and cannot pick their own address.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { oauthLimit } from '../oauth/support.ts'
import { startTestServer, type TestServer } from '../support/server.ts'

const poll = (server: TestServer, forwardedFor: string) =>
  fetch(`${server.url}/api/oauth/figma-plugin/poll`, {
    method: 'POST',
    headers: { 'X-Forwarded-For': forwardedFor },
    body: new URLSearchParams({ state: 's', poll_secret: 'p' }),
  })

describe('without TRUST_PROXY', () => {
  let server: TestServer
  beforeAll(async () => {
    server = await startTestServer({ context: { rateLimits: oauthLimit(2) } })
  })
  afterAll(() => server?.close())

  it('ignores X-Forwarded-For, which anyone can write', async () => {
    expect((await poll(server, '203.0.113.1')).status).toBe(202)
    expect((await poll(server, '203.0.113.2')).status).toBe(202)
    expect((await poll(server, '203.0.113.3')).status).toBe(429)
  })
})

describe('behind one trusted proxy (TRUST_PROXY=1)', () => {
  let server: TestServer
  beforeAll(async () => {
    server = await startTestServer({
      config: { trustProxy: 1 },
      context: { rateLimits: oauthLimit(2) },
    })
  })
  afterAll(() => server?.close())

  it('gives each client address its own budget', async () => {
    for (const client of ['198.51.100.1', '198.51.100.2']) {
      expect((await poll(server, client)).status).toBe(202)
      expect((await poll(server, client)).status).toBe(202)
      expect((await poll(server, client)).status).toBe(429)
    }
  })

  it('counts the address the proxy appended, not one the client put before it', async () => {
    expect((await poll(server, '192.0.2.9, 198.51.100.7')).status).toBe(202)
    expect((await poll(server, '192.0.2.10, 198.51.100.7')).status).toBe(202)
    expect((await poll(server, '192.0.2.11, 198.51.100.7')).status).toBe(429)
  })
})
