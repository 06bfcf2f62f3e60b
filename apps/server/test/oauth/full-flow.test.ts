/**
 * The whole sign-in as real MCP clients do it, against parts nobody here wrote: oauth4webapi as
 * the OAuth client, the MCP SDK's own client with an OAuthClientProvider, and Chromium as the
 * user's browser doing the log-in and the consent. 401 → discovery → registration → PKCE →
 * consent → token → initialize.
 */

import { UnauthorizedError } from '@modelcontextprotocol/sdk/client/auth.js'
import { Client } from '@modelcontextprotocol/sdk/client/index.js'
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js'
import * as oauth from 'oauth4webapi'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestServer, type TestServer } from '../support/server.ts'
import { authorizeInChromium, chromiumAvailable, launchChromium } from './chromium.ts'
import { TestOAuthProvider } from './sdk-client-provider.ts'
import { initialize, oauthLimit, signedUpJar } from './support.ts'

const insecure = { [oauth.allowInsecureRequests]: true }

describe.skipIf(!chromiumAvailable)('full sign-in flows [Chromium]', () => {
  let server: TestServer
  let browser: Browser
  const email = 'flow-user@example.com'

  beforeAll(async () => {
    server = await startTestServer({ context: { rateLimits: oauthLimit(10_000) } })
    browser = await launchChromium()
    await signedUpJar(server.url, email)
  })
  afterAll(async () => {
    await browser?.close()
    await server?.close()
  })

  it('oauth4webapi: 401 → discovery → registration → PKCE → consent → token → initialize → revoke', async () => {
    const mcpUrl = `${server.url}/api/mcp`
    // 1. the MCP endpoint points at its metadata (RFC 9728 §5.1)
    const unauthorized = await initialize(server.url, undefined)
    expect(unauthorized.status).toBe(401)
    const challenge = unauthorized.headers.get('www-authenticate') ?? ''
    const metadataUrl = challenge.match(/resource_metadata="([^"]+)"/)?.[1]
    expect(metadataUrl).toBe(`${server.url}/.well-known/oauth-protected-resource/api/mcp`)

    // 2. protected resource, then authorization server metadata (issuer checked byte for byte)
    const resource = await oauth.processResourceDiscoveryResponse(
      new URL(mcpUrl),
      await oauth.resourceDiscoveryRequest(new URL(mcpUrl), insecure),
    )
    const issuer = new URL(resource.authorization_servers?.[0] ?? '')
    const as = await oauth.processDiscoveryResponse(
      issuer,
      await oauth.discoveryRequest(issuer, { algorithm: 'oauth2', ...insecure }),
    )

    // 3. dynamic registration, as claude.ai does it (client_secret_post)
    const redirectUri = 'https://claude.ai/api/mcp/auth_callback'
    const registered = await oauth.processDynamicClientRegistrationResponse(
      await oauth.dynamicClientRegistrationRequest(
        as,
        {
          client_name: 'oauth4webapi client',
          redirect_uris: [redirectUri],
          grant_types: ['authorization_code', 'refresh_token'],
          token_endpoint_auth_method: 'client_secret_post',
        },
        insecure,
      ),
    )
    const client: oauth.Client = { client_id: registered.client_id }
    const clientAuth = oauth.ClientSecretPost(registered.client_secret as string)

    // 4. PKCE and the authorization request, with the resource indicator
    const verifier = oauth.generateRandomCodeVerifier()
    const state = oauth.generateRandomState()
    const authorizationUrl = new URL(as.authorization_endpoint ?? '')
    authorizationUrl.search = new URLSearchParams({
      client_id: client.client_id,
      redirect_uri: redirectUri,
      response_type: 'code',
      scope: 'read:tokens export:tokens',
      state,
      code_challenge: await oauth.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      resource: resource.resource,
    }).toString()

    // 5. log-in and consent in Chromium
    const callback = await authorizeInChromium(browser, authorizationUrl.href, redirectUri, email)

    // 6. the response is checked as oauth4webapi checks it (state, and iss: RFC 9207)
    const params = oauth.validateAuthResponse(as, client, callback, state)
    const tokenResponse = await oauth.processAuthorizationCodeResponse(
      as,
      client,
      await oauth.authorizationCodeGrantRequest(
        as,
        client,
        clientAuth,
        params,
        redirectUri,
        verifier,
        {
          additionalParameters: { resource: resource.resource },
          ...insecure,
        },
      ),
    )
    expect(tokenResponse.token_type).toBe('bearer')
    expect(tokenResponse.access_token).toMatch(/^[0-9a-f]{64}$/)
    expect(tokenResponse.scope).toBe('read:tokens export:tokens')

    // 7. the token opens the MCP endpoint
    const mcp = await initialize(server.url, tokenResponse.access_token)
    expect(mcp.status).toBe(200)

    // 8. and revocation closes it
    await oauth.processRevocationResponse(
      await oauth.revocationRequest(as, client, clientAuth, tokenResponse.access_token, insecure),
    )
    expect((await initialize(server.url, tokenResponse.access_token)).status).toBe(401)
  })

  it('MCP SDK client: 401 → discovery → registration → PKCE → consent → token → initialize', async () => {
    const redirectUrl = 'http://127.0.0.1:33418/callback'
    const provider = new TestOAuthProvider(redirectUrl, {
      client_name: 'SDK test client',
      redirect_uris: [redirectUrl],
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      token_endpoint_auth_method: 'none',
    })
    const mcpUrl = new URL(`${server.url}/api/mcp`)

    // the first connection meets the 401, discovers, registers and sends the user to consent
    const first = new Client({ name: 'sdk-test', version: '1.0.0' })
    await expect(
      first.connect(new StreamableHTTPClientTransport(mcpUrl, { authProvider: provider })),
    ).rejects.toBeInstanceOf(UnauthorizedError)
    expect(provider.clientInformation()?.client_id).toEqual(expect.any(String))
    const authorizationUrl = provider.authorizationUrl
    expect(authorizationUrl?.searchParams.get('code_challenge_method')).toBe('S256')
    expect(authorizationUrl?.searchParams.get('resource')).toBe(mcpUrl.href)

    const callback = await authorizeInChromium(
      browser,
      authorizationUrl?.href ?? '',
      'http://127.0.0.1:33418/',
      email,
    )
    expect(callback.searchParams.get('iss')).toBe(server.url)
    const transport = new StreamableHTTPClientTransport(mcpUrl, { authProvider: provider })
    await transport.finishAuth(callback.searchParams.get('code') ?? '')
    expect(provider.tokens()?.access_token).toMatch(/^[0-9a-f]{64}$/)

    // a new connection initializes with the token
    const client = new Client({ name: 'sdk-test', version: '1.0.0' })
    await client.connect(transport)
    expect(client.getServerVersion()?.name).toBe('tokencraft')
    await client.close()
  })
})
