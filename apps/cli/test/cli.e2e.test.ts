/**
 * `tokencraft` end to end, as people use it: the real binary as a child process, against the
 * server as `npm start` runs it (main.ts in its own process, a fresh embedded database), with
 * Chromium as the person who signs up, approves the CLI's sign-in and manages API tokens.
 * The steps build on each other, in order.
 */
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Browser, BrowserContext } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  freePort,
  type ServerProcess,
  spawnServer,
} from '../../server/test/support/server-process.ts'
import {
  chromiumAvailable,
  createApiToken,
  deleteApiToken,
  launchChromium,
  recordingBrowser,
  signedUpContext,
} from './support/browser.ts'
import {
  CLI_TEST_TIMEOUT_MS,
  type CliOptions,
  eventually,
  jsonOf,
  readIfPresent,
  runCli,
  startCli,
  temporaryDirectory,
} from './support/cli.ts'

const FORMATS = ['css', 'ios', 'android', 'json'] as const

const light = {
  color: {
    $type: 'color',
    brand: { $value: { colorSpace: 'srgb', components: [0, 0.4, 1] }, $description: 'Brand' },
    text: { $value: '{color.brand}' },
  },
  space: { $type: 'dimension', sm: { $value: { value: 4, unit: 'px' } } },
}
const dark = {
  color: {
    $type: 'color',
    brand: { $value: { colorSpace: 'srgb', components: [0.4, 0.7, 1] } },
    text: { $value: { colorSpace: 'srgb', components: [1, 1, 1] } },
  },
}

type Credentials = {
  default_server: string
  servers: Record<string, { access_token: string; refresh_token: string; expires_at: string }>
}

