/**
 * The server as deployed: `main.ts` as a process, configured by nothing but its environment.
 * What the README promises of it: PORT 3000 and ./.data when unset; REDIS_URL makes processes
 * share their rate-limit counters; a `?pgbouncer=true` URL is served; SIGTERM lets a request
 * in flight finish (and refuses new connections) before the process exits.
 */
import { existsSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { request } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sha256Hex } from '../../src/auth/secrets.ts'
import { type Database, openDatabase } from '../../src/db/database.ts'
import { userKey } from '../support/fixtures.ts'
import {
  createPostgresDatabase,
  describeWithPostgres,
  type PostgresDatabase,
} from '../support/postgres.ts'
import { freePort, type ServerProcess, spawnServer, stopServer } from '../support/server-process.ts'

const REDIS_URL = process.env.TEST_REDIS_URL || undefined

describe('started with an empty environment', { timeout: 120_000 }, () => {
  let cwd: string
  beforeAll(async () => {
    cwd = await mkdtemp(join(tmpdir(), 'tokencraft-cwd-'))
  })
  afterAll(() => rm(cwd, { recursive: true, force: true }))

  it('opens the embedded database in ./.data and listens on 127.0.0.1:3000', async () => {
    // Port 3000 may be taken on this machine; either way the process names the port it chose.
    const server = spawnServer({}, cwd)
    try {
      const outcome = await Promise.race([
        server.ready.then((url) => ({ url })),
        server.exited.then((code) => ({ code })),
      ])
      if ('url' in outcome) {
        expect(outcome.url).toBe('http://localhost:3000')
        expect((await fetch('http://127.0.0.1:3000/healthz')).status).toBe(200)
      } else {
        expect(outcome.code).toBe(1)
        expect(server.stderr().trim()).toBe(
          'tokencraft: cannot listen on 127.0.0.1:3000: listen EADDRINUSE: address already in use 127.0.0.1:3000',
        )
      }
      expect(existsSync(join(cwd, '.data', 'PG_VERSION'))).toBe(true)
    } finally {
      await stopServer(server)
    }
  })
})

/** An MCP tools/call whose body arrives in two parts, the second only when `finish` is called. */
function slowMcpCall(port: number, token: string, call: unknown) {
  const body = Buffer.from(JSON.stringify(call))
  const req = request({
    host: '127.0.0.1',
    port,
    path: '/api/mcp',
    method: 'POST',
    headers: {
      Authorization: `Bearer ${token}`,
      'Content-Type': 'application/json',
      Accept: 'application/json, text/event-stream',
      'MCP-Protocol-Version': '2025-06-18',
      'Content-Length': String(body.length),
    },
  })
  const answer = new Promise<{ status: number; body: string }>((resolve, reject) => {
    req.on('response', (res) => {
      let text = ''
      res.setEncoding('utf8').on('data', (chunk: string) => {
        text += chunk
      })
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }))
      res.on('error', reject)
    })
    req.on('error', reject)
  })
  req.write(body.subarray(0, 10))
  return {
    answer,
    finish: () => req.end(body.subarray(10)),
  }
}

async function until(condition: () => Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 30_000
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

describeWithPostgres('processes on one PostgreSQL', () => {
  let database: PostgresDatabase
  let db: Database
  beforeAll(async () => {
    database = await createPostgresDatabase()
    db = await openDatabase({ databaseUrl: database.url })
  })
  afterAll(async () => {
    await db?.close()
    await database?.drop()
  })

  const mcpPing = (port: number, token: string) =>
    fetch(`http://127.0.0.1:${port}/api/mcp`, {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${token}`,
        'Content-Type': 'application/json',
        Accept: 'application/json, text/event-stream',
        'MCP-Protocol-Version': '2025-06-18',
      },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'ping' }),
    })

  it.skipIf(!REDIS_URL)(
    'share one per-token budget through REDIS_URL, one of them on a ?pgbouncer=true URL [needs TEST_REDIS_URL]',
    { timeout: 180_000 },
    async () => {
      const ports = [await freePort(), await freePort()] as const
      const pooled = new URL(database.url)
      pooled.searchParams.set('pgbouncer', 'true')
      const first = spawnServer({
        PORT: String(ports[0]),
        DATABASE_URL: database.url,
        REDIS_URL: REDIS_URL as string,
      })
      let second: ServerProcess | undefined
      try {
        await first.ready // migrations done before the second starts
        second = spawnServer({
          PORT: String(ports[1]),
          DATABASE_URL: pooled.href,
          REDIS_URL: REDIS_URL as string,
        })
        await second.ready
        const { key } = await userKey(db.prisma, 'shared-budget@example.com')
        const one = await mcpPing(ports[0], key)
        const two = await mcpPing(ports[1], key)
        expect([one.status, two.status]).toEqual([200, 200])
        // counted in Redis: the second process sees the first one's request
        expect(one.headers.get('x-ratelimit-remaining')).toBe('99')
        expect(two.headers.get('x-ratelimit-remaining')).toBe('98')
      } finally {
        if (second) await stopServer(second)
        await stopServer(first)
      }
    },
  )

  it('finish a request in flight on SIGTERM, refuse new connections, then exit 0', {
    timeout: 180_000,
  }, async () => {
    const port = await freePort()
    const server = spawnServer({ PORT: String(port), DATABASE_URL: database.url })
    try {
      await server.ready
      const { key } = await userKey(db.prisma, 'drain@example.com')
      const tokenHash = sha256Hex(key)
      const call = slowMcpCall(port, key, {
        jsonrpc: '2.0',
        id: 7,
        method: 'tools/call',
        params: { name: 'create_workspace', arguments: { name: 'Written while stopping' } },
      })
      // the bearer check writes last_used_at before the body is read: the request is in flight
      await until(
        async () =>
          (await db.prisma.apiToken.findUniqueOrThrow({ where: { tokenHash } })).lastUsedAt !==
          null,
        'the request to reach the server',
      )

      server.child.kill('SIGTERM')
      await until(
        async () => server.stdout().includes('shutting down'),
        'the process to start shutting down',
      )
      await expect(fetch(`http://127.0.0.1:${port}/healthz`)).rejects.toThrow()

      call.finish()
      const answer = await call.answer
      expect(answer.status).toBe(200)
      const message = JSON.parse(answer.body) as { result: { isError?: boolean } }
      expect(message.result.isError ?? false).toBe(false)
      expect(await server.exited).toBe(0)
      expect(await db.prisma.workspace.count({ where: { name: 'Written while stopping' } })).toBe(1)
    } finally {
      await stopServer(server)
    }
  })
})
