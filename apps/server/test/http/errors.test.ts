/**
 * The one way errors become answers (src/http/errors.tsx), through the application main.ts
 * builds plus routes that fail the ways features can: as JSON under /api/, as RFC 6749 bodies
 * under /api/oauth/, as a page elsewhere, and as MCP results. A defect answers a generic
 * message naming a request id; its details are in the log under that id, and only there.
 */
import Router from '@koa/router'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../../src/app.ts'
import { DomainError, type DomainErrorKind } from '../../src/domain/errors.ts'
import { knownAnswer, resourceFailure, toolFailure } from '../../src/http/errors.tsx'
import { type Listening, listen } from '../../src/http/listen.ts'
import { OAuthError } from '../../src/oauth/errors.ts'
import { capturingLogger, LEVEL } from '../support/log-lines.ts'
import { startTestServer, type TestServer } from '../support/server.ts'

const SECRET = 'secret internal detail at /srv/app/src/thing.ts:12'
const REQUEST_ID = /\(request id ([0-9a-f-]{36})\)$/

const log = capturingLogger()
let server: TestServer
let app: Listening
let url: string

beforeAll(async () => {
  server = await startTestServer({ context: { logger: log.logger } })
  const koa = createApp(server.ctx)
  const failing = new Router()
  for (const prefix of ['/api/v1', '/api/oauth/test', '/web']) {
    failing.get(`${prefix}/crash`, () => {
      throw new Error(SECRET)
    })
    failing.get(`${prefix}/bad`, (ctx) => ctx.throw(400, 'name is required'))
    failing.get(`${prefix}/markup`, (ctx) => ctx.throw(400, '<script>alert(1)</script>'))
    failing.get(`${prefix}/denied`, (ctx) =>
      ctx.throw(401, 'missing bearer token', { headers: { 'WWW-Authenticate': 'Bearer' } }),
    )
    failing.get(`${prefix}/conflict`, () => {
      throw new DomainError('conflict', 'that name is taken')
    })
    failing.get(`${prefix}/oauth`, () => {
      throw new OAuthError('invalid_client', 'the client secret is wrong')
    })
    failing.get(`${prefix}/nul`, async (ctx) => {
      ctx.body = await server.prisma.user.findUnique({ where: { id: 'a\u0000b' } })
    })
  }
  koa.use(failing.routes())
  app = await listen(koa.callback(), 0, '127.0.0.1')
  url = `http://127.0.0.1:${app.port}`
})
afterAll(async () => {
  await app?.close()
  await server?.close()
})

const errorLines = () => log.lines.filter((line) => line.level >= LEVEL.error)

/** The request id an answer names, and the one log line that carries it. */
function loggedUnder(message: string) {
  const id = REQUEST_ID.exec(message)?.[1]
  expect(id, message).toBeDefined()
  const lines = errorLines().filter((line) => line.requestId === id)
  expect(lines).toHaveLength(1)
  return lines[0] as unknown as { msg: string; err: { message: string; stack: string } }
}

describe('a defect', () => {
  it('answers JSON under /api/ with a generic message and a request id; details only in the log', async () => {
    const response = await fetch(`${url}/api/v1/crash`)
    expect(response.status).toBe(500)
    expect(response.headers.get('content-type')).toContain('application/json')
    const body = (await response.json()) as { error: string }
    expect(body.error).toMatch(/^Internal Server Error \(request id [0-9a-f-]{36}\)$/)
    const line = loggedUnder(body.error)
    expect(line.msg).toBe('request failed')
    expect(line.err.message).toBe(SECRET)
    expect(line.err.stack).toContain('errors.test.ts')
  })

  it('answers the OAuth endpoints with server_error (RFC 6749 §5.2), never cached', async () => {
    const response = await fetch(`${url}/api/oauth/test/crash`)
    expect(response.status).toBe(500)
    expect(response.headers.get('cache-control')).toBe('no-store')
    const body = (await response.json()) as { error: string; error_description: string }
    expect(body.error).toBe('server_error')
    expect(loggedUnder(body.error_description).err.message).toBe(SECRET)
  })

  it('answers a page elsewhere, in the site layout', async () => {
    const response = await fetch(`${url}/web/crash`)
    expect(response.status).toBe(500)
    expect(response.headers.get('content-type')).toContain('text/html')
    const page = await response.text()
    expect(page).toContain('<title>500 Internal Server Error · Tokencraft</title>')
    expect(page).not.toMatch(/secret|thing\.ts|at /)
    const message = /Internal Server Error \(request id [0-9a-f-]{36}\)/.exec(page)?.[0] ?? ''
    expect(loggedUnder(message).err.message).toBe(SECRET)
  })
})

