/**
 * SIGTERM to the program people run (`npm start`'s process) while clients keep it busy: readers,
 * writers and exports over keep-alive connections, and Figma polls waiting on the server. Every
 * request the server took completes; the rest fail to connect (the listening socket is closed)
 * and were never applied; the process exits 0 well within its shutdown limit. Checked afterwards
 * on the database: every acknowledged write is there, no write whose answer was lost is.
 */

import { once } from 'node:events'
import { mkdtemp, rm } from 'node:fs/promises'
import { Agent, request } from 'node:http'
import { connect } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openDatabase } from '../../src/db/database.ts'
import { GRACE_MS, listen } from '../../src/http/listen.ts'
import { createdToken, signedUp } from '../auth/web-client.ts'
import { freePort, type ServerProcess, spawnServer } from '../support/server-process.ts'

type Outcome = {
  kind: 'read' | 'write' | 'export' | 'poll'
  /** the token a write creates */
  name?: string
  startedAt: number
  endedAt: number
  status?: number
  /** the connection-level failure, when no answer came */
  failure?: string
}

describe('SIGTERM under load', { timeout: 240_000 }, () => {
  let dataDir: string
  let server: ServerProcess
  let base: string
  let key: string
  let web: Awaited<ReturnType<typeof signedUp>>
  let tokensetId: string
  let modeId: string

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'tokencraft-shutdown-'))
    const port = await freePort()
    server = spawnServer({ PORT: String(port), DATA_DIR: dataDir })
    await server.ready
    base = `http://127.0.0.1:${port}`
    web = await signedUp(base, 'load@example.com')
    key = await createdToken(web)
    const workspace = await api('POST', '/workspaces', { name: 'Load' })
    const tokenset = await api('POST', `/workspaces/${workspace.id}/tokensets`, { name: 'Load' })
    tokensetId = tokenset.id
    modeId = tokenset.modes[0].id
    // enough tokens that an export takes a while
    const document: Record<string, unknown> = {}
    for (let i = 0; i < 300; i++) document[`size${i}`] = { $type: 'number', $value: i }
    await api('PUT', `/tokensets/${tokensetId}/modes/${modeId}/document`, { seed: document })
  }, 180_000)
  afterAll(async () => {
    if (server.child.exitCode === null) server.child.kill('SIGKILL')
    await rm(dataDir, { recursive: true, force: true })
  })

  async function api(method: string, path: string, body?: unknown) {
    const response = await fetch(`${base}/api/v1${path}`, {
      method,
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}`)
    return response.json()
  }

  /** Sends one request and records how it ended. */
  async function attempt(kind: Outcome['kind'], send: () => Promise<Response>, name?: string) {
    const startedAt = performance.now()
    try {
      const response = await send()
      await response.arrayBuffer()
      return { kind, name, startedAt, endedAt: performance.now(), status: response.status }
    } catch (error) {
      const cause = (error as { cause?: { code?: string; message?: string } }).cause
      const failure = cause?.code ?? cause?.message ?? String(error)
      return { kind, name, startedAt, endedAt: performance.now(), failure }
    }
  }

  it('completes what it took, refuses the rest cleanly, exits 0 in time', async () => {
    const outcomes: Outcome[] = []
    type Kind = Exclude<Outcome['kind'], 'poll'>
    type Request = (n: number, auth: Record<string, string>) => [() => Promise<Response>, string?]
    const requests: Record<Kind, Request> = {
      read: (_, auth) => [
        () => fetch(`${base}/api/v1/tokensets/${tokensetId}/tokens`, { headers: auth }),
      ],
      export: (_, auth) => [
        () =>
          fetch(`${base}/api/v1/tokensets/${tokensetId}/modes/${modeId}/export?format=css`, {
            headers: auth,
          }),
      ],
      write: (n, auth) => {
        const name = `load.n${n}`
        const send = () =>
          fetch(`${base}/api/v1/tokensets/${tokensetId}/modes/${modeId}/tokens`, {
            method: 'POST',
            headers: auth,
            body: JSON.stringify({ name, type: 'number', value: n }),
          })
        return [send, name]
      },
    }
    let next = 0
    /** A client with a key of its own (100 requests a minute each): requests one after
     * another until one cannot connect. */
    const client = async (kind: Kind) => {
      const auth = {
        authorization: `Bearer ${await createdToken(web)}`,
        'content-type': 'application/json',
      }
      for (;;) {
        const [send, name] = requests[kind](next++, auth)
        const outcome = await attempt(kind, send, name)
        outcomes.push(outcome)
        if (outcome.failure) return
      }
    }
    const clients = (['read', 'read', 'write', 'write', 'write', 'export', 'export'] as const).map(
      client,
    )
    // Figma polls waiting on the server: a shutdown answers them at once instead of cutting them
    const polls = [1, 2].map(() =>
      attempt('poll', () =>
        fetch(`${base}/api/oauth/figma-plugin/poll?state=s${Math.random()}&wait=25`),
      ),
    )

    // under load for a while, then SIGTERM
    while (outcomes.filter((o) => o.status !== undefined).length < 70) {
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
    const sigterm = performance.now()
    server.child.kill('SIGTERM')
    const code = await server.exited
    const exitedAfter = performance.now() - sigterm
    await Promise.all(clients)
    outcomes.push(...(await Promise.all(polls)))

    expect(code).toBe(0)
    expect(exitedAfter).toBeLessThan(GRACE_MS)
    // requests were in flight when SIGTERM came, and they completed
    const inFlight = outcomes.filter((o) => o.startedAt < sigterm && o.endedAt > sigterm)
    expect(inFlight.filter((o) => o.status !== undefined).length).toBeGreaterThan(0)
    // what got no answer failed to connect, or was sent on a kept-alive connection just as the
    // server closed it, idle (RFC 9112 §9.3.1 lets a client retry that)
    const failures = outcomes.filter((o) => o.failure !== undefined)
    expect(
      failures.filter((o) => !['ECONNREFUSED', 'ECONNRESET'].includes(o.failure ?? '')),
    ).toEqual([])
    // every answer is a success: nothing was cut into a 5xx
    const answered = outcomes.filter((o) => o.status !== undefined)
    const expected = { read: 200, export: 200, write: 201, poll: 202 }
    expect(answered.filter((o) => o.status !== expected[o.kind])).toEqual([])
    // the waiting polls were answered when the shutdown began, not after their 25 s
    expect(outcomes.filter((o) => o.kind === 'poll').map((o) => o.status)).toEqual([202, 202])

    const db = await openDatabase({ dataDir })
    try {
      const stored = new Set(
        (await db.prisma.token.findMany({ select: { name: true } })).map((t) => t.name),
      )
      const writes = outcomes.filter((o) => o.kind === 'write')
      // acknowledged writes are there; a write that got no answer was never applied
      expect(writes.filter((o) => o.status === 201 && !stored.has(o.name ?? ''))).toEqual([])
      expect(writes.filter((o) => o.failure && stored.has(o.name ?? ''))).toEqual([])
    } finally {
      await db.close()
    }
  })
})

describe('the connections of a closing server', () => {
  /** One GET on a keep-alive agent: status, Connection header, and when the socket closed. */
  function get(port: number, agent: Agent) {
    return new Promise<{ connection?: string; socketClosed: Promise<void> }>((resolve, reject) => {
      const req = request({ port, host: '127.0.0.1', agent }, (res) => {
        res.resume()
        const socketClosed = new Promise<void>((closed) => res.socket.once('close', () => closed()))
        res.once('end', () => resolve({ connection: res.headers.connection, socketClosed }))
      })
      req.once('error', reject)
      req.end()
    })
  }

  it.each([
    ['not yet answered', false],
    ['answering (headers sent)', true],
  ])(
    'a keep-alive request %s when the close begins ends its connection with its answer',
    async (_, headersFirst) => {
      let arrived: () => void = () => {}
      const inFlight = new Promise<void>((resolve) => {
        arrived = resolve
      })
      let finish: () => void = () => {}
      const finished = new Promise<void>((resolve) => {
        finish = resolve
      })
      const server = await listen(
        async (_req, res) => {
          if (headersFirst) res.writeHead(200).write('part ')
          arrived()
          await finished
          res.end('done')
        },
        0,
        '127.0.0.1',
      )
      // a keep-alive timeout far beyond the test's: only the close can end the connection in time
      server.server.keepAliveTimeout = 600_000
      const agent = new Agent({ keepAlive: true })
      try {
        const answer = get(server.port, agent)
        await inFlight
        // a grace period far beyond the test's too: no connection is cut, each must end by itself
        const closed = server.close(600_000)
        finish()
        const { connection, socketClosed } = await answer
        // told not to send more on it (when the headers were still to be sent), and closed
        if (!headersFirst) expect(connection).toBe('close')
        await socketClosed
        await closed
      } finally {
        agent.destroy()
      }
    },
  )

  it('a request still arriving when the close begins is answered, and its connection ends', async () => {
    const server = await listen((_req, res) => res.end('done'), 0, '127.0.0.1')
    server.server.keepAliveTimeout = 600_000
    const socket = connect(server.port, '127.0.0.1')
    await once(socket, 'connect')
    let received = ''
    socket.setEncoding('utf8').on('data', (chunk: string) => {
      received += chunk
    })
    // half a request on the wire: the connection is busy, not idle, when the close begins
    socket.write('GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n')
    await new Promise((resolve) => setTimeout(resolve, 50))
    const closed = server.close(600_000)
    socket.write('\r\n')
    await once(socket, 'close')
    expect(received).toMatch(/^HTTP\/1\.1 200 OK\r\n/)
    expect(received).toContain('Connection: close')
    await closed
  })
})
