/**
 * How `tokencraft` fails, and waits, as a child process: against a real server with a tight
 * per-token rate limit (the app on a fresh database, listening on a free port), against a web
 * server that is not Tokencraft, against a port where nothing listens, and with bad input.
 */
import { once } from 'node:events'
import { mkdir, writeFile } from 'node:fs/promises'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createRateLimits, DEFAULT_POLICIES } from '../../server/src/auth/rate-limit/index.ts'
import { userKey } from '../../server/test/support/fixtures.ts'
import { startTestServer, type TestServer } from '../../server/test/support/server.ts'
import { freePort } from '../../server/test/support/server-process.ts'
import {
  CLI_TEST_TIMEOUT_MS,
  type CliOptions,
  jsonOf,
  REPO_ROOT,
  runCli,
  temporaryDirectory,
} from './support/cli.ts'

/** Two requests per two seconds: a pull of two files has to wait. */
const TIGHT_LIMIT = { name: 'per-token', limit: 2, windowMs: 2_000 }

let server: TestServer
/** A new key: each has its own rate-limit budget. */
let newKey: () => Promise<string>
let temp: Awaited<ReturnType<typeof temporaryDirectory>>
let notTokencraft: Server
let otherUrl: string

const withKey = async (url: string): Promise<CliOptions> => ({
  cwd: temp.dir,
  env: { HOME: temp.dir, TOKENCRAFT_TOKEN: await newKey(), TOKENCRAFT_URL: url },
})

beforeAll(async () => {
  temp = await temporaryDirectory('failures')
  server = await startTestServer({
    context: {
      rateLimits: createRateLimits(undefined, { ...DEFAULT_POLICIES, token: TIGHT_LIMIT }),
    },
  })
  const user = await userKey(server.prisma, 'ci@example.com')
  newKey = async () => (await userKey(server.prisma, 'ci@example.com')).key
  const workspace = await server.prisma.workspace.create({
    data: { name: 'Personal', memberships: { create: { userId: user.userId, role: 'owner' } } },
  })
  await server.prisma.tokenset.create({
    data: {
      workspaceId: workspace.id,
      name: 'Brand',
      modes: { create: [{ name: 'Light', isDefault: true }] },
    },
  })
  // a web server of another kind: HTML for everything, as a reverse proxy's default site answers
  notTokencraft = createServer((_req, res) => {
    res.writeHead(404, { 'Content-Type': 'text/html' })
    res.end('<h1>Not Found</h1>')
  }).listen(0, '127.0.0.1')
  await once(notTokencraft, 'listening')
  otherUrl = `http://127.0.0.1:${(notTokencraft.address() as AddressInfo).port}`
}, 60_000)

afterAll(async () => {
  notTokencraft?.close()
  await server?.close()
  await temp?.remove()
})

describe('rate limits', { timeout: CLI_TEST_TIMEOUT_MS }, () => {
  it('waits as Retry-After says, then goes on', async () => {
    await writeFile(
      join(temp.dir, 'tokencraft.config.json'),
      JSON.stringify({
        tokensets: [
          {
            tokenset: 'Brand',
            outputs: [
              { format: 'css', file: 'a.css' },
              { format: 'json', mode: 'Light', file: 'b.json' },
            ],
          },
        ],
      }),
    )
    // workspaces, tokensets, two exports: four requests against two per two seconds
    const result = await runCli(['pull'], await withKey(server.url))
    expect(result.stderr).toMatch(
      /the server limits requests \(HTTP 429\): waiting [12] s before trying again/,
    )
    expect(result.code).toBe(0)
    expect(result.stdout).toContain('2 written, 0 unchanged.')
  })
})

