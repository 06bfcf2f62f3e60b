/**
 * Client ID Metadata Documents end to end (draft-ietf-oauth-client-id-metadata-document, MCP
 * 2025-11-25): the client's document is served by this test over https on loopback, with a
 * certificate made for the run and trusted by the server through its test-only setting.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestServer, type TestServer } from '../support/server.ts'
import { TestBrowser } from './support/browser.ts'
import { type DocumentHost, startDocumentHost } from './support/document-host.ts'
import { apiStatus, authorizeAndExchange, openAuthorization } from './support/oauth-flow.ts'

const REDIRECT = 'http://127.0.0.1:7/callback'

let host: DocumentHost
let server: TestServer
let browser: TestBrowser

beforeAll(async () => {
  host = await startDocumentHost()
  server = await startTestServer({
    config: {
      testOnlyClientMetadataFetch: { allowPrivateAddresses: true, extraCaPem: host.caPem },
    },
  })
  browser = new TestBrowser(server.url)
  await browser.signUp('cimd@example.com')
})
afterAll(async () => {
  await server?.close()
  await host?.close()
})

/** Publishes a valid document at `path` (with `changes` applied) and returns its client_id. */
function publish(path: string, changes: Record<string, unknown> = {}, headers = {}): string {
  const clientId = host.origin + path
  host.json(
    path,
    {
      client_id: clientId,
      client_name: 'Loopback Agent',
      redirect_uris: [REDIRECT],
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      token_endpoint_auth_method: 'none',
      ...changes,
    },
    headers,
  )
  return clientId
}

/** The authorization request is refused with an error page naming `problem`, never a redirect. */
async function expectErrorPage(clientId: string, problem: RegExp, redirectUri = REDIRECT) {
  const { page } = await openAuthorization(browser, server.url, { clientId, redirectUri })
  expect(page.status).toBe(400)
  expect(page.url.startsWith(server.url)).toBe(true)
  expect(page.html).toMatch(problem)
  expect(page.html).not.toContain('Approve')
}

