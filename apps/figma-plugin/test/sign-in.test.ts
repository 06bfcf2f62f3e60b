import { existsSync } from 'node:fs'
import type { Browser, BrowserContext } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ApiError, TokencraftApi } from '../src/api/rest.ts'
import { SignInError } from '../src/auth/errors.ts'
import { SessionTokens } from '../src/auth/session-tokens.ts'
import { abortableDelay, type SignInDeps, signIn, signOut } from '../src/auth/sign-in.ts'
import type { StoredSession } from '../src/events.ts'
import { CHROMIUM, launchChromium } from './support/plugin-harness.ts'
import {
  type RunningServer,
  serverHelperAvailable,
  signedUpBrowser,
  startTokencraft,
} from './support/tokencraft-server.ts'

const TEN_MINUTES = 10 * 60 * 1000
const HOUR = 60 * 60 * 1000

type Sent = { method: string; url: string; body: string; status: number }

/**
 * The fetch the plugin is given, passing everything to the real server and recording it; the
 * metadata document can be rewritten on its way back, as another server would publish it.
 */
function recordingFetch(rewriteMetadata?: (metadata: Record<string, unknown>) => unknown) {
  const sent: Sent[] = []
  const fetchFn: typeof fetch = async (input, init) => {
    const url = String(input instanceof Request ? input.url : input)
    const response = await fetch(input, init)
    sent.push({
      method: init?.method ?? 'GET',
      url,
      body: init?.body ? String(init.body) : '',
      status: response.status,
    })
    if (rewriteMetadata && url.endsWith('/.well-known/oauth-authorization-server')) {
      const rewritten = rewriteMetadata((await response.json()) as Record<string, unknown>)
      return new Response(JSON.stringify(rewritten), {
        status: response.status,
        headers: { 'Content-Type': 'application/json' },
      })
    }
    return response
  }
  return { fetch: fetchFn, sent }
}

/**
 * The plugin's sign-in code (what the UI runs) against the real server: the metadata, the
 * bridge, the consent page in Chromium, the token endpoint, renewal and revocation. Nothing of
 * our API is mocked.
 */
