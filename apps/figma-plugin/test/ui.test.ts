import { existsSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import { createServer, type Server } from 'node:net'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { FakeFigma } from './support/fake-figma.ts'
import { buildPlugin, CHROMIUM, launchChromium, openPlugin } from './support/plugin-harness.ts'
import {
  type RunningServer,
  serverHelperAvailable,
  startTokencraft,
} from './support/tokencraft-server.ts'

/** The address of a port nothing listens on any more, as a server that is down looks. */
function closedPortUrl(): Promise<string> {
  const server: Server = createServer()
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo
      server.close(() => resolve(`http://127.0.0.1:${port}`))
    })
  })
}

describe.skipIf(!existsSync(CHROMIUM) || !serverHelperAvailable)('plugin UI in Chromium', () => {
  let browser: Browser
  let bundles: { main: string; ui: string }
  let tokencraft: RunningServer

  beforeAll(async () => {
    bundles = buildPlugin()
    browser = await launchChromium()
    tokencraft = await startTokencraft()
  })
  afterAll(async () => {
    await browser?.close()
    await tokencraft?.close()
  })

  it('shows Connect, the sign-in code, opens the advertised authorization endpoint, waits, and can be cancelled', async () => {
    const figma = new FakeFigma()
    await figma.clientStorage.setAsync('settings', { serverUrl: tokencraft.url })
    const { page, ui } = await openPlugin(browser, bundles, figma)
    try {
      await ui.getByRole('button', { name: 'Connect' }).click()
      await ui.getByText('Waiting for the browser…').waitFor()
      // The sandbox opens the browser once the UI has the server's code and the PKCE pair.
      await expect.poll(() => figma.opened.length).toBe(1)
      const code = await ui.getByRole('status', { name: 'Sign-in code' }).textContent()
      expect(code).toMatch(/^[BCDFGHJKLMNPQRSTVWXZ]{4}-[BCDFGHJKLMNPQRSTVWXZ]{4}$/)
      const opened = new URL(figma.opened[0] as string)
      // what the server's metadata advertises, not a path of the plugin's own
      expect(`${opened.origin}${opened.pathname}`).toBe(`${tokencraft.url}/mcp/authorize`)
      const params = Object.fromEntries(opened.searchParams)
      expect(params).toMatchObject({
        client_id: 'figma-plugin-v1',
        redirect_uri: `${tokencraft.url}/mcp/figma-callback`,
        response_type: 'code',
        scope: 'read:tokens write:tokens',
        code_challenge_method: 'S256',
      })
      expect(params.state).toMatch(/^[A-Za-z0-9_-]{43}$/) // 256 bits, base64url
      expect(params.code_challenge).toMatch(/^[A-Za-z0-9_-]{43}$/)
      expect(params).not.toHaveProperty('poll_secret')

      await ui.getByRole('button', { name: 'Cancel' }).click()
      await ui.getByRole('alert').getByText('Sign-in cancelled.').waitFor()
      await ui.getByRole('button', { name: 'Try again' }).waitFor()
      expect(figma.storage.has('session')).toBe(false)
    } finally {
      await page.close()
    }
  })

  it('says the server cannot be reached, and offers to try again', async () => {
    const figma = new FakeFigma()
    await figma.clientStorage.setAsync('settings', { serverUrl: await closedPortUrl() })
    const { page, ui } = await openPlugin(browser, bundles, figma)
    try {
      await ui.getByRole('button', { name: 'Connect' }).click()
      await ui.getByText('Could not reach the Tokencraft server.', { exact: false }).waitFor()
      await ui.getByRole('button', { name: 'Try again' }).waitFor()
    } finally {
      await page.close()
    }
  })

  it('keeps a server address typed in the settings', async () => {
    const figma = new FakeFigma()
    const { page, ui } = await openPlugin(browser, bundles, figma)
    try {
      await ui.getByRole('textbox', { name: 'Server' }).fill('https://tokens.example.com/some/path')
      await ui.getByRole('button', { name: 'Save server' }).click()
      await expect
        .poll(() => figma.storage.get('settings'))
        .toEqual({ serverUrl: 'https://tokens.example.com' })
    } finally {
      await page.close()
    }
  })
})
