/**
 * The MCP SDK's own client signs in with a Client ID Metadata Document (`clientMetadataUrl` in
 * its OAuthClientProvider, MCP 2025-11-25), and when its access token has expired (the server's
 * clock moved past 30 days) renews it through refresh_token, without a second consent.
 */

import type { OAuthClientProvider } from '@modelcontextprotocol/sdk/client/auth.js'
import { UnauthorizedError } from '@modelcontextprotocol/sdk/client/auth.js'
import { Client } from '@modelcontextprotocol/sdk/client/index.js'
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js'
import type {
  OAuthClientInformationMixed,
  OAuthClientMetadata,
  OAuthTokens,
} from '@modelcontextprotocol/sdk/shared/auth.js'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { approveConsent, TestBrowser } from '../oauth-cimd/support/browser.ts'
import { type DocumentHost, startDocumentHost } from '../oauth-cimd/support/document-host.ts'
import { startTestServer, type TestServer } from '../support/server.ts'

const REDIRECT = 'http://127.0.0.1:7/sdk-callback'
const DAY_MS = 24 * 60 * 60 * 1000

/** An in-memory provider that consents through the test browser whenever it is redirected. */
class DocumentClientProvider implements OAuthClientProvider {
  consents = 0
  code: string | undefined
  savedTokens: OAuthTokens[] = []
  #client: OAuthClientInformationMixed | undefined
  #verifier = ''

  constructor(
    readonly clientMetadataUrl: string,
    private readonly browser: TestBrowser,
  ) {}

  get redirectUrl() {
    return REDIRECT
  }
  get clientMetadata(): OAuthClientMetadata {
    return {
      client_name: 'SDK Document Client',
      redirect_uris: [REDIRECT],
      grant_types: ['authorization_code', 'refresh_token'],
      token_endpoint_auth_method: 'none',
    }
  }
  clientInformation() {
    return this.#client
  }
  saveClientInformation(info: OAuthClientInformationMixed) {
    this.#client = info
  }
  tokens() {
    return this.savedTokens.at(-1)
  }
  saveTokens(tokens: OAuthTokens) {
    this.savedTokens.push(tokens)
  }
  saveCodeVerifier(verifier: string) {
    this.#verifier = verifier
  }
  codeVerifier() {
    return this.#verifier
  }
  async redirectToAuthorization(url: URL) {
    this.consents++
    const page = await this.browser.open(url.href)
    if (!page.html.includes('SDK Document Client')) throw new Error('consent names another client')
    const back = await approveConsent(this.browser, page)
    this.code = back.searchParams.get('code') ?? undefined
  }
}

let host: DocumentHost
let server: TestServer

beforeAll(async () => {
  host = await startDocumentHost()
  server = await startTestServer({
    config: {
      testOnlyClientMetadataFetch: { allowPrivateAddresses: true, extraCaPem: host.caPem },
    },
  })
})
afterAll(async () => {
  await server?.close()
  await host?.close()
})

describe('the MCP SDK client with a Client ID Metadata Document', () => {
  it('signs in with its document URL as client_id, then refreshes an expired token', async () => {
    const clientMetadataUrl = `${host.origin}/sdk/client.json`
    host.json('/sdk/client.json', {
      client_id: clientMetadataUrl,
      client_name: 'SDK Document Client',
      redirect_uris: [REDIRECT],
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      token_endpoint_auth_method: 'none',
    })
    const browser = new TestBrowser(server.url)
    await browser.signUp('sdk-cimd@example.com')
    const provider = new DocumentClientProvider(clientMetadataUrl, browser)
    const mcpUrl = new URL(`${server.url}/api/mcp`)

    const first = new Client({ name: 'sdk-cimd-test', version: '1.0.0' })
    await expect(
      first.connect(new StreamableHTTPClientTransport(mcpUrl, { authProvider: provider })),
    ).rejects.toThrow(UnauthorizedError)
    expect(provider.consents).toBe(1)
    expect(provider.clientInformation()?.client_id).toBe(clientMetadataUrl)
    const transport = new StreamableHTTPClientTransport(mcpUrl, { authProvider: provider })
    await transport.finishAuth(provider.code as string)
    expect(provider.savedTokens).toHaveLength(1)
    const signedIn = provider.savedTokens[0] as OAuthTokens
    expect(signedIn.refresh_token).toMatch(/^[0-9a-f]{64}$/)
    // no registration happened: the client is known only by its document
    const client = await server.prisma.oAuthClient.findUniqueOrThrow({
      where: { id: clientMetadataUrl },
    })
    expect(client.name).toBe('SDK Document Client')

    const mcp = new Client({ name: 'sdk-cimd-test', version: '1.0.0' })
    await mcp.connect(transport)
    await mcp.ping()

    server.clock.advance(31 * DAY_MS) // the 30-day access token has expired
    await mcp.ping()
    expect(provider.consents).toBe(1)
    expect(provider.savedTokens).toHaveLength(2)
    const renewed = provider.savedTokens[1] as OAuthTokens
    expect(renewed.access_token).toMatch(/^[0-9a-f]{64}$/)
    expect(renewed.access_token).not.toBe(signedIn.access_token)
    expect(renewed.refresh_token).not.toBe(signedIn.refresh_token)
    await mcp.close()
  })
})
