/**
 * The OAuth token endpoint (authorization-code exchange: client lookup, code claim, PKCE, grant
 * and token rows in one transaction) and an authenticated MCP `initialize` (bearer lookup, rate
 * limit, a fresh stateless MCP server and transport), each driven by autocannon against the
 * real app on an in-memory PGlite. Rate limits stay on, raised above what the load reaches.
 * Run: `npx tsx bench/oauth.bench.ts` (or through `npm run bench`).
 */
import { createHash, randomBytes } from 'node:crypto'
import { pathToFileURL } from 'node:url'
import autocannon from 'autocannon'
import { sha256Hex } from '../apps/server/src/auth/secrets.ts'
import { INITIALIZE_REQUEST } from '../apps/server/test/oauth/support.ts'
import { startTestServer, type TestServer } from '../apps/server/test/support/server.ts'
import { loadRow, postEachFormOnce, raisedRateLimits } from './support.ts'

const CONNECTIONS = 10
const CODES = 3000
const INITIALIZE_SECONDS = 10

const VERIFIER = randomBytes(32).toString('base64url')
const CHALLENGE = createHash('sha256').update(VERIFIER).digest('base64url')
const REDIRECT_URI = 'http://127.0.0.1/callback'

function row(endpoint: string, result: autocannon.Result) {
  return { endpoint, requests: result.requests.total, ...loadRow(result) }
}

/** A user, a public client and CODES unused authorization codes for it, written directly. */
async function seed(
  server: TestServer,
): Promise<{ clientId: string; codes: string[]; token: string }> {
  const prisma = server.prisma
  const user = await prisma.user.create({ data: { email: 'bench@example.com', passwordHash: 'x' } })
  const clientId = 'bench-client'
  await prisma.oAuthClient.create({
    data: {
      id: clientId,
      name: 'Bench',
      redirectUris: [REDIRECT_URI],
      grantTypes: ['authorization_code'],
      tokenEndpointAuthMethod: 'none',
      metadata: {},
    },
  })
  const codes = Array.from({ length: CODES + 1 }, () => randomBytes(32).toString('base64url'))
  const expiresAt = new Date(Date.now() + 60 * 60 * 1000)
  await prisma.authorizationCode.createMany({
    data: codes.map((code) => ({
      codeHash: sha256Hex(code),
      clientId,
      userId: user.id,
      redirectUri: REDIRECT_URI,
      scopes: ['read:tokens'],
      codeChallenge: CHALLENGE,
      expiresAt,
    })),
  })
  // one code is exchanged here, for the token the initialize run uses
  const response = await fetch(`${server.url}/api/oauth/mcp/token`, {
    method: 'POST',
    body: exchangeBody(clientId, codes.pop() as string),
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
  })
  const { access_token: token } = (await response.json()) as { access_token: string }
  return { clientId, codes, token }
}

function exchangeBody(clientId: string, code: string): string {
  return new URLSearchParams({
    grant_type: 'authorization_code',
    code,
    redirect_uri: REDIRECT_URI,
    client_id: clientId,
    code_verifier: VERIFIER,
  }).toString()
}

export async function runOAuthBench(): Promise<void> {
  const rateLimits = raisedRateLimits()
  const server = await startTestServer({ context: { rateLimits } })
  try {
    const { clientId, codes, token } = await seed(server)
    const exchange = await postEachFormOnce(
      `${server.url}/api/oauth/mcp/token`,
      codes.map((code) => exchangeBody(clientId, code)),
      CONNECTIONS,
    )
    const initialize = await autocannon({
      url: `${server.url}/api/mcp`,
      connections: CONNECTIONS,
      duration: INITIALIZE_SECONDS,
      method: 'POST',
      headers: {
        Authorization: `Bearer ${token}`,
        'Content-Type': 'application/json',
        Accept: 'application/json, text/event-stream',
      },
      body: JSON.stringify(INITIALIZE_REQUEST),
    })
    // no database, no auth: what the machine gives a bare Koa JSON route right now
    const baseline = await autocannon({
      url: `${server.url}/.well-known/oauth-authorization-server`,
      connections: CONNECTIONS,
      duration: 5,
    })
    console.log(
      `\nOAuth and MCP endpoints (${CONNECTIONS} connections, in-memory PGlite, one process)`,
    )
    console.table([
      row(`POST /api/oauth/mcp/token (code exchange × ${codes.length})`, exchange),
      row(`POST /api/mcp initialize (${INITIALIZE_SECONDS} s)`, initialize),
      row('GET /.well-known/oauth-authorization-server (baseline, 5 s)', baseline),
    ])
  } finally {
    await server.close()
    await rateLimits.store.close()
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await runOAuthBench()
