/**
 * The program users run, exactly as the README starts it: `npm start` in the repository root,
 * as a child process, on a fresh DATA_DIR (and once more on a fresh PostgreSQL database when
 * TEST_DATABASE_URL is set), on a free port. Nothing here talks to anything but that process,
 * and only with the real clients: Chromium, the MCP SDK client with its own OAuth flow, and the
 * Figma plugin's own sign-in code. Every page reachable from `/` must answer 200, signed out
 * and signed in, and the process must log no error from start to stop.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { UnauthorizedError } from '@modelcontextprotocol/sdk/client/auth.js'
import { Client } from '@modelcontextprotocol/sdk/client/index.js'
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js'
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js'
import type { Browser, BrowserContext } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { abortableDelay, signIn } from '../../../figma-plugin/src/auth/sign-in.ts'
import {
  authorizeInChromium,
  chromiumAvailable,
  launchChromium,
  PASSWORD,
} from '../oauth/chromium.ts'
import { TestOAuthProvider } from '../oauth/sdk-client-provider.ts'
import { LEVEL, logLines } from '../support/log-lines.ts'
import {
  createPostgresDatabase,
  describeWithPostgres,
  type PostgresDatabase,
} from '../support/postgres.ts'
import { freePort, npmStart, type ServerProcess } from '../support/server-process.ts'

/**
 * `npm start` on a fresh database migrates it before it listens: about 5 s on an idle machine,
 * several times that on a loaded one (two cores shared by the whole team), so the start gets
 * two minutes rather than the 60 s of an ordinary hook.
 */
const START_TIMEOUT_MS = 120_000
/** A flow of a dozen page loads in Chromium, on that same loaded machine. */
const FLOW_TIMEOUT_MS = 60_000

let browser: Browser
beforeAll(async () => {
  if (chromiumAvailable) browser = await launchChromium()
})
afterAll(() => browser?.close())

type Crawl = { pages: Map<string, number>; responses: { url: string; status: number }[] }

/**
 * Opens `start` in Chromium and every same-origin link (`a`, `link`, `script`) reachable from
 * it, once each; records the status each page ended on, and every response of the server on
 * the way (redirects, stylesheets, scripts).
 */
async function crawl(context: BrowserContext, start: string): Promise<Crawl> {
  const origin = new URL(start).origin
  const crawl: Crawl = { pages: new Map(), responses: [] }
  const page = await context.newPage()
  page.on('response', (response) => {
    if (response.url().startsWith(origin)) {
      crawl.responses.push({ url: response.url(), status: response.status() })
    }
  })
  const queue = [start]
  for (let url = queue.shift(); url !== undefined; url = queue.shift()) {
    if (crawl.pages.has(url)) continue
    const response = await page.goto(url)
    crawl.pages.set(url, response?.status() ?? 0)
    const links = await page.$$eval('a[href], link[href], script[src]', (elements) =>
      elements.map((e) => (e as HTMLAnchorElement).href || (e as HTMLScriptElement).src),
    )
    for (const link of links) {
      const target = new URL(link)
      target.hash = ''
      if (target.origin === origin && !crawl.pages.has(target.href)) queue.push(target.href)
    }
  }
  await page.close()
  return crawl
}

/** Every page of the crawl answered 200, and nothing on the way answered an error. */
function expectAllServed(crawl: Crawl) {
  const notOk = [...crawl.pages].filter(([, status]) => status !== 200)
  expect(notOk, 'pages that did not answer 200').toEqual([])
  const errors = crawl.responses.filter((response) => response.status >= 400)
  expect(errors, 'responses with an error status').toEqual([])
}

const paths = (crawl: Crawl) => [...crawl.pages.keys()].map((url) => new URL(url).pathname)

const text = (result: CallToolResult) =>
  result.content.map((c) => (c.type === 'text' ? c.text : '')).join('')

