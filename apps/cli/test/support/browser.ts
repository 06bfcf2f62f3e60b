/**
 * Chromium as the person at the keyboard (the server's helpers in apps/server/test/oauth): signs
 * up, creates and deletes API tokens on API Settings, and answers the consent page the CLI opens.
 */
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { BrowserContext } from 'playwright-core'

export {
  chromiumAvailable,
  launchChromium,
  signedUpContext,
} from '../../../server/test/oauth/chromium.ts'

/** Creates an API token on API Settings with exactly `scopes`; returns the `tkc_…` shown once. */
export async function createApiToken(
  context: BrowserContext,
  server: string,
  name: string,
  scopes: readonly string[],
): Promise<string> {
  const page = await context.newPage()
  try {
    await page.goto(`${server}/settings/api`)
    await page.getByLabel('Name').fill(name)
    for (const scope of ['read:tokens', 'write:tokens', 'export:tokens']) {
      await page.getByLabel(scope, { exact: true }).setChecked(scopes.includes(scope))
    }
    await page.getByRole('button', { name: 'Create token' }).click()
    return ((await page.getByTestId('new-token').textContent()) ?? '').trim()
  } finally {
    await page.close()
  }
}

/** Presses Delete on API Settings for the token named `name`. */
export async function deleteApiToken(
  context: BrowserContext,
  server: string,
  name: string,
): Promise<void> {
  const page = await context.newPage()
  try {
    await page.goto(`${server}/settings/api`)
    await page
      .getByRole('row', { name: new RegExp(`^${name} `) })
      .getByRole('button', { name: 'Delete' })
      .click()
    await page.waitForURL(`${server}/settings/api`)
  } finally {
    await page.close()
  }
}

/**
 * A `BROWSER` command (as the CLI reads it) that only writes the URL it is given to a file, so
 * that the test can open it in Chromium: the CLI's own way of opening a browser, observed.
 */
export async function recordingBrowser(dir: string): Promise<{ command: string; urlFile: string }> {
  const script = join(dir, 'record-url.mjs')
  const urlFile = join(dir, 'opened-url.txt')
  await writeFile(
    script,
    `import { writeFileSync } from 'node:fs'\nwriteFileSync(${JSON.stringify(urlFile)}, process.argv[2])\n`,
  )
  return { command: `${process.execPath} ${script}`, urlFile }
}