describe.skipIf(!chromiumAvailable)(
  'tokencraft against a running server',
  { timeout: CLI_TEST_TIMEOUT_MS },
  () => {
    let server: ServerProcess
    let url: string
    let browser: Browser
    let person: BrowserContext
    let temp: Awaited<ReturnType<typeof temporaryDirectory>>
    /** the person's config directory, where login keeps the sign-in */
    let configDir: string
    /** the project: tokencraft.config.json and the files pull writes */
    let project: string
    let key: string
    let tokenset: { id: string; modes: { id: string; name: string }[] }

    const signedIn = (): CliOptions => ({
      cwd: project,
      env: { HOME: temp.dir, TOKENCRAFT_CONFIG_DIR: configDir },
    })
    const ci = (token = key): CliOptions => ({
      cwd: project,
      env: { HOME: temp.dir, TOKENCRAFT_TOKEN: token, TOKENCRAFT_URL: url },
    })
    const credentials = async () =>
      JSON.parse(await readFile(join(configDir, 'credentials.json'), 'utf8')) as Credentials
    const api = (path: string, init: RequestInit = {}) =>
      fetch(`${url}/api/v1${path}`, {
        ...init,
        headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' },
      })

    beforeAll(async () => {
      temp = await temporaryDirectory('e2e')
      configDir = join(temp.dir, 'config')
      project = join(temp.dir, 'project')
      await mkdir(project)
      const port = await freePort()
      url = `http://127.0.0.1:${port}`
      server = spawnServer({
        PORT: String(port),
        PUBLIC_URL: url,
        DATA_DIR: join(temp.dir, 'data'),
        LOG_LEVEL: 'warn',
      })
      await server.ready
      browser = await launchChromium()
      person = await signedUpContext(browser, url, 'designer@example.com')
      await writeFile(join(temp.dir, 'light.json'), JSON.stringify(light))
      await writeFile(join(temp.dir, 'dark.json'), JSON.stringify(dark))
      await writeFile(
        join(temp.dir, 'legacy.json'),
        JSON.stringify({ space: { lg: { value: '16px', type: 'dimension' } } }),
      )
    }, 120_000)

    afterAll(async () => {
      await browser?.close()
      server?.child.kill('SIGTERM')
      await server?.exited
      await temp?.remove()
    })

    it('logs in through the browser: consent approved, tokens kept owner-only', async () => {
      const opener = await recordingBrowser(temp.dir)
      const login = startCli(['login', '--server', url], {
        env: { HOME: temp.dir, TOKENCRAFT_CONFIG_DIR: configDir, BROWSER: opener.command },
      })
      // the CLI opened "the browser" with the authorization URL, and printed it too
      const authorizationUrl = await eventually(() => readIfPresent(opener.urlFile), 'the browser')
      expect(login.stderr()).toContain(authorizationUrl)
      const request = new URL(authorizationUrl)
      expect(request.origin + request.pathname).toBe(`${url}/mcp/authorize`)
      expect(Object.fromEntries(request.searchParams)).toMatchObject({
        client_id: 'tokencraft-cli',
        response_type: 'code',
        code_challenge_method: 'S256',
        scope: 'read:tokens write:tokens export:tokens',
        resource: `${url}/api/v1`,
      })
      expect(request.searchParams.get('redirect_uri')).toMatch(
        /^http:\/\/127\.0\.0\.1:\d+\/callback$/,
      )

      const page = await person.newPage()
      await page.goto(authorizationUrl)
      await expect(page.locator('h1').textContent()).resolves.toContain('Tokencraft CLI')
      await page.getByRole('button', { name: 'Approve' }).click()
      // the browser lands on the CLI's own loopback listener, which answers it
      await page.waitForURL(
        (landed) => landed.hostname === '127.0.0.1' && landed.pathname === '/callback',
      )
      await expect(page.locator('h1').textContent()).resolves.toBe('Signed in')
      await page.close()

      const result = await login.done
      expect(result.code).toBe(0)
      expect(result.stdout).toContain(`Signed in to ${url}`)
      expect((await stat(configDir)).mode & 0o777).toBe(0o700)
      expect((await stat(join(configDir, 'credentials.json'))).mode & 0o777).toBe(0o600)
      const stored = await credentials()
      expect(stored.default_server).toBe(url)
      expect(stored.servers[url]).toMatchObject({
        access_token: expect.stringMatching(/^[0-9a-f]{64}$/),
        refresh_token: expect.any(String),
        scope: 'read:tokens write:tokens export:tokens',
        resource: `${url}/api/v1`,
      })
    })

    it('ls lists the workspaces with the stored sign-in (no server named: the last login)', async () => {
      const result = await runCli(['ls', '--json'], signedIn())
      expect(result.code).toBe(0)
      expect(jsonOf(result)).toMatchObject({
        server: url,
        workspaces: [{ name: 'Personal', role: 'owner', tokensets: [] }],
      })
    })

    it('refreshes the sign-in shortly before it expires, and once after a 401', async () => {
      const before = (await credentials()).servers[url]
      if (!before) throw new Error('no sign-in stored')
      // about to expire: refreshed before the request
      await writeFile(
        join(configDir, 'credentials.json'),
        JSON.stringify({
          default_server: url,
          servers: { [url]: { ...before, expires_at: new Date(Date.now() + 5_000).toISOString() } },
        }),
      )
      expect((await runCli(['ls'], signedIn())).code).toBe(0)
      const refreshed = (await credentials()).servers[url]
      expect(refreshed?.access_token).not.toBe(before.access_token)
      expect(refreshed?.refresh_token).not.toBe(before.refresh_token)
      expect(Date.parse(refreshed?.expires_at ?? '')).toBeGreaterThan(Date.now() + 29 * 86_400_000)
      // the server forgot the access token: a 401, a refresh, the request again
      await writeFile(
        join(configDir, 'credentials.json'),
        JSON.stringify({
          default_server: url,
          servers: { [url]: { ...refreshed, access_token: 'f'.repeat(64) } },
        }),
      )
      const result = await runCli(['ls'], signedIn())
      expect(result.code).toBe(0)
      expect(result.stdout).toContain('Personal')
      expect((await credentials()).servers[url]?.access_token).not.toBe('f'.repeat(64))
    })

    it('push imports a DTCG file into a mode and prints the server’s report', async () => {
      key = await createApiToken(person, url, 'ci', [
        'read:tokens',
        'write:tokens',
        'export:tokens',
      ])
      const workspaces = (await (await api('/workspaces')).json()) as {
        workspaces: { id: string }[]
      }
      const created = await api(`/workspaces/${workspaces.workspaces[0]?.id}/tokensets`, {
        method: 'POST',
        body: JSON.stringify({ name: 'Brand', modes: ['Light', 'Dark'] }),
      })
      tokenset = (await created.json()) as typeof tokenset

      const pushed = await runCli(
        ['push', join(temp.dir, 'light.json'), '--tokenset', 'Brand', '--mode', 'Light'],
        signedIn(),
      )
      expect(pushed.code).toBe(0)
      expect(pushed.stdout).toContain('light.json (dtcg) into Brand / Light: 3 created, 0 updated.')
      expect(pushed.stdout).toContain('created: color.brand, color.text, space.sm')

      const json = await runCli(
        [
          'push',
          join(temp.dir, 'dark.json'),
          '--tokenset',
          tokenset.id,
          '--mode',
          'Dark',
          '--json',
        ],
        ci(),
      )
      expect(json.code).toBe(0)
      expect(jsonOf(json)).toMatchObject({
        mode: { name: 'Dark' },
        format: 'dtcg',
        created: [],
        updated: ['color.brand', 'color.text'],
      })
      // a Style Dictionary file, passed as it is: the server reads it and says what it changed
      const legacy = await runCli(
        ['push', join(temp.dir, 'legacy.json'), '--tokenset', 'Brand', '--mode', 'Light'],
        signedIn(),
      )
      expect(legacy.code).toBe(0)
      expect(legacy.stdout).toContain(
        '(style-dictionary) into Brand / Light: 1 created, 0 updated.',
      )
      expect(legacy.stdout).toMatch(/ {4}space\.lg \(Light\): normalized: /)
      const stored = (await (await api(`/tokensets/${tokenset.id}/tokens`)).json()) as {
        tokens: { name: string; values: Record<string, unknown> }[]
      }
      expect(stored.tokens.find((t) => t.name === 'color.text')?.values).toEqual({
        Light: '{color.brand}',
        Dark: dark.color.text.$value,
      })
    })

    it('pull writes css, ios, android and json files equal to the REST exports, byte for byte', async () => {
      const outputs = FORMATS.flatMap((format) => [
        { format, mode: 'Light', file: `out/${format}/light.${format}` },
        { format, mode: tokenset.modes[1]?.id, file: `out/${format}/dark.${format}` },
        { format, file: `out/${format}/all.${format}` },
      ])
      await writeFile(
        join(project, 'tokencraft.config.json'),
        JSON.stringify({ tokensets: [{ tokenset: 'Brand', outputs }] }, null, 2),
      )
      const result = await runCli(['pull'], ci())
      expect(result.code).toBe(0)
      for (const output of outputs) expect(result.stdout).toContain(`created  ${output.file}`)
      expect(result.stdout).toContain('12 written, 0 unchanged.')
      // progress, one line per export (stderr is not a terminal here)
      expect(result.stderr).toContain('[12/12] ')

      for (const format of FORMATS) {
        for (const mode of tokenset.modes) {
          const rest = await api(
            `/tokensets/${tokenset.id}/modes/${mode.id}/export?format=${format}`,
          )
          const file = await readFile(
            join(project, `out/${format}/${mode.name.toLowerCase()}.${format}`),
          )
          expect(file.equals(Buffer.from(await rest.arrayBuffer())), `${format} ${mode.name}`).toBe(
            true,
          )
        }
        const whole = (await (
          await api(`/tokensets/${tokenset.id}/export?format=${format}`)
        ).json()) as {
          files: { content: string }[]
        }
        const file = await readFile(join(project, `out/${format}/all.${format}`))
        expect(
          file.equals(Buffer.from(whole.files[0]?.content ?? '')),
          `${format} every mode`,
        ).toBe(true)
      }
    })

    it('pull --check passes while the files match, fails after a change on the server', async () => {
      const same = await runCli(['pull', '--check'], ci())
      expect(same.code).toBe(0)
      expect(same.stdout).toContain(`All 12 files match ${url}.`)

      const changed = await api(
        `/tokensets/${tokenset.id}/modes/${tokenset.modes[1]?.id}/tokens/space.sm`,
        {
          method: 'PATCH',
          body: JSON.stringify({ value: { value: 8, unit: 'px' } }),
        },
      )
      expect(changed.status).toBe(200)
      const check = await runCli(['pull', '--check', '--json'], ci())
      expect(check.code).toBe(1)
      const differing = (jsonOf(check).files as { file: string; status: string }[])
        .filter((file) => file.status !== 'unchanged')
        .map((file) => file.file)
        .sort()
      // the Dark files and the every-mode files change; the Light ones do not
      expect(differing).toEqual(
        FORMATS.flatMap((f) => [`out/${f}/all.${f}`, `out/${f}/dark.${f}`]).sort(),
      )
      expect(await readFile(join(project, 'out/css/dark.css'), 'utf8')).toContain('--space-sm: 4px')

      const pulled = await runCli(['pull'], ci())
      expect(pulled.code).toBe(0)
      expect(pulled.stdout).toContain('updated  out/css/dark.css')
      expect(pulled.stdout).toContain('8 written, 4 unchanged.')
      expect(await readFile(join(project, 'out/css/dark.css'), 'utf8')).toContain('--space-sm: 8px')
      expect((await runCli(['pull', '--check'], ci())).code).toBe(0)
    })

    it('names the missing scope when a key cannot export (exit 4)', async () => {
      const readOnly = await createApiToken(person, url, 'read-only', ['read:tokens'])
      const result = await runCli(['pull', '--json'], ci(readOnly))
      expect(result.code).toBe(4)
      expect(result.stderr).toContain('TOKENCRAFT_TOKEN lacks the export:tokens scope')
      expect(jsonOf(result)).toEqual({
        error: { code: 'insufficient_scope', message: expect.any(String), exit_code: 4 },
      })
    })

    it('says clearly when the key was deleted (revoked): exit 3, files untouched', async () => {
      await deleteApiToken(person, url, 'ci')
      const before = await readFile(join(project, 'out/css/all.css'))
      const result = await runCli(['pull'], ci())
      expect(result.code).toBe(3)
      expect(result.stderr).toBe(
        `tokencraft: ${url} refused TOKENCRAFT_TOKEN: it is invalid, expired or revoked; create a new API token under ${url}/settings/api and set TOKENCRAFT_TOKEN to it\n`,
      )
      expect(result.stdout).toBe('')
      expect((await readFile(join(project, 'out/css/all.css'))).equals(before)).toBe(true)
    })

    it('logout revokes the sign-in on the server and forgets it', async () => {
      const signIn = (await credentials()).servers[url]
      const result = await runCli(['logout'], signedIn())
      expect(result.code).toBe(0)
      expect((await credentials()).servers).toEqual({})
      const old = await fetch(`${url}/api/v1/workspaces`, {
        headers: { Authorization: `Bearer ${signIn?.access_token}` },
      })
      expect(old.status).toBe(401)
      const after = await runCli(['ls'], signedIn())
      expect(after.code).toBe(3)
      expect(after.stderr).toContain('not signed in')
    })

    it('--no-browser prints the address only; a denied consent ends the login (exit 3)', async () => {
      const opener = await recordingBrowser(join(temp.dir, 'config'))
      const login = startCli(['login', '--server', url, '--no-browser', '--scope', 'read:tokens'], {
        env: { HOME: temp.dir, TOKENCRAFT_CONFIG_DIR: configDir, BROWSER: opener.command },
      })
      const printed = await eventually(
        async () => /\n {2}(http\S+)\n/.exec(login.stderr())?.[1],
        'the printed address',
      )
      expect(new URL(printed).searchParams.get('scope')).toBe('read:tokens')
      const page = await person.newPage()
      await page.goto(printed)
      await page.getByRole('button', { name: 'Deny' }).click()
      await page.waitForURL((landed) => landed.pathname === '/callback')
      await expect(page.locator('h1').textContent()).resolves.toBe('Sign-in failed')
      await page.close()
      const result = await login.done
      expect(result.code).toBe(3)
      expect(result.stderr).toContain('the sign-in was denied in the browser; nothing was stored')
      expect(await readIfPresent(opener.urlFile)).toBeUndefined()
      expect((await credentials()).servers).toEqual({})
    })
  },
)
