import { existsSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import { createServer, type Server, type Socket } from 'node:net'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { FakeFigma } from './support/fake-figma.ts'
import { buildPlugin, CHROMIUM, launchChromium, openPlugin } from './support/plugin-harness.ts'

/**
 * A host that accepts connections and never answers, as a slow network looks to the plugin:
 * the UI stays in its waiting state while its poll is outstanding.
 */
function silentServer(): Promise<{ url: string; close: () => Promise<void> }> {
  const sockets = new Set<Socket>()
  const server: Server = createServer((socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo
      resolve({
        url: `http://127.0.0.1:${port}`,
        close: () =>
          new Promise((done) => {
            for (const socket of sockets) socket.destroy()
            server.close(() => done())
          }),
      })
    })
  })
}

describe.skipIf(!existsSync(CHROMIUM))('plugin UI in Chromium', () => {
  let browser: Browser
  let bundles: { main: string; ui: string }
  let silent: Awaited<ReturnType<typeof silentServer>>

  beforeAll(async () => {
    bundles = buildPlugin()
    browser = await launchChromium()
    silent = await silentServer()
  })
  afterAll(async () => {
    await browser?.close()
    await silent?.close()
  })

  it('shows Connect, opens the authorization request in the browser, waits, and can be cancelled', async () => {
    const figma = new FakeFigma()
    await figma.clientStorage.setAsync('settings', { serverUrl: silent.url })
    const { page, ui } = await openPlugin(browser, bundles, figma)
    try {
      await ui.getByRole('button', { name: 'Connect' }).click()
      await ui.getByText('Waiting for the browser…').waitFor()
      // The sandbox opens the browser once the UI has made the state and the PKCE pair.
      await expect.poll(() => figma.opened.length).toBe(1)
      const opened = new URL(figma.opened[0] as string)
      expect(`${opened.origin}${opened.pathname}`).toBe(`${silent.url}/api/oauth/mcp/authorize`)
      const params = Object.fromEntries(opened.searchParams)
      expect(params).toMatchObject({
        client_id: 'figma-plugin-v1',
        redirect_uri: `${silent.url}/mcp/figma-callback`,
        response_type: 'code',
        scope: 'read:tokens write:tokens',
        code_challenge_method: 'S256',
      })
      expect(params.state).toMatch(/^[A-Za-z0-9_-]{43}$/) // 256 bits, base64url
      expect(params.code_challenge).toMatch(/^[A-Za-z0-9_-]{43}$/)

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
    const closed = await silentServer()
    await closed.close()
    await figma.clientStorage.setAsync('settings', { serverUrl: closed.url })
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
