import { existsSync } from 'node:fs'
import type { Browser, BrowserContext } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { StoredSession } from '../src/events.ts'
import { FakeFigma, type FakeVariable } from './support/fake-figma.ts'
import { buildPlugin, CHROMIUM, launchChromium, openPlugin } from './support/plugin-harness.ts'
import {
  type RunningServer,
  serverHelperAvailable,
  signedUpBrowser,
  startTokencraft,
} from './support/tokencraft-server.ts'

/**
 * The built plugin against the real server: Connect, consent in the designer's browser, the
 * signed-in workspace and tokenset lists, a pull into the fake Figma, a push back, sign-out.
 */
describe.skipIf(!serverHelperAvailable || !existsSync(CHROMIUM))(
  'the plugin with a real server',
  () => {
    let server: RunningServer
    let browser: Browser
    let designer: BrowserContext
    let bundles: { main: string; ui: string }

    beforeAll(async () => {
      bundles = buildPlugin()
      server = await startTokencraft()
      browser = await launchChromium()
      designer = await signedUpBrowser(browser, server.url, 'figma-designer@example.com')
    })
    afterAll(async () => {
      await browser?.close()
      await server?.close()
    })

    async function rest(token: string, method: string, path: string, body?: unknown) {
      const response = await fetch(`${server.url}/api/v1${path}`, {
        method,
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      })
      expect(response.status, `${method} ${path}`).toBeLessThan(300)
      return response.json()
    }

    it('lets the plugin iframe (origin null) call REST v1 with its bearer token', async () => {
      // The browser asks first (Fetch §3.2.2): an Authorization header and PUT need a preflight.
      const preflight = await fetch(`${server.url}/api/v1/tokensets/x/modes/y/document`, {
        method: 'OPTIONS',
        headers: {
          Origin: 'null',
          'Access-Control-Request-Method': 'PUT',
          'Access-Control-Request-Headers': 'authorization, content-type',
        },
      })
      const allowed = {
        origin: preflight.headers.get('access-control-allow-origin'),
        methods: preflight.headers.get('access-control-allow-methods') ?? '',
        headers: (preflight.headers.get('access-control-allow-headers') ?? '').toLowerCase(),
      }
      expect(allowed.origin, 'REST v1 must answer CORS for the plugin').toBe('*')
      expect(allowed.methods).toContain('PUT')
      expect(allowed.headers).toContain('authorization')
    })

    it('signs in, lists tokensets, pulls into Figma, pushes an edit back, and signs out', async () => {
      const figma = new FakeFigma()
      await figma.clientStorage.setAsync('settings', { serverUrl: server.url })
      const { page, ui } = await openPlugin(browser, bundles, figma)
      try {
        await ui.getByRole('button', { name: 'Connect' }).click()
        await ui.getByText('Waiting for the browser…').waitFor()
        const consent = await designer.newPage()
        await expect.poll(() => figma.opened.length).toBe(1)
        await consent.goto(figma.opened[0] as string)
        // the designer types the code the plugin shows, as the consent page asks
        const code = await ui.getByRole('status', { name: 'Sign-in code' }).textContent()
        await consent.getByLabel('Code shown in the Figma plugin').fill(code ?? '')
        await consent.getByRole('button', { name: 'Approve' }).click()
        await ui.getByRole('list', { name: 'Workspaces' }).waitFor()
        await consent.close()
        const session = figma.storage.get('session') as StoredSession
        expect(session.accessToken).toMatch(/^[0-9a-f]{64}$/)
        expect(session.refreshToken).toMatch(/^[0-9a-f]{64}$/)

        const { workspaces } = await rest(session.accessToken, 'GET', '/workspaces')
        const tokenset = await rest(
          session.accessToken,
          'POST',
          `/workspaces/${workspaces[0].id}/tokensets`,
          {
            name: 'Brand',
            modes: ['light', 'dark'],
          },
        )
        const color = (r: number) => ({ colorSpace: 'srgb', components: [r, 0, 0] })
        for (const [index, mode] of tokenset.modes.entries()) {
          await rest(
            session.accessToken,
            'PUT',
            `/tokensets/${tokenset.id}/modes/${mode.id}/document`,
            {
              colors: {
                red: { $type: 'color', $value: color(index === 0 ? 1 : 0.5) },
                primary: { $type: 'color', $value: '{colors.red}' },
              },
              spacing: { base: { $type: 'dimension', $value: { value: 8, unit: 'px' } } },
            },
          )
        }

        await ui.getByRole('button', { name: workspaces[0].name }).click()
        await ui.getByRole('button', { name: /Brand — 3 tokens/ }).click()
        await ui.getByText('light (default) — 3 tokens').waitFor()
        await ui.getByRole('button', { name: 'Pull into Figma' }).click()
        await ui.getByText('Created collection “Brand”').waitFor()
        const variables = new Map([...figma.variables.variables.values()].map((v) => [v.name, v]))
        expect([...variables.keys()].sort()).toEqual([
          'colors/primary',
          'colors/red',
          'spacing/base',
        ])

        const [collection] = figma.variables.collections.values()
        const dark = collection?.modes.find((m) => m.name === 'dark')?.modeId as string
        ;(variables.get('spacing/base') as FakeVariable).setValueForMode(dark, 12)
        await ui.getByRole('button', { name: 'Push changes…' }).click()
        await ui.getByText('1 changes to push').waitFor()
        await ui.getByText('spacing.base (dark): 8 → 12').waitFor()
        await ui.getByRole('button', { name: 'Push 1 changes' }).click()
        await ui.getByText('Pushed 1 changes to dark.').waitFor()
        const { tokens } = await rest(
          session.accessToken,
          'GET',
          `/tokensets/${tokenset.id}/tokens`,
        )
        const base = tokens.find((t: { name: string }) => t.name === 'spacing.base')
        expect(base.values).toEqual({
          light: { value: 8, unit: 'px' },
          dark: { value: 12, unit: 'px' },
        })

        await ui.getByRole('button', { name: 'Sign out' }).click()
        await ui.getByRole('button', { name: 'Connect' }).waitFor()
        expect(figma.storage.has('session')).toBe(false)
        const after = await fetch(`${server.url}/api/v1/workspaces`, {
          headers: { Authorization: `Bearer ${session.accessToken}` },
        })
        expect(after.status).toBe(401)
      } finally {
        await page.close()
      }
    }, 120_000)
  },
)