describe.skipIf(!serverHelperAvailable || !existsSync(CHROMIUM))(
  'sign-in through the polling bridge',
  () => {
    let server: RunningServer
    let browser: Browser
    let designer: BrowserContext

    beforeAll(async () => {
      server = await startTokencraft()
      browser = await launchChromium()
      designer = await signedUpBrowser(browser, server.url, 'designer@example.com')
    })
    afterAll(async () => {
      await browser?.close()
      await server?.close()
    })

    /**
     * The designer's part: on the consent page the plugin opened in their browser, types the
     * code the plugin showed and presses `button`. `answered` settles once the callback page shows.
     */
    function designerAnswers(button: 'Approve' | 'Deny') {
      const seen: { code?: string; opened?: string; answered?: Promise<void> } = {}
      const showCode = (code: string) => {
        seen.code = code
      }
      const openExternal = (url: string) => {
        seen.opened = url
        seen.answered = (async () => {
          const page = await designer.newPage()
          await page.goto(url)
          await page.getByLabel('Code shown in the Figma plugin').fill(seen.code ?? '')
          await page.getByRole('button', { name: button }).click()
          await page.getByText('Figma', { exact: false }).first().waitFor()
          await page.close()
        })()
      }
      return { seen, showCode, openExternal }
    }

    function deps(
      answer: { showCode: (code: string) => void; openExternal: (url: string) => void },
      overrides: Partial<SignInDeps> = {},
    ): SignInDeps {
      return {
        fetch: (...args) => fetch(...args),
        crypto,
        now: Date.now,
        delay: abortableDelay,
        signal: new AbortController().signal,
        ...answer,
        ...overrides,
      }
    }

    const restStatus = async (accessToken: string) =>
      (
        await fetch(`${server.url}/api/v1/workspaces`, {
          headers: { Authorization: `Bearer ${accessToken}` },
        })
      ).status

    it('shows a code, opens the advertised authorization endpoint, and gets a token the REST API accepts', async () => {
      const answer = designerAnswers('Approve')
      const recorded = recordingFetch()
      const session = await signIn(server.url, deps(answer, { fetch: recorded.fetch }))
      await answer.seen.answered
      expect(answer.seen.code).toMatch(/^[BCDFGHJKLMNPQRSTVWXZ]{4}-[BCDFGHJKLMNPQRSTVWXZ]{4}$/)
      const opened = new URL(answer.seen.opened as string)
      expect(`${opened.origin}${opened.pathname}`).toBe(`${server.url}/mcp/authorize`)
      expect(session).toMatchObject({
        serverUrl: server.url,
        accessToken: expect.stringMatching(/^[0-9a-f]{64}$/),
        refreshToken: expect.stringMatching(/^[0-9a-f]{64}$/),
        scope: 'read:tokens write:tokens',
      })
      // 1-hour access tokens
      const lifetime = Date.parse(session.expiresAt as string) - Date.parse(session.obtainedAt)
      expect(lifetime).toBe(HOUR)
      expect(await restStatus(session.accessToken)).toBe(200)
      // the poll secret travelled in a form body, never in a URL
      const polls = recorded.sent.filter((s) => s.url.endsWith('/api/oauth/figma-plugin/poll'))
      expect(polls.at(-1)).toMatchObject({ method: 'POST', status: 200 })
      expect(polls.every((p) => p.body.includes('poll_secret='))).toBe(true)
    })

    it('reads the authorization and token endpoints from the server’s metadata', async () => {
      const answer = designerAnswers('Approve')
      // a server that advertises the older authorization path, which stays in service, and a
      // token endpoint URL of its own
      const recorded = recordingFetch((metadata) => ({
        ...metadata,
        authorization_endpoint: `${server.url}/api/oauth/mcp/authorize`,
        token_endpoint: `${server.url}/api/oauth/mcp/token?advertised=1`,
      }))
      const session = await signIn(server.url, deps(answer, { fetch: recorded.fetch }))
      await answer.seen.answered
      const opened = new URL(answer.seen.opened as string)
      expect(opened.pathname).toBe('/api/oauth/mcp/authorize')
      const exchange = recorded.sent.find((s) => s.body.includes('grant_type=authorization_code'))
      expect(exchange?.url).toBe(`${server.url}/api/oauth/mcp/token?advertised=1`)
      expect(await restStatus(session.accessToken)).toBe(200)
    })

    it('refuses a server whose metadata names another issuer, before opening anything', async () => {
      const answer = designerAnswers('Approve')
      const recorded = recordingFetch((metadata) => ({
        ...metadata,
        issuer: 'https://elsewhere.example',
      }))
      const failure = await signIn(server.url, deps(answer, { fetch: recorded.fetch })).catch(
        (e: unknown) => e,
      )
      expect((failure as SignInError).failure).toBe('exchange')
      expect(answer.seen.opened).toBeUndefined()
    })

    it('denial ends the sign-in with a clear message', async () => {
      const answer = designerAnswers('Deny')
      const failure = await signIn(server.url, deps(answer)).catch((e: unknown) => e)
      await answer.seen.answered
      expect(failure).toBeInstanceOf(SignInError)
      expect((failure as SignInError).failure).toBe('denied')
      expect((failure as SignInError).message).toBe(
        'Access was denied in the browser. Nothing was shared with the plugin.',
      )
    })

    it('gives up after 10 minutes without an answer (clock injected)', async () => {
      let now = Date.now()
      const failure = await signIn(
        server.url,
        deps(
          {
            showCode: () => {},
            openExternal: () => {
              now += TEN_MINUTES - 1500 // the designer never answers; time passes
            },
          },
          {
            now: () => now,
            delay: async (ms) => {
              now += ms
            },
          },
        ),
      ).catch((e: unknown) => e)
      expect((failure as SignInError).failure).toBe('timeout')
      expect((failure as SignInError).message).toBe(
        'Sign-in timed out after 10 minutes without an answer from the browser.',
      )
    })

    describe('a signed-in session', () => {
      let session: StoredSession
      beforeAll(async () => {
        const answer = designerAnswers('Approve')
        session = await signIn(server.url, deps(answer))
        await answer.seen.answered
      })

      /** The REST client as the UI builds it, on a clock `offset` ms ahead of real time. */
      function api(start: StoredSession, offset = 0) {
        const recorded = recordingFetch()
        const renewed: StoredSession[] = []
        const tokens = new SessionTokens(start, {
          fetch: recorded.fetch,
          now: () => Date.now() + offset,
          onRenewed: (next) => renewed.push(next),
        })
        return {
          api: new TokencraftApi(server.url, tokens, recorded.fetch),
          tokens,
          renewed,
          sent: recorded.sent,
        }
      }
      const refreshes = (sent: Sent[]) =>
        sent.filter((s) => s.body.includes('grant_type=refresh_token'))

      it('renews an access token about to expire before sending it', async () => {
        // 59 min 30 s on, by the plugin's clock: 30 s left, under the minute of margin
        const client = api(session, HOUR - 30_000)
        expect((await client.api.workspaces()).length).toBeGreaterThan(0)
        expect(refreshes(client.sent)).toHaveLength(1)
        expect(client.sent.some((s) => s.status === 401)).toBe(false)
        expect(client.renewed).toHaveLength(1)
        session = client.tokens.session
      })

      it('renews once for requests refused together after expiry, and stores the rotated pair', async () => {
        server.advanceClock(HOUR + 60_000) // the server saw the hour pass; the plugin's clock did not
        try {
          const client = api(session)
          const [a, b] = await Promise.all([client.api.workspaces(), client.api.workspaces()])
          expect(a).toEqual(b)
          expect(client.sent.filter((s) => s.status === 401)).toHaveLength(2)
          expect(refreshes(client.sent)).toHaveLength(1)
          expect(client.renewed).toHaveLength(1)
          const next = client.renewed[0] as StoredSession
          expect(next.refreshToken).not.toBe(session.refreshToken)
          expect(await restStatus(session.accessToken)).toBe(401)
          expect(await restStatus(next.accessToken)).toBe(200)
          session = next
        } finally {
          server.resetClock()
        }
      })

      it('signing out revokes the sign-in: the access token and the refresh token stop working', async () => {
        expect(await signOut(session, fetch)).toBe(true)
        expect(await restStatus(session.accessToken)).toBe(401)
        // a refused renewal ends the session: the REST client reports 401 to the UI
        const client = api(session)
        const failure = await client.api.workspaces().catch((e: unknown) => e)
        expect(failure).toBeInstanceOf(ApiError)
        expect((failure as ApiError).status).toBe(401)
        expect(refreshes(client.sent).map((s) => s.status)).toEqual([400])
      })
    })
  },
)
