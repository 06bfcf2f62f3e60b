/**
 * Chromium (playwright-core on Debian's chromium) as the user's browser in the full-flow tests:
 * it logs in on /login and answers the consent page; the client's redirect URI is intercepted,
 * as the client's own listener would receive it.
 */
import { existsSync } from 'node:fs'
import { type Browser, type BrowserContext, chromium } from 'playwright-core'

export const CHROMIUM = '/usr/bin/chromium'
export const chromiumAvailable = existsSync(CHROMIUM)

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  })
}

export const PASSWORD = 'correct horse battery staple'

/** A fresh browser context signed up as `email` (which makes the workspace "Personal"). */
export async function signedUpContext(
  browser: Browser,
  serverUrl: string,
  email: string,
): Promise<BrowserContext> {
  const context = await browser.newContext()
  const page = await context.newPage()
  await page.goto(`${serverUrl}/signup`)
  await page.getByLabel('Email').fill(email)
  await page.getByLabel('Password').fill(PASSWORD)
  await page.getByRole('button', { name: 'Sign up' }).click()
  await page.waitForURL((url) => !url.pathname.startsWith('/signup'))
  await page.close()
  return context
}

/**
 * Opens `authorizationUrl` in a fresh browser context, logs in as `email` when the server asks,
 * presses `button` on the consent page and returns the URL the browser was sent to, which must
 * start with `redirectPrefix`.
 */
export async function authorizeInChromium(
  browser: Browser,
  authorizationUrl: string,
  redirectPrefix: string,
  email: string,
  button: 'Approve' | 'Deny' = 'Approve',
): Promise<URL> {
  const context: BrowserContext = await browser.newContext()
  try {
    let redirected: string | undefined
    await context.route(
      (url) => url.href.startsWith(redirectPrefix),
      async (route) => {
        redirected = route.request().url()
        await route.fulfill({ status: 200, contentType: 'text/plain', body: 'back in the client' })
      },
    )
    const page = await context.newPage()
    await page.goto(authorizationUrl)
    if (new URL(page.url()).pathname === '/login') {
      await page.getByLabel('Email').fill(email)
      await page.getByLabel('Password').fill(PASSWORD)
      await page.getByRole('button', { name: 'Log in' }).click()
    }
    await page.getByRole('button', { name: button }).click()
    await page.waitForURL((url) => url.href.startsWith(redirectPrefix))
    if (!redirected) throw new Error('the browser did not reach the redirect URI')
    return new URL(redirected)
  } finally {
    await context.close()
  }
}
