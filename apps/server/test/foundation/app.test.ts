import Router from '@koa/router'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../../src/app.ts'
import { loadConfig } from '../../src/config.ts'
import { createContext } from '../../src/context.ts'
import { openDatabase } from '../../src/db/database.ts'
import { type Listening, listen } from '../../src/http/listen.ts'
import { createLogger } from '../../src/logger.ts'
import { startTestServer, type TestServer } from '../support/server.ts'

describe('error responses', () => {
  let server: TestServer
  let app: Listening
  let url: string
  beforeAll(async () => {
    server = await startTestServer()
    // The application as main.ts builds it, plus routes that fail the ways features can.
    const koa = createApp(server.ctx)
    const failing = new Router()
    for (const prefix of ['/api/v1', '/web']) {
      failing.get(`${prefix}/crash`, () => {
        throw new Error('secret internal detail at /srv/app/src/thing.ts:12')
      })
      failing.get(`${prefix}/bad`, (ctx) => ctx.throw(400, 'name is required'))
      failing.get(`${prefix}/markup`, (ctx) => ctx.throw(400, '<script>alert(1)</script>'))
      failing.get(`${prefix}/denied`, (ctx) =>
        ctx.throw(401, 'missing bearer token', { headers: { 'WWW-Authenticate': 'Bearer' } }),
      )
    }
    koa.use(failing.routes())
    app = await listen(koa.callback(), 0, '127.0.0.1')
    url = `http://127.0.0.1:${app.port}`
  })
  afterAll(async () => {
    await app.close()
    await server.close()
  })

  it('answers a crash under /api/ with a JSON 500 and no detail', async () => {
    const response = await fetch(`${url}/api/v1/crash`)
    expect(response.status).toBe(500)
    expect(response.headers.get('content-type')).toContain('application/json')
    expect(await response.json()).toEqual({ error: 'internal server error' })
  })

  it('answers a crash elsewhere with a plain page and no detail', async () => {
    const response = await fetch(`${url}/web/crash`)
    expect(response.status).toBe(500)
    expect(response.headers.get('content-type')).toContain('text/html')
    const page = await response.text()
    expect(page).toContain('500 Internal Server Error')
    expect(page).not.toMatch(/secret|thing\.ts|at /)
  })

  it('keeps the message, status and headers of a deliberate client error', async () => {
    const bad = await fetch(`${url}/api/v1/bad`)
    expect(bad.status).toBe(400)
    expect(await bad.json()).toEqual({ error: 'name is required' })

    const denied = await fetch(`${url}/api/v1/denied`)
    expect(denied.status).toBe(401)
    expect(denied.headers.get('www-authenticate')).toBe('Bearer')
    expect(await denied.json()).toEqual({ error: 'missing bearer token' })

    const page = await fetch(`${url}/web/bad`)
    expect(page.status).toBe(400)
    expect(await page.text()).toContain('<p>name is required</p>')
  })

  it('answers unknown routes with 404 in the same two forms', async () => {
    const api = await fetch(`${url}/api/nothing-here`)
    expect(api.status).toBe(404)
    expect(await api.json()).toEqual({ error: 'not found' })
    const page = await fetch(`${url}/nothing-here`)
    expect(page.status).toBe(404)
    expect(await page.text()).toContain('404 Not Found')
  })

  it('escapes the message a page repeats', async () => {
    const page = await (await fetch(`${url}/web/markup`)).text()
    expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt;')
    expect(page).not.toContain('<script>')
  })
})

describe('/healthz against an unreachable PostgreSQL', () => {
  it('answers 503', async () => {
    // Nothing listens on port 1: every connection is refused.
    const databaseUrl = 'postgres://postgres@127.0.0.1:1/none'
    const db = await openDatabase({ databaseUrl })
    const config = loadConfig({ DATABASE_URL: databaseUrl })
    const ctx = createContext({ config, db, logger: createLogger('silent') })
    const app = await listen(createApp(ctx).callback(), 0, '127.0.0.1')
    try {
      const response = await fetch(`http://127.0.0.1:${app.port}/healthz`)
      expect(response.status).toBe(503)
      expect(await response.json()).toEqual({ status: 'unavailable' })
    } finally {
      await app.close()
      await db.close()
    }
  })
})

describe('graceful close', () => {
  it('finishes in-flight requests, refuses new ones, then resolves', async () => {
    let release: () => void = () => {}
    const released = new Promise<void>((resolve) => {
      release = resolve
    })
    let arrived: () => void = () => {}
    const inFlight = new Promise<void>((resolve) => {
      arrived = resolve
    })
    const server = await listen(
      async (_req, res) => {
        arrived()
        await released
        res.end('done')
      },
      0,
      '127.0.0.1',
    )
    const url = `http://127.0.0.1:${server.port}/`
    const slow = fetch(url).then((r) => r.text())
    await inFlight

    let closed = false
    const closing = server.close().then(() => {
      closed = true
    })
    await expect(fetch(url)).rejects.toThrow()
    expect(closed).toBe(false)

    release()
    expect(await slow).toBe('done')
    await closing
    expect(closed).toBe(true)
  })
})