describe('Client ID Metadata Documents', () => {
  it('are advertised with the refresh_token grant', async () => {
    const res = await fetch(`${server.url}/.well-known/oauth-authorization-server`)
    const metadata = (await res.json()) as Record<string, unknown>
    expect(metadata.client_id_metadata_document_supported).toBe(true)
    expect(metadata.grant_types_supported).toEqual(['authorization_code', 'refresh_token'])
  })

  it('sign a client in: consent names the document and its host, tokens are issued', async () => {
    const clientId = publish('/agents/loopback.json')
    const { page } = await openAuthorization(browser, server.url, {
      clientId,
      redirectUri: REDIRECT,
    })
    expect(page.status).toBe(200)
    expect(page.html).toContain('Loopback Agent')
    expect(page.html).toMatch(
      new RegExp(`data-testid="client-host">${new URL(host.origin).host.replace('.', '\\.')}<`),
    )
    const tokens = await authorizeAndExchange(browser, server.url, {
      clientId,
      redirectUri: REDIRECT,
    })
    expect(tokens.status).toBe(200)
    expect(tokens.body.access_token).toMatch(/^[0-9a-f]{64}$/)
    expect(tokens.body.refresh_token).toMatch(/^[0-9a-f]{64}$/)
    expect(await apiStatus(server.url, tokens.body.access_token as string)).toBe(200)
    const stored = await server.prisma.apiToken.findFirst({ where: { clientId } })
    expect(stored?.name).toBe('MCP OAuth — Loopback Agent')
  })

  it('issue no refresh token to a document that does not list the grant', async () => {
    const clientId = publish('/agents/no-refresh.json', { grant_types: ['authorization_code'] })
    const tokens = await authorizeAndExchange(browser, server.url, {
      clientId,
      redirectUri: REDIRECT,
    })
    expect(tokens.status).toBe(200)
    expect(tokens.body.refresh_token).toBeUndefined()
  })

  it('refuse a document whose client_id is not its URL', async () => {
    const clientId = publish('/agents/impostor.json', {
      client_id: `${host.origin}/agents/someone-else.json`,
    })
    await expectErrorPage(clientId, /client_id is not the URL it was fetched from/)
  })

  it('refuse a redirect_uri the document does not list', async () => {
    const clientId = publish('/agents/listed.json')
    await expectErrorPage(clientId, /redirect_uri is not one/, 'http://127.0.0.1:7/elsewhere')
  })

  it('refuse a document URL that redirects to another host', async () => {
    const clientId = `${host.origin}/agents/moved.json`
    host.route('/agents/moved.json', (_req, res) =>
      res.writeHead(302, { location: 'https://attacker.example/agents/moved.json' }).end(),
    )
    await expectErrorPage(clientId, /redirect, which is not followed/)
  })

  it('refuse an oversized document', async () => {
    const clientId = publish('/agents/huge.json', {
      client_uri: `https://x.example/${'a'.repeat(6000)}`,
    })
    await expectErrorPage(clientId, /larger than 5120 bytes/)
  })

  it('refuse a document that cannot be fetched, naming no system error on the page', async () => {
    const clientId = `${host.origin}/agents/hangs-up.json`
    host.route('/agents/hangs-up.json', (req) => req.socket.destroy())
    const { page } = await openAuthorization(browser, server.url, {
      clientId,
      redirectUri: REDIRECT,
    })
    expect(page.status).toBe(400)
    expect(page.html).toContain('the client metadata document could not be fetched.')
    expect(page.html).not.toMatch(/ECONNRESET|socket hang up|\(E[A-Z_]+\)/)
  })

  it('refuse a document named like the Figma plugin, in look-alike letters too', async () => {
    for (const name of ['Tokencraft for Figma', 'Tokencraft for F\u0456gma']) {
      const clientId = publish(`/agents/figma-${name.length}-${name.charCodeAt(16)}.json`, {
        client_name: name,
      })
      await expectErrorPage(clientId, /client_name .* is reserved/)
    }
  })

  it('refuse a document with a client secret', async () => {
    const clientId = publish('/agents/secret.json', { client_secret: 'shh' })
    await expectErrorPage(clientId, /must not contain a client_secret/)
  })

  it('refuse client_id URLs the draft forbids, before fetching anything', async () => {
    const before = host.requests.length
    await expectErrorPage(`${host.origin}/agents/../loopback.json`, /path segments/)
    await expectErrorPage(`${host.origin}/agents/loopback.json#x`, /fragment/)
    expect(host.requests.length).toBe(before)
  })

  it('reuse a document within its caching headers only', async () => {
    const clientId = publish('/agents/cached.json', {}, { 'cache-control': 'max-age=60' })
    const count = () => host.requests.filter((path) => path === '/agents/cached.json').length
    await openAuthorization(browser, server.url, { clientId, redirectUri: REDIRECT })
    await openAuthorization(browser, server.url, { clientId, redirectUri: REDIRECT })
    expect(count()).toBe(1)
    server.clock.advance(61_000)
    await openAuthorization(browser, server.url, { clientId, redirectUri: REDIRECT })
    expect(count()).toBe(2)
  })
})

describe('Client ID Metadata Documents without the test-only setting', () => {
  let production: TestServer
  beforeAll(async () => {
    production = await startTestServer()
  })
  afterAll(() => production?.close())

  it('refuse a document on a private or loopback address, without connecting', async () => {
    const clientId = publish('/agents/private.json')
    const before = host.requests.length
    const visitor = new TestBrowser(production.url)
    const { page } = await openAuthorization(visitor, production.url, {
      clientId,
      redirectUri: REDIRECT,
    })
    expect(page.status).toBe(400)
    expect(page.html).toMatch(/private, loopback or link-local address/)
    expect(host.requests.length).toBe(before)
  })
})
