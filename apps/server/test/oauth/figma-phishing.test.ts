/**
 * Consent phishing through the Figma bridge, as an adversarial review reproduced it: an attacker
 * picks a state and a PKCE pair, sends a signed-in person a link to the authorization endpoint
 * with client_id=figma-plugin-v1, waits for Approve, polls with the state and exchanges the code
 * for a write token. Each binding that stops it has its own test here, which fails without it:
 * the sign-in must have been started by a plugin (start), approved with the code that plugin
 * shows (user code), and collected by the poller that started it (poll secret); and the bridge
 * carries only the plugin's own codes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestServer, type TestServer } from '../support/server.ts'
import {
  exchange,
  figmaAuthorizationParams,
  pluginSignIn,
  poll,
  startSignIn,
} from './figma-support.ts'
import {
  type CookieJar,
  consent,
  hiddenField,
  oauthLimit,
  pkcePair,
  registerClient,
  signedUpJar,
} from './support.ts'

let server: TestServer
let victim: CookieJar

beforeAll(async () => {
  server = await startTestServer({ context: { rateLimits: oauthLimit(10_000) } })
  victim = await signedUpJar(server.url, 'victim@example.com')
})
afterAll(() => server?.close())

/** The Figma plugin's tokens of the victim: what the attacker is after. */
const victimFigmaTokens = async () => {
  const user = await server.prisma.user.findUniqueOrThrow({
    where: { email: 'victim@example.com' },
  })
  return server.prisma.apiToken.count({ where: { userId: user.id, clientId: 'figma-plugin-v1' } })
}

/**
 * The victim opens the attacker's link in their signed-in browser and, when a consent page
 * shows, presses Approve (with `fields`, e.g. a typed code). Returns every page they saw and
 * where Approve sent them, if anywhere.
 */
async function victimOpensAndApproves(link: string, fields: Record<string, string> = {}) {
  const start = await victim.fetch(link)
  const location = start.headers.get('Location')
  const consentPage = location ? await victim.fetch(new URL(location, server.url).href) : start
  const html = await consentPage.text()
  if (!html.includes('Approve')) return { consentShown: false, status: consentPage.status, html }
  const answer = await victim.fetch(`${server.url}/mcp/authorize`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      _csrf: hiddenField(html, '_csrf'),
      request_id: hiddenField(html, 'request_id'),
      decision: 'approve',
      ...fields,
    }),
  })
  const target = answer.headers.get('Location')
  if (target) {
    // the browser follows the redirect to the bridge's callback page
    const back = new URL(target)
    await fetch(`${server.url}${back.pathname}${back.search}`)
  }
  return { consentShown: true, html, answerStatus: answer.status, answerHtml: await answer.text() }
}

/** The attacker's end: poll with their state (and secret), exchange whatever code comes. */
async function attackerCollects(state: string, pollSecret: string, verifier: string) {
  const answer = await poll(server.url, { state, poll_secret: pollSecret })
  if (answer.body.status !== 'ready') return { answer, token: undefined }
  const token = await exchange(server.url, answer.body.code as string, verifier)
  return { answer, token: token.body.access_token as string | undefined }
}

describe('consent phishing through the Figma bridge', () => {
  it('the reviewed sequence (own state and PKCE, no started sign-in) shows the victim no consent and yields no token', async () => {
    const pkce = pkcePair()
    const state = 'attacker-chosen-state-0123456789abcdefghijklmnop'
    const params = figmaAuthorizationParams(server.url, state, pkce.challenge)
    for (const endpoint of ['/mcp/authorize', '/api/oauth/mcp/authorize']) {
      const seen = await victimOpensAndApproves(
        `${server.url}${endpoint}?${new URLSearchParams(params)}`,
      )
      expect(seen.consentShown, endpoint).toBe(false)
      expect(seen.status).toBe(400)
      expect(seen.html).toContain('not started by the Tokencraft plugin in Figma')
      const collected = await attackerCollects(state, 'any-secret', pkce.verifier)
      expect(collected.answer).toEqual({ status: 202, body: { status: 'pending' } })
      expect(collected.token).toBeUndefined()
    }
    expect(await victimFigmaTokens()).toBe(0)
  })

  it('a sign-in the attacker started cannot be approved without the code their plugin shows', async () => {
    const before = await victimFigmaTokens()
    const started = await startSignIn(server.url)
    const pkce = pkcePair()
    const link = `${server.url}/mcp/authorize?${new URLSearchParams(
      figmaAuthorizationParams(server.url, started.state, pkce.challenge),
    )}`
    // the consent page warns and asks for the code shown in Figma, which the victim does not have
    const pressed = await victimOpensAndApproves(link)
    expect(pressed.consentShown).toBe(true)
    expect(pressed.html).toContain('Approve only if you pressed Connect in the Tokencraft plugin')
    expect(pressed.html).toContain('Code shown in the Figma plugin')
    expect(pressed.answerStatus).toBe(400)
    expect(pressed.answerHtml).toContain('That is not the code the Tokencraft plugin shows')
    // nor with a guess
    const guessed = await victimOpensAndApproves(link, { user_code: 'BCDF-GHJK' })
    expect(guessed.answerStatus).toBe(400)
    const collected = await attackerCollects(started.state, started.poll_secret, pkce.verifier)
    expect(collected.answer.status).toBe(202)
    expect(collected.token).toBeUndefined()
    expect(await victimFigmaTokens()).toBe(before)
  })

  it('the code goes only to the poller holding the poll secret, not to whoever knows the state', async () => {
    // the designer's own sign-in; an onlooker saw the authorization URL, state included
    const { started, answer } = await pluginSignIn(server, victim)
    await answer('approve')
    expect(await poll(server.url, { state: started.state })).toMatchObject({ status: 400 })
    expect(await poll(server.url, { state: started.state, poll_secret: 'guess' })).toEqual({
      status: 202,
      body: { status: 'pending' },
    })
    // the plugin still gets its code: the wrong polls took nothing
    const plugin = await poll(server.url, started)
    expect(plugin.body.status).toBe('ready')
  })

  it('carries only the Figma plugin’s codes: another client redirecting to the bridge gets nothing', async () => {
    const before = await victimFigmaTokens()
    const evil = await registerClient(server.url, {
      client_name: 'Figma Sync Pro',
      redirect_uris: [`${server.url}/mcp/figma-callback`],
      token_endpoint_auth_method: 'none',
    })
    const started = await startSignIn(server.url)
    const pkce = pkcePair()
    const back = await consent(server.url, victim, {
      ...figmaAuthorizationParams(server.url, started.state, pkce.challenge),
      client_id: evil.client_id,
    })
    const page = await fetch(`${server.url}${back.pathname}${back.search}`)
    expect(page.status).toBe(400)
    expect(await page.text()).toContain('Sign-in did not complete')
    expect(await poll(server.url, started)).toEqual({ status: 202, body: { status: 'pending' } })
    expect(await victimFigmaTokens()).toBe(before)
  })
})