describe('the wrong server', { timeout: CLI_TEST_TIMEOUT_MS }, () => {
  it('says when the server is not Tokencraft (exit 6)', async () => {
    const result = await runCli(['ls', '--json'], await withKey(otherUrl))
    expect(result.code).toBe(6)
    expect(jsonOf(result)).toEqual({
      error: {
        code: 'not_tokencraft',
        message: `${otherUrl} does not look like a Tokencraft server (GET /api/v1/workspaces answered HTTP 404 text/html); check --server or TOKENCRAFT_URL`,
        exit_code: 6,
      },
    })
  })

  it('says so at login too, before any browser opens', async () => {
    const result = await runCli(['login', '--server', otherUrl, '--no-browser'], {
      env: { HOME: temp.dir, TOKENCRAFT_CONFIG_DIR: join(temp.dir, 'config') },
    })
    expect(result.code).toBe(6)
    expect(result.stderr).toContain(
      `no OAuth server metadata at ${otherUrl}/.well-known/oauth-authorization-server: HTTP 404`,
    )
  })

  it('says when nothing answers (exit 6)', async () => {
    const closed = `http://127.0.0.1:${await freePort()}`
    const result = await runCli(['ls'], await withKey(closed))
    expect(result.code).toBe(6)
    expect(result.stderr).toBe(
      `tokencraft: cannot reach ${closed}: the connection was refused (is the server running, and is the port right?)\n`,
    )
  })

  it('refuses a login to an address the server does not call its own', async () => {
    const result = await runCli(
      ['login', '--server', server.url.replace('127.0.0.1', 'localhost'), '--no-browser'],
      { env: { HOME: temp.dir, TOKENCRAFT_CONFIG_DIR: join(temp.dir, 'config') } },
    )
    expect(result.code).toBe(2)
    expect(result.stderr).toContain(`use --server ${server.url}`)
  })
})

describe('the binary', { timeout: CLI_TEST_TIMEOUT_MS }, () => {
  it('runs as npx tokencraft from the repository', async () => {
    const result = await runCli(['--help'], {
      command: ['npx', 'tokencraft'],
      cwd: join(REPO_ROOT, 'apps/server'),
      env: { HOME: process.env.HOME ?? temp.dir },
    })
    expect(result.code).toBe(0)
    expect(result.stdout).toMatch(/^Usage: tokencraft COMMAND \[options\]/)
  })
})

describe('bad input', { timeout: CLI_TEST_TIMEOUT_MS }, () => {
  it('names the field of an invalid config file (exit 2)', async () => {
    const dir = join(temp.dir, 'bad-config')
    await mkdir(dir)
    await writeFile(
      join(dir, 'tokencraft.config.json'),
      JSON.stringify({
        tokensets: [
          {
            tokenset: 'Brand',
            outputs: [
              { format: 'scss', file: 'a.scss' },
              { format: 'css', file: 'x.css', mdoe: 'Light' },
            ],
          },
        ],
      }),
    )
    const result = await runCli(['pull'], { ...(await withKey(server.url)), cwd: dir })
    expect(result.code).toBe(2)
    expect(result.stderr).toContain('is not a valid config:')
    expect(result.stderr).toContain(
      'tokensets[0].outputs[0].format: Invalid option: expected one of "json"|"css"|"ios"|"android"',
    )
    expect(result.stderr).toContain('tokensets[0].outputs[1]: Unrecognized key: "mdoe"')
  })

  it('refuses unknown commands and options, and a key without a server (exit 2)', async () => {
    expect((await runCli(['pul'])).code).toBe(2)
    expect((await runCli(['pull', '--chek'])).stderr).toContain("Unknown option '--chek'")
    const noServer = await runCli(['ls'], {
      env: { HOME: temp.dir, TOKENCRAFT_TOKEN: await newKey() },
    })
    expect(noServer.code).toBe(2)
    expect(noServer.stderr).toContain('TOKENCRAFT_TOKEN is set: name the server')
  })

  it('push refuses a file that is not a JSON object before calling the server', async () => {
    await writeFile(join(temp.dir, 'list.json'), '[1, 2]')
    const result = await runCli(
      ['push', 'list.json', '--tokenset', 'Brand', '--mode', 'Light'],
      await withKey(otherUrl),
    )
    expect(result.code).toBe(2)
    expect(result.stderr).toContain('list.json must hold a JSON object')
  })

  it('push says which file it cannot read (exit 7)', async () => {
    const result = await runCli(
      ['push', 'missing.json', '--tokenset', 'Brand', '--mode', 'Light'],
      await withKey(otherUrl),
    )
    expect(result.code).toBe(7)
    expect(result.stderr).toBe(`tokencraft: cannot read missing.json: ENOENT\n`)
  })

  it('push reports what the server refused, and that nothing changed (exit 5)', async () => {
    await writeFile(join(temp.dir, 'bad.json'), '{"a": {"$type": "color", "$value": "blue-ish"}}')
    const result = await runCli(
      ['push', 'bad.json', '--tokenset', 'Brand', '--mode', 'Light'],
      await withKey(server.url),
    )
    expect(result.code).toBe(5)
    expect(result.stderr).toMatch(/nothing (was )?changed/)
  })
})
