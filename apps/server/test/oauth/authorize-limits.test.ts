/**
 * What keeps the unauthenticated authorization endpoints from storing without bound: the
 * per-address OAuth limit at its real number (120 requests a minute, the production policy,
 * not a test's), and the sweeps of what those requests store.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestServer, type TestServer } from '../support/server.ts'
import { startSignIn } from './figma-support.ts'
import { pkcePair, registerClient } from './support.ts'

const MINUTE = 60_000
const T0 = Date.parse('2026-12-01T09:00:00Z')

let server: TestServer
beforeAll(async () => {
  server = await startTestServer() // the production rate-limit policies
})
afterAll(() => server?.close())

const form = { 'Content-Type': 'application/x-www-form-urlencoded' }
const ENDPOINTS: [string, (url: string) => Promise<Response>][] = [
  ['GET /mcp/authorize', (url) => fetch(`${url}/mcp/authorize`)],
  [
    'POST /mcp/authorize',
    (url) => fetch(`${url}/mcp/authorize`, { method: 'POST', headers: form }),
  ],
  ['GET /api/oauth/mcp/authorize', (url) => fetch(`${url}/api/oauth/mcp/authorize`)],
  ['GET /mcp/figma-callback', (url) => fetch(`${url}/mcp/figma-callback?state=s&code=c`)],
  [
    'POST /api/oauth/figma-plugin/start',
    (url) => fetch(`${url}/api/oauth/figma-plugin/start`, { method: 'POST' }),
  ],
  [
    'POST /api/oauth/figma-plugin/poll',
    (url) =>
      fetch(`${url}/api/oauth/figma-plugin/poll`, {
        method: 'POST',
        headers: form,
        body: 'state=s&poll_secret=p',
      }),
  ],
]

describe('120 OAuth requests per minute per client address', () => {
  it.each(ENDPOINTS.map(([name, send], index) => ({ name, send, index })))(
    '$name answers 429 to the 121st request of a minute',
    async ({ send, index }) => {
      // each endpoint gets a minute of its own: they share one budget per address
      server.clock.set(T0 + index * 2 * MINUTE)
      try {
        const statuses: number[] = []
        for (let i = 0; i < 120; i++) {
          const response = await send(server.url)
          await response.body?.cancel()
          statuses.push(response.status)
        }
        expect(statuses.filter((status) => status === 429)).toEqual([])
        const refused = await send(server.url)
        expect(refused.status).toBe(429)
        expect(refused.headers.get('x-ratelimit-limit')).toBe('120')
        expect(Number(refused.headers.get('retry-after'))).toBe(60)
        expect(await refused.json()).toEqual({
          error: 'Rate limit exceeded. Please try again later.',
        })
        // a minute later the address has its budget back
        server.clock.advance(MINUTE)
        expect((await send(server.url)).status).not.toBe(429)
      } finally {
        server.clock.reset()
      }
    },
    60_000,
  )
})

describe('what the authorization endpoints store is swept', () => {
  it('sweeps authorization requests nobody answered once they are 30 minutes old', async () => {
    server.clock.set(T0 + 60 * MINUTE)
    try {
      const client = await registerClient(server.url, {
        client_name: 'Sweep Test',
        redirect_uris: ['http://127.0.0.1/callback'],
        token_endpoint_auth_method: 'none',
      })
      const authorize = async () => {
        const query = new URLSearchParams({
          client_id: client.client_id,
          redirect_uri: 'http://127.0.0.1:9/callback',
          response_type: 'code',
          code_challenge: pkcePair().challenge,
          code_challenge_method: 'S256',
        })
        const response = await fetch(`${server.url}/api/oauth/mcp/authorize?${query}`, {
          redirect: 'manual',
        })
        expect(response.status).toBe(302)
      }
      const stored = () =>
        server.prisma.authorizationRequest.count({ where: { clientId: client.client_id } })
      await authorize()
      server.clock.advance(30 * MINUTE - 1)
      await authorize()
      expect(await stored()).toBe(2) // the first is 1 ms short of 30 minutes: kept
      server.clock.advance(1)
      await authorize()
      expect(await stored()).toBe(2) // the first is 30 minutes old: swept as the third came
    } finally {
      server.clock.reset()
    }
  })

  it('sweeps Figma sign-ins nobody finished once they are 10 minutes old', async () => {
    server.clock.set(T0 + 120 * MINUTE)
    try {
      const count = () => server.prisma.figmaPollEntry.count()
      await server.prisma.figmaPollEntry.deleteMany()
      await startSignIn(server.url)
      server.clock.advance(10 * MINUTE - 1)
      await startSignIn(server.url)
      expect(await count()).toBe(2)
      server.clock.advance(1)
      await startSignIn(server.url)
      expect(await count()).toBe(2)
    } finally {
      server.clock.reset()
    }
  })
})