describe('a refusal', () => {
  it('keeps the message, status and headers of a deliberate client error, in each form', async () => {
    const bad = await fetch(`${url}/api/v1/bad`)
    expect(bad.status).toBe(400)
    expect(await bad.json()).toEqual({ error: 'name is required' })

    const denied = await fetch(`${url}/api/v1/denied`)
    expect(denied.status).toBe(401)
    expect(denied.headers.get('www-authenticate')).toBe('Bearer')
    expect(await denied.json()).toEqual({ error: 'missing bearer token' })

    const oauth = await fetch(`${url}/api/oauth/test/bad`)
    expect(oauth.status).toBe(400)
    expect(await oauth.json()).toEqual({
      error: 'invalid_request',
      error_description: 'name is required',
    })

    const page = await fetch(`${url}/web/bad`)
    expect(page.status).toBe(400)
    expect(await page.text()).toContain('<p class="error" role="alert">name is required</p>')
  })

  it('answers a domain refusal with its status and message', async () => {
    const response = await fetch(`${url}/api/v1/conflict`)
    expect(response.status).toBe(409)
    expect(await response.json()).toEqual({ error: 'that name is taken' })
  })

  it('answers an OAuthError with its RFC 6749 §5.2 body, and a Basic challenge after Basic', async () => {
    const plain = await fetch(`${url}/api/oauth/test/oauth`)
    expect(plain.status).toBe(401)
    expect(plain.headers.get('www-authenticate')).toBeNull()
    expect(await plain.json()).toEqual({
      error: 'invalid_client',
      error_description: 'the client secret is wrong',
    })
    const basic = await fetch(`${url}/api/oauth/test/oauth`, {
      headers: { Authorization: `Basic ${btoa('client:wrong')}` },
    })
    expect(basic.status).toBe(401)
    expect(basic.headers.get('www-authenticate')).toBe(
      'Basic realm="Tokencraft OAuth", charset="UTF-8"',
    )
  })

  it('refuses text the database cannot store as the client’s error, without its words', async () => {
    const before = errorLines().length
    const api = await fetch(`${url}/api/v1/nul`)
    expect(api.status).toBe(422)
    expect(await api.json()).toEqual({ error: 'Text cannot contain the NUL character (\\u0000).' })
    const page = await fetch(`${url}/web/nul`)
    expect(page.status).toBe(422)
    expect(await page.text()).not.toMatch(/prisma|invocation|22021|byte sequence/i)
    expect(errorLines()).toHaveLength(before)
  })

  it('answers unknown routes with 404 in each form', async () => {
    const api = await fetch(`${url}/api/nothing-here`)
    expect(api.status).toBe(404)
    expect(await api.json()).toEqual({ error: 'Not found' })
    const page = await fetch(`${url}/nothing-here`)
    expect(page.status).toBe(404)
    expect(await page.text()).toContain('<title>404 Not Found · Tokencraft</title>')
  })

  it('escapes the message a page repeats', async () => {
    const page = await (await fetch(`${url}/web/markup`)).text()
    expect(page).toContain('&lt;script>alert(1)&lt;/script>')
    expect(page).not.toContain('<script>')
  })
})

describe('the mapping', () => {
  it('gives each domain refusal its status', () => {
    const statuses: Record<DomainErrorKind, number> = {
      not_found: 404,
      insufficient_scope: 403,
      forbidden: 403,
      invalid: 422,
      conflict: 409,
    }
    for (const [kind, status] of Object.entries(statuses)) {
      expect(knownAnswer(new DomainError(kind as DomainErrorKind, 'x'))?.status, kind).toBe(status)
    }
  })

  it('names the missing scope of insufficient_scope in the challenge (RFC 6750 §3.1)', () => {
    const answer = knownAnswer(new DomainError('insufficient_scope', 'x', 'write:tokens'))
    expect(answer?.headers).toEqual({
      'WWW-Authenticate': 'Bearer error="insufficient_scope", scope="write:tokens"',
    })
  })

  it('shows a 4xx not made to be shown by its status only', () => {
    const unreadable = Object.assign(new SyntaxError('Unexpected token } in JSON at 7'), {
      status: 400,
    })
    expect(knownAnswer(unreadable)).toEqual({ status: 400, message: 'Bad Request', headers: {} })
  })

  it('does not take a defect for a refusal', () => {
    expect(knownAnswer(new Error(SECRET))).toBeUndefined()
    expect(knownAnswer(Object.assign(new Error(SECRET), { status: 503 }))).toBeUndefined()
  })
})

describe('MCP results', () => {
  it('makes a refusal an isError tool result and a defect an internal error naming a request id', () => {
    expect(toolFailure(new DomainError('forbidden', 'ask an owner'), log.logger, {})).toEqual({
      content: [{ type: 'text', text: 'ask an owner' }],
      isError: true,
    })
    let thrown: { code?: number; message: string } = { message: '' }
    try {
      toolFailure(new Error(SECRET), log.logger, { tool: 'get_token' })
    } catch (error) {
      thrown = error as typeof thrown
    }
    expect(thrown.code).toBe(-32603)
    expect(thrown.message).not.toContain('secret')
    const line = loggedUnder(thrown.message) as unknown as { tool?: string }
    expect(line.tool).toBe('get_token')
  })

  it('makes a resource refusal a JSON-RPC error: -32002 for not found', () => {
    const code = (error: unknown) => resourceFailure(error, log.logger, {}).code
    expect(code(new DomainError('not_found', 'x'))).toBe(-32002)
    expect(code(new DomainError('invalid', 'x'))).toBe(-32600)
    expect(code(new Error(SECRET))).toBe(-32603)
    expect(resourceFailure(new Error(SECRET), log.logger, {}).message).not.toContain('secret')
  })
})
