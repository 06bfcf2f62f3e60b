/**
 * Anyone may put any https client_id in an authorization link, and whoever runs a host can mint
 * any number of them: document fetches are limited per host (30 a minute; the cache answers the
 * rest), and so are the clients stored per host (20 at once), the ones nothing refers to being
 * swept. Documents are served by this test over https on loopback.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { startTestServer, type TestServer } from '../support/server.ts'
import { TestBrowser } from './support/browser.ts'
import { type DocumentHost, startDocumentHost } from './support/document-host.ts'
import { authorizeAndExchange, openAuthorization } from './support/oauth-flow.ts'
import { selfSignedLoopbackCertificate } from './support/self-signed-certificate.ts'

const REDIRECT = 'http://127.0.0.1:7/callback'
const MINUTE = 60_000

// one certificate for the hosts of every test (each test has a host, i.e. a port, of its own)
const certificate = selfSignedLoopbackCertificate()
let server: TestServer
let browser: TestBrowser
let host: DocumentHost

beforeAll(async () => {
  server = await startTestServer({
    config: {
      testOnlyClientMetadataFetch: {
        allowPrivateAddresses: true,
        extraCaPem: certificate.certPem,
      },
    },
  })
  browser = new TestBrowser(server.url)
  await browser.signUp('bounds@example.com')
})
afterAll(() => server?.close())
beforeEach(() => server.clock.set('2026-12-01T10:00:00Z'))
afterEach(async () => {
  server.clock.reset()
  await host?.close()
})

/** A valid document at `path` on the test's host, without caching headers (never cached). */
function publish(path: string, headers: Record<string, string> = {}): string {
  const clientId = host.origin + path
  host.json(
    path,
    {
      client_id: clientId,
      client_name: `Agent ${path}`,
      redirect_uris: [REDIRECT],
      token_endpoint_auth_method: 'none',
    },
    headers,
  )
  return clientId
}

const open = (clientId: string) =>
  openAuthorization(browser, server.url, { clientId, redirectUri: REDIRECT })

const storedOfHost = () =>
  server.prisma.oAuthClient.findMany({
    where: { documentHost: new URL(host.origin).host },
    select: { id: true },
  })

describe('Client ID Metadata Document bounds', () => {
  it('fetches at most 30 documents of one host a minute; cached answers do not count', async () => {
    host = await startDocumentHost('127.0.0.1', certificate)
    const clientId = publish('/agent.json')
    for (let i = 0; i < 30; i++) {
      const { page } = await open(clientId)
      expect(page.html, `request ${i + 1}`).toContain('Approve')
    }
    expect(host.requests).toHaveLength(30)
    const refused = (await open(clientId)).page
    expect(refused.status).toBe(400)
    expect(refused.html).toContain('looked up too often in the last minute')
    expect(host.requests).toHaveLength(30) // refused before any fetch

    // a document the host lets be cached is taken from the cache, however often it is asked for
    const cachedId = publish('/cached.json', { 'cache-control': 'max-age=600' })
    server.clock.advance(MINUTE)
    for (let i = 0; i < 35; i++) expect((await open(cachedId)).page.html).toContain('Approve')
    expect(host.requests.filter((path) => path === '/cached.json')).toHaveLength(1)
  })

  it('stores at most 20 clients of one host, and sweeps those nothing refers to', async () => {
    host = await startDocumentHost('127.0.0.1', certificate)
    // one client the person approved: its grant keeps it stored
    const granted = publish('/granted.json')
    const token = await authorizeAndExchange(browser, server.url, {
      clientId: granted,
      redirectUri: REDIRECT,
    })
    expect(token.status).toBe(200)
    // its access token gone (expired and cleared, say), the grant still holds a refresh token
    await server.prisma.apiToken.deleteMany({ where: { clientId: granted } })
    // 19 more waiting for a consent (their authorization requests keep them stored)
    for (let i = 2; i <= 20; i++) {
      expect((await open(publish(`/agent-${i}.json`))).page.html).toContain('Approve')
    }
    expect(await storedOfHost()).toHaveLength(20)
    const extra = publish('/agent-21.json')
    const refused = (await open(extra)).page
    expect(refused.status).toBe(400)
    expect(refused.html).toContain('has 20 applications in use here already')
    expect(await storedOfHost()).toHaveLength(20)

    // half an hour on, the 19 requests have lapsed: their clients are swept as the next is stored
    server.clock.advance(31 * MINUTE)
    expect((await open(extra)).page.html).toContain('Approve')
    expect((await storedOfHost()).map((c) => c.id).sort()).toEqual([extra, granted].sort())
  })
})
