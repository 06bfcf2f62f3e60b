import { existsSync } from 'node:fs'
import type { Browser, BrowserContext } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SignInError } from '../src/auth/errors.ts'
import { abortableDelay, type SignInDeps, signIn } from '../src/auth/sign-in.ts'
import { revokeToken } from '../src/auth/token.ts'
import { CHROMIUM, launchChromium } from './support/plugin-harness.ts'
import {
  type RunningServer,
  serverHelperAvailable,
  signedUpBrowser,
  startTokencraft,
} from './support/tokencraft-server.ts'

const TEN_MINUTES = 10 * 60 * 1000

/**
 * The plugin's sign-in code (what the UI runs) against the real server: the bridge, the
 * consent page in Chromium, the token endpoint and revocation. Nothing of our API is mocked.
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

    const poll = (state: string) =>
      fetch(`${server.url}/api/oauth/figma-plugin/poll?state=${encodeURIComponent(state)}`)

    function deps(
      openExternal: (url: string) => void,
      overrides: Partial<SignInDeps> = {},
    ): SignInDeps {
      return {
        fetch: (...args) => fetch(...args),
        crypto,
        now: Date.now,
        delay: abortableDelay,
        signal: new AbortController().signal,
        openExternal,
        ...overrides,
      }
    }

    /**
     * The designer answers the consent page the plugin opened, in their browser. `answered`
     * settles once the callback page shows; `pending` is what the poll said before the answer.
     */
    function consent(button: 'Approve' | 'Deny') {
      const seen: { pending?: unknown; answered?: Promise<void> } = {}
      const open = (url: string) => {
        seen.answered = (async () => {
          const state = new URL(url).searchParams.get('state') as string
          const before = await poll(state)
          seen.pending = { status: before.status, body: await before.json() }
          const page = await designer.newPage()
          await page.goto(url)
          await page.getByRole('button', { name: button }).click()
          await page.getByText('Figma', { exact: false }).first().waitFor()
          await page.close()
        })()
      }
      return { seen, open }
    }

    it('pending → consent → ready → exchange: a token the REST API accepts', async () => {
      const { seen, open } = consent('Approve')
      let openedState = ''
      const session = await signIn(
        server.url,
        deps((url) => {
          openedState = new URL(url).searchParams.get('state') as string
          open(url)
        }),
      )
      await seen.answered
      expect(seen.pending).toEqual({ status: 202, body: { status: 'pending' } })
      expect(session.serverUrl).toBe(server.url)
      expect(session.accessToken).toMatch(/^[0-9a-f]{64}$/)
      const api = await fetch(`${server.url}/api/v1/workspaces`, {
        headers: { Authorization: `Bearer ${session.accessToken}` },
      })
      expect(api.status).toBe(200)
      // The bridge hands a code out once: the entry is gone.
      expect((await poll(openedState)).status).toBe(202)
    })

    it('denial ends the sign-in with a clear message', async () => {
      const { seen, open } = consent('Deny')
      const failure = await signIn(server.url, deps(open)).catch((e: unknown) => e)
      await seen.answered
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
          () => {
            now += TEN_MINUTES - 1500 // the designer never answers; time passes
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

    it('signing out revokes the token on the server', async () => {
      const { seen, open } = consent('Approve')
      const session = await signIn(server.url, deps(open))
      await seen.answered
      const headers = { Authorization: `Bearer ${session.accessToken}` }
      expect((await fetch(`${server.url}/api/v1/workspaces`, { headers })).status).toBe(200)
      expect(await revokeToken(server.url, session.accessToken, fetch)).toBe(true)
      expect((await fetch(`${server.url}/api/v1/workspaces`, { headers })).status).toBe(401)
    })
  },
)
