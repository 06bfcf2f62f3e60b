import { existsSync } from 'node:fs'
import { type Browser, chromium, type Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestServer, type TestServer } from '../support/server.ts'

const CHROMIUM = '/usr/bin/chromium'
const PASSWORD = 'correct horse battery staple'

let server: TestServer
let browser: Browser

beforeAll(async () => {
  server = await startTestServer()
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  })
})
afterAll(async () => {
  await browser?.close()
  await server?.close()
})

async function fillAccountForm(
  page: Page,
  email: string,
  password: string,
  button: 'Sign up' | 'Log in',
) {
  await page.getByLabel('Email').fill(email)
  await page.getByLabel('Password').fill(password)
  await page.getByRole('button', { name: button }).click()
}

const workspaces = (token: string) =>
  fetch(`${server.url}/api/v1/workspaces`, { headers: { authorization: `Bearer ${token}` } })

describe.skipIf(!existsSync(CHROMIUM))('accounts in Chromium', () => {
  it('signs up, logs out, refuses a wrong password, logs in, and uses a token until it is deleted', async () => {
    const context = await browser.newContext()
    const page = await context.newPage()

    // sign up, landing where next says
    await page.goto(`${server.url}/signup?next=/settings/api`)
    await fillAccountForm(page, 'designer@example.com', PASSWORD, 'Sign up')
    await page.waitForURL(`${server.url}/settings/api`)
    await expect(page.getByRole('heading', { name: 'API Settings' }).isVisible()).resolves.toBe(
      true,
    )

    // log out
    await page.getByRole('button', { name: 'Log out' }).click()
    await page.waitForURL(`${server.url}/login`)

    // a wrong password is refused, with a message
    await fillAccountForm(page, 'designer@example.com', 'not my password', 'Log in')
    await expect(page.getByRole('alert').textContent()).resolves.toContain(
      'Email or password is incorrect.',
    )

    // log in, then go to API Settings
    await fillAccountForm(page, 'designer@example.com', PASSWORD, 'Log in')
    await page.waitForURL(`${server.url}/`)
    await page.goto(`${server.url}/settings/api`)

    // create a token: shown once
    await page.getByLabel('Name').fill('CI export')
    await page.getByLabel('read:tokens').check()
    await page.getByLabel('export:tokens').check()
    await page.getByRole('button', { name: 'Create token' }).click()
    const token = (await page.getByTestId('new-token').textContent())?.trim() ?? ''
    expect(token).toMatch(/^tkc_[0-9a-f]{64}$/)
    await expect(page.getByRole('button', { name: 'Copy' }).isVisible()).resolves.toBe(true)
    const row = page.getByRole('row').filter({ hasText: 'CI export' })
    await expect(row.textContent()).resolves.toContain('read:tokens export:tokens')

    await page.goto(`${server.url}/settings/api`)
    await expect(page.getByTestId('new-token').count()).resolves.toBe(0)
    await expect(page.content()).resolves.not.toContain(token)

    // use it as CI would
    const listed = await workspaces(token)
    expect(listed.status).toBe(200)
    expect((await listed.json()).workspaces).toEqual([
      expect.objectContaining({ name: 'Personal', role: 'owner' }),
    ])
    await page.reload()
    const lastUsed = page
      .getByRole('row')
      .filter({ hasText: 'CI export' })
      .locator('td[data-label="Last used"] time')
    await expect(lastUsed.count()).resolves.toBe(1)

    // delete it: the next request is refused
    await page
      .getByRole('row')
      .filter({ hasText: 'CI export' })
      .getByRole('button', { name: 'Delete' })
      .click()
    await page.waitForURL(`${server.url}/settings/api`)
    await expect(page.getByRole('row').filter({ hasText: 'CI export' }).count()).resolves.toBe(0)
    const refused = await workspaces(token)
    expect(refused.status).toBe(401)
    expect(refused.headers.get('www-authenticate')).toContain('error="invalid_token"')

    await context.close()
  })

  it('works without JavaScript (the Copy button stays hidden)', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false })
    const page = await context.newPage()
    await page.goto(`${server.url}/signup`)
    await fillAccountForm(page, 'nojs@example.com', PASSWORD, 'Sign up')
    await page.waitForURL(`${server.url}/`)
    await page.goto(`${server.url}/settings/api`)
    await page.getByLabel('Name').fill('No JS')
    await page.getByRole('button', { name: 'Create token' }).click()
    await expect(page.getByTestId('new-token').textContent()).resolves.toMatch(/tkc_[0-9a-f]{64}/)
    await expect(page.getByRole('button', { name: 'Copy' }).count()).resolves.toBe(0)
    await context.close()
  })
})