function asUsersRunIt(database: 'embedded' | 'postgres') {
  let server: ServerProcess
  let ended = false
  let url: string
  let dataDir: string
  let postgres: PostgresDatabase | undefined
  let designer: BrowserContext
  let apiKey: string
  const email = `designer-${database}@example.com`

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'tokencraft-npm-start-'))
    const env: Record<string, string> = { PORT: String(await freePort()), DATA_DIR: dataDir }
    if (database === 'postgres') {
      postgres = await createPostgresDatabase()
      env.DATABASE_URL = postgres.url
    }
    server = npmStart(env)
    server.exited.then(() => {
      ended = true
    })
    url = await server.ready
    designer = await browser.newContext()
  }, START_TIMEOUT_MS)

  afterAll(async () => {
    await designer?.close()
    if (server && !ended) {
      server.stop('SIGKILL') // a test failed before the clean stop
      await server.exited
    }
    await postgres?.drop()
    if (dataDir) await rm(dataDir, { recursive: true, force: true })
  })

  const rest = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${url}/api/v1${path}`, {
      method,
      headers: { Authorization: `Bearer ${apiKey}`, 'Content-Type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    })
    return { status: response.status, type: response.headers.get('content-type'), response }
  }

  it('serves every page reachable from / to a visitor who is signed out', async () => {
    const visitor = await browser.newContext()
    try {
      const signedOut = await crawl(visitor, `${url}/`)
      expectAllServed(signedOut)
      expect(paths(signedOut)).toEqual(
        expect.arrayContaining(['/', '/login', '/signup', '/assets/app.css']),
      )
    } finally {
      await visitor.close()
    }
  })

  it(
    'signs up in Chromium, creates an API key on API Settings, and calls the REST API with it',
    async () => {
      const page = await designer.newPage()
      await page.goto(`${url}/signup`)
      await page.getByLabel('Email').fill(email)
      await page.getByLabel('Password').fill(PASSWORD)
      await page.getByRole('button', { name: 'Sign up' }).click()
      await page.waitForURL(`${url}/`)

      await page.getByRole('link', { name: 'API Settings' }).click()
      await page.waitForURL(`${url}/settings/api`)
      await page.getByLabel('Name').fill('CI')
      for (const scope of ['read:tokens', 'write:tokens', 'export:tokens']) {
        await page.getByLabel(scope, { exact: true }).check()
      }
      await page.getByRole('button', { name: 'Create token' }).click()
      apiKey = (await page.getByTestId('new-token').textContent())?.trim() ?? ''
      expect(apiKey).toMatch(/^tkc_[0-9a-f]{64}$/)
      await page.close()

      const listed = await rest('GET', '/workspaces')
      expect(listed.status).toBe(200)
      const { workspaces } = (await listed.response.json()) as { workspaces: { id: string }[] }
      expect(workspaces).toEqual([expect.objectContaining({ name: 'Personal', role: 'owner' })])
      const created = await rest('POST', `/workspaces/${workspaces[0]?.id}/tokensets`, {
        name: 'Brand',
        modes: ['Light', 'Dark'],
      })
      expect(created.status).toBe(201)
      const tokenset = (await created.response.json()) as {
        id: string
        modes: { id: string; name: string }[]
      }
      const light = tokenset.modes.find((mode) => mode.name === 'Light')?.id
      const imported = await rest('PUT', `/tokensets/${tokenset.id}/modes/${light}/document`, {
        color: {
          brand: { $type: 'color', $value: { colorSpace: 'srgb', components: [0.2, 0.4, 1] } },
        },
      })
      expect(imported.status).toBe(200)
      const css = await rest('GET', `/tokensets/${tokenset.id}/modes/${light}/export?format=css`)
      expect(css.status).toBe(200)
      expect(css.type).toContain('text/css')
      expect(await css.response.text()).toContain('--color-brand')
    },
    FLOW_TIMEOUT_MS,
  )

  it('serves every page reachable from / to the signed-in designer', async () => {
    const signedIn = await crawl(designer, `${url}/`)
    expectAllServed(signedIn)
    const visited = [...signedIn.pages.keys()].map((page) => new URL(page))
    expect(visited.map((page) => page.pathname)).toEqual(
      expect.arrayContaining(['/', '/settings/api', '/assets/app.css']),
    )
    // the workspace and its tokenset are pages of their own, reached through their links
    expect(visited.some((page) => page.searchParams.has('tokenset'))).toBe(true)
  })

  it(
    'signs the MCP SDK client in with its own OAuth flow, consent in Chromium, and calls a tool',
    async () => {
      const redirectUrl = 'http://127.0.0.1:33418/callback'
      const provider = new TestOAuthProvider(redirectUrl, {
        client_name: 'npm start test client',
        redirect_uris: [redirectUrl],
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
        token_endpoint_auth_method: 'none',
      })
      const mcpUrl = new URL(`${url}/api/mcp`)
      const first = new Client({ name: 'npm-start-test', version: '1.0.0' })
      await expect(
        first.connect(new StreamableHTTPClientTransport(mcpUrl, { authProvider: provider })),
      ).rejects.toBeInstanceOf(UnauthorizedError)
      const callback = await authorizeInChromium(
        browser,
        provider.authorizationUrl?.href ?? '',
        'http://127.0.0.1:33418/',
        email,
      )
      const transport = new StreamableHTTPClientTransport(mcpUrl, { authProvider: provider })
      await transport.finishAuth(callback.searchParams.get('code') ?? '')

      const client = new Client({ name: 'npm-start-test', version: '1.0.0' })
      await client.connect(transport)
      const result = (await client.callTool({
        name: 'list_workspaces',
        arguments: {},
      })) as CallToolResult
      expect(result.isError).toBeFalsy()
      expect(JSON.parse(text(result))).toEqual({
        workspaces: [expect.objectContaining({ name: 'Personal', role: 'owner' })],
      })
      await client.close()
    },
    FLOW_TIMEOUT_MS,
  )

  it(
    'signs the Figma plugin in through the bridge with its own code: authorize → consent → poll → token',
    async () => {
      let answered: Promise<{ status: number; text: string }> | undefined
      // the plugin shows a short code; the designer types it on the consent page
      let shownCode = ''
      // the plugin would poll for ten minutes; a browser side that fails cancels it at once
      const cancel = new AbortController()
      /** The designer answers the page the plugin opened, in their browser. */
      const openExternal = (authorizeUrl: string) => {
        answered = (async () => {
          const page = await designer.newPage()
          try {
            const callback = page.waitForResponse((r) => r.url().includes('/mcp/figma-callback'))
            await page.goto(authorizeUrl)
            await page.getByLabel('Code shown in the Figma plugin').fill(shownCode)
            await page.getByRole('button', { name: 'Approve' }).click()
            const response = await callback
            await page.waitForLoadState()
            return { status: response.status(), text: (await page.textContent('main')) ?? '' }
          } finally {
            await page.close()
          }
        })()
        answered.catch(() => cancel.abort())
      }
      const session = await signIn(url, {
        fetch: (...args) => fetch(...args),
        crypto,
        now: Date.now,
        delay: abortableDelay,
        signal: cancel.signal,
        showCode: (code: string) => {
          shownCode = code
        },
        openExternal,
      }).catch(async (error: unknown) => {
        await answered // the browser's failure, when it was the cause
        throw error
      })
      const callbackPage = await answered
      expect(callbackPage?.status).toBe(200)
      expect(callbackPage?.text).toContain('Figma')
      expect(session.accessToken).toMatch(/^[0-9a-f]{64}$/)
      expect(session.scope).toBe('read:tokens write:tokens')
      const workspaces = await fetch(`${url}/api/v1/workspaces`, {
        headers: { Authorization: `Bearer ${session.accessToken}` },
      })
      expect(workspaces.status).toBe(200)
    },
    FLOW_TIMEOUT_MS,
  )

  it('stops cleanly on Ctrl-C, having logged no error from start to stop', async () => {
    // a terminal sends SIGINT to the whole foreground process group: npm and the server
    server.stop('SIGINT')
    await server.exited
    const lines = logLines(server.stdout())
    expect(lines.map((line) => line.msg)).toEqual(expect.arrayContaining(['listening', 'stopped']))
    expect(lines.filter((line) => line.level >= LEVEL.error)).toEqual([])
    expect(server.stderr()).toBe('')
  })
}

describe.skipIf(!chromiumAvailable)('npm start on the embedded database [Chromium]', () =>
  asUsersRunIt('embedded'),
)

describeWithPostgres('npm start on PostgreSQL [Chromium]', () => {
  describe.skipIf(!chromiumAvailable)('', () => asUsersRunIt('postgres'))
})
