/**
 * Every documented rate limit at its real value, through a server built as `npm start` builds
 * it (createContext's own rate limits, nothing overridden): 100 requests a minute per token on
 * /api/mcp as on /api/v1, 120 a minute per address on the OAuth endpoints, 20 a minute per
 * address for log-in and for sign-up (an IPv6 client by its /64), 10 log-in attempts in 15 minutes
 * per account. The numbers are written out here on purpose: a test that
 * reads them from the code would follow any change of them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { userKey } from '../support/fixtures.ts'
import { startTestServer, type TestServer } from '../support/server.ts'
import { signedUp, webClient } from './web-client.ts'

const PASSWORD = 'correct horse battery staple'

let server: TestServer

beforeAll(async () => {
  server = await startTestServer()
})
afterAll(() => server?.close())

/** Runs `body` with the server's clock frozen at `at`, each test in its own minute. */
async function frozenAt(at: string, body: () => Promise<void>): Promise<void> {
  server.clock.set(at)
  try {
    await body()
  } finally {
    server.clock.reset()
  }
}

const mcpPing = (token: string, id: number) =>
  fetch(`${server.url}/api/mcp`, {
    method: 'POST',
    headers: {
      Authorization: `Bearer ${token}`,
      'Content-Type': 'application/json',
      Accept: 'application/json, text/event-stream',
      'MCP-Protocol-Version': '2025-06-18',
    },
    body: JSON.stringify({ jsonrpc: '2.0', id, method: 'ping' }),
  })

describe('per token on /api/mcp: 100 requests a minute', () => {
  it('answers 100 requests, refuses the 101st with 429 and Retry-After, and frees a slot after 60 s', async () => {
    const { key } = await userKey(server.prisma, 'mcp-limit@example.com')
    await frozenAt('2034-01-01T00:00:00Z', async () => {
      for (let i = 1; i <= 100; i++) {
        const answer = await mcpPing(key, i)
        expect(answer.status).toBe(200)
        expect(answer.headers.get('x-ratelimit-limit')).toBe('100')
        expect(answer.headers.get('x-ratelimit-remaining')).toBe(String(100 - i))
      }
      const refused = await mcpPing(key, 101)
      expect(refused.status).toBe(429)
      expect(refused.headers.get('retry-after')).toBe('60')
      expect(await refused.json()).toEqual({
        error: 'Rate limit exceeded. Please try again later.',
      })
      server.clock.advance(59_999)
      expect((await mcpPing(key, 102)).status).toBe(429)
      server.clock.advance(1)
      expect((await mcpPing(key, 103)).status).toBe(200)
    })
  })
})

describe('per address on the OAuth endpoints: 120 requests a minute', () => {
  it('answers 120 token requests from one address, then 429 until a minute has passed', async () => {
    const tokenRequest = () =>
      fetch(`${server.url}/api/oauth/mcp/token`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ grant_type: 'password' }),
      })
    await frozenAt('2034-02-01T00:00:00Z', async () => {
      for (let i = 1; i <= 120; i++) {
        const answer = await tokenRequest()
        expect(answer.status).toBe(401) // invalid_client (none given): refused, yet counted
        expect(answer.headers.get('x-ratelimit-limit')).toBe('120')
      }
      const refused = await tokenRequest()
      expect(refused.status).toBe(429)
      expect(refused.headers.get('retry-after')).toBe('60')
      server.clock.advance(60_000)
      expect((await tokenRequest()).status).toBe(401)
    })
  })
})

describe('per address on log-in and sign-up: 20 attempts a minute each', () => {
  it('answers 20 failed log-ins, refuses the 21st with 429, and lets the next minute in', async () => {
    const client = webClient(server.url)
    await client.get('/login')
    // A different email each time, so that only the per-address budget is at work; a password
    // over the 1,024-character cap is refused before any hashing, which keeps 21 attempts cheap.
    const attempt = (n: number) =>
      client.post('/login', { email: `guess-${n}@example.com`, password: 'x'.repeat(1025) })
    await frozenAt('2034-03-01T00:00:00Z', async () => {
      for (let i = 1; i <= 20; i++) expect((await attempt(i)).status).toBe(401)
      const refused = await attempt(21)
      expect(refused.status).toBe(429)
      expect(refused.headers.get('retry-after')).toBe('60')
      server.clock.advance(60_000)
      expect((await attempt(22)).status).toBe(401)
    })
  })

  it('answers 20 sign-up attempts, refuses the 21st with 429, and lets the next minute in', async () => {
    const client = webClient(server.url)
    await client.get('/signup')
    // refused before any hashing (not an email), yet each one counts
    const attempt = () => client.post('/signup', { email: 'not-an-email', password: 'x' })
    await frozenAt('2034-04-01T00:00:00Z', async () => {
      for (let i = 1; i <= 20; i++) expect((await attempt()).status).toBe(422)
      const refused = await attempt()
      expect(refused.status).toBe(429)
      expect(refused.headers.get('retry-after')).toBe('60')
      server.clock.advance(60_000)
      expect((await attempt()).status).toBe(422)
    })
  })
})

describe('per account on log-in: 10 attempts in 15 minutes', () => {
  // behind one proxy, so that each attempt can come from an address of its choosing
  let proxied: TestServer
  beforeAll(async () => {
    proxied = await startTestServer({ config: { trustProxy: 1 } })
  })
  afterAll(() => proxied?.close())

  const attempt = async (email: string, address: string, password = 'x'.repeat(1025)) => {
    const client = webClient(proxied.url)
    await client.get('/login')
    const answer = await client.post(
      '/login',
      { email, password },
      { headers: { 'x-forwarded-for': address } },
    )
    return answer.status
  }

  it('refuses the 11th attempt on one account from an 11th address, the right password too, for 15 minutes', async () => {
    await signedUp(proxied.url, 'target@example.com')
    proxied.clock.set('2034-05-01T00:00:00Z')
    try {
      // 10 addresses, each far under its own per-address budget; the email as typed
      for (let i = 1; i <= 10; i++) {
        expect(await attempt(' Target@Example.com ', `198.51.100.${i}`)).toBe(401)
      }
      // refused before the password is looked at
      const refused = await attempt('target@example.com', '198.51.100.99', PASSWORD)
      expect(refused).toBe(429)
      // another account is not affected
      expect(await attempt('other@example.com', '198.51.100.98')).toBe(401)
      proxied.clock.advance(15 * 60_000 - 1)
      expect(await attempt('target@example.com', '198.51.100.97', PASSWORD)).toBe(429)
      proxied.clock.advance(1)
      expect(await attempt('target@example.com', '198.51.100.96', PASSWORD)).toBe(303)
    } finally {
      proxied.clock.reset()
    }
  })

  it('counts an IPv6 client by its /64 against the 20 a minute per address', async () => {
    await frozenAtOn(proxied, '2034-06-01T00:00:00Z', async () => {
      // 20 attempts from 20 addresses of one /64, each on another account
      for (let i = 1; i <= 20; i++) {
        expect(await attempt(`v6-${i}@example.com`, `2001:db8:1:2::${i.toString(16)}`)).toBe(401)
      }
      expect(await attempt('v6-21@example.com', '2001:db8:1:2:aaaa:bbbb:cccc:dddd')).toBe(429)
      // the next /64 has a budget of its own
      expect(await attempt('v6-22@example.com', '2001:db8:1:3::1')).toBe(401)
    })
  })
})

/** `frozenAt` on another server. */
async function frozenAtOn(on: TestServer, at: string, body: () => Promise<void>): Promise<void> {
  on.clock.set(at)
  try {
    await body()
  } finally {
    on.clock.reset()
  }
}
