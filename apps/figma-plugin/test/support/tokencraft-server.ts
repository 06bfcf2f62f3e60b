import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import type { Browser, BrowserContext } from 'playwright-core'

/** The foundation's helper that starts the real server on a fresh database (apps/server/test/support). */
const HELPER = new URL('../../../server/test/support/server.ts', import.meta.url)

export const serverHelperAvailable = existsSync(fileURLToPath(HELPER))

export type RunningServer = {
  url: string
  /** Moves the server's clock (token expiry) forward by `ms`; `resetClock` goes back to real time. */
  advanceClock: (ms: number) => void
  resetClock: () => void
  close: () => Promise<void>
}

export async function startTokencraft(): Promise<RunningServer> {
  const helper = await import(HELPER.href)
  const server = await helper.startTestServer()
  return {
    url: server.url,
    advanceClock: (ms) => server.clock.advance(ms),
    resetClock: () => server.clock.reset(),
    close: () => server.close(),
  }
}

/** A browser session signed up on the server, as a designer would be in their own browser. */
export async function signedUpBrowser(
  browser: Browser,
  serverUrl: string,
  email: string,
): Promise<BrowserContext> {
  const context = await browser.newContext()
  const page = await context.newPage()
  await page.goto(`${serverUrl}/signup`)
  await page.getByLabel('Email').fill(email)
  await page.getByLabel('Password').fill('correct horse battery staple')
  await page.getByRole('button', { name: 'Sign up' }).click()
  await page.waitForURL((url) => !url.pathname.startsWith('/signup'))
  await page.close()
  return context
}
