/**
 * /api/mcp at the HTTP level, as a client without the SDK sees it: the Streamable HTTP checks
 * (406, 415, 400), 202 for notifications, batches, and tool answers whose text content is the
 * same JSON as their structuredContent, also when the page comes from the read cache.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createToken } from '../../src/domain/tokens.ts'
import { createTokenset } from '../../src/domain/tokensets.ts'
import { createWorkspace } from '../../src/domain/workspaces.ts'
import { userKey } from '../support/fixtures.ts'
import { startTestServer, type TestServer } from '../support/server.ts'

let server: TestServer
let token: string
let tokensetId: string

beforeAll(async () => {
  server = await startTestServer()
  const owner = await userKey(server.prisma, 'endpoint@example.com')
  const caller = owner.caller
  token = owner.key
  const workspace = await createWorkspace(server.prisma, caller, { name: 'Endpoint' })
  const set = await createTokenset(server.prisma, caller, {
    workspace_id: workspace.id,
    name: 'Set',
  })
  tokensetId = set.id
  await createToken(server.prisma, caller, {
    tokenset_id: set.id,
    name: 'size.s',
    type: 'dimension',
    values: { Base: { value: 4, unit: 'px' } },
  })
})
afterAll(() => server.close())

function post(body: unknown, headers: Record<string, string> = {}) {
  return fetch(`${server.url}/api/mcp`, {
    method: 'POST',
    headers: {
      Authorization: `Bearer ${token}`,
      'Content-Type': 'application/json',
      Accept: 'application/json, text/event-stream',
      'MCP-Protocol-Version': '2025-06-18',
      ...headers,
    },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  })
}

const listTokens = (id: number) => ({
  jsonrpc: '2.0',
  id,
  method: 'tools/call',
  params: { name: 'list_tokens', arguments: { tokenset_id: tokensetId } },
})

describe('/api/mcp over plain HTTP', () => {
  it('refuses a client that does not accept event streams (406) or sends no JSON (415)', async () => {
    const notAccepting = await post(listTokens(1), { Accept: 'application/json' })
    expect(notAccepting.status).toBe(406)
    expect((await notAccepting.json()).error.code).toBe(-32000)
    const notJson = await post('ping', { 'Content-Type': 'text/plain' })
    expect(notJson.status).toBe(415)
    const nothing = await fetch(`${server.url}/api/mcp`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, Accept: 'application/json, text/event-stream' },
    })
    expect(nothing.status).toBe(415)
  })

  it('refuses an unsupported protocol version with 400', async () => {
    const answer = await post(listTokens(1), { 'MCP-Protocol-Version': '1999-01-01' })
    expect(answer.status).toBe(400)
    expect((await answer.json()).error.message).toMatch(/Unsupported protocol version/)
  })

  it('answers notifications alone with 202 and no body', async () => {
    const answer = await post({ jsonrpc: '2.0', method: 'notifications/initialized' })
    expect(answer.status).toBe(202)
    expect(await answer.text()).toBe('')
  })

  it('answers a tool call, twice, with text content equal to structuredContent', async () => {
    for (const id of [1, 2]) {
      const answer = await post(listTokens(id))
      expect(answer.status).toBe(200)
      expect(answer.headers.get('content-type')).toMatch(/^application\/json/)
      const message = await answer.json()
      expect(message.id).toBe(id)
      const { content, structuredContent } = message.result
      expect(structuredContent.tokens.map((t: { name: string }) => t.name)).toEqual(['size.s'])
      expect(JSON.parse(content[0].text)).toEqual(structuredContent)
    }
  })

  it('counts each message of a batch against the token’s 100 requests a minute', async () => {
    const { key } = await userKey(server.prisma, 'batch@example.com')
    const send = (body: unknown) => post(body, { Authorization: `Bearer ${key}` })
    const pings = (count: number, from = 0) =>
      Array.from({ length: count }, (_, i) => ({ jsonrpc: '2.0', id: from + i, method: 'ping' }))
    // 60 messages in one POST, then 40 more: the budget of 100 is used up exactly
    const first = await send(pings(60))
    expect(first.status).toBe(200)
    expect(first.headers.get('x-ratelimit-remaining')).toBe('40')
    // a batch larger than what is left is refused whole, and takes nothing
    const tooMany = await send(pings(41, 100))
    expect(tooMany.status).toBe(429)
    const rest = await send(pings(40, 200))
    expect(rest.status).toBe(200)
    expect(rest.headers.get('x-ratelimit-remaining')).toBe('0')
    expect((await send(pings(1, 300)[0])).status).toBe(429)
  })

  it('answers a batch with an array of responses', async () => {
    const answer = await post([listTokens(10), { jsonrpc: '2.0', id: 11, method: 'ping' }])
    const messages = await answer.json()
    expect(messages.map((m: { id: number }) => m.id)).toEqual([10, 11])
    expect(messages[1].result).toEqual({})
  })
})

describe('step-up through /api/mcp (403 insufficient_scope)', () => {
  const call = (id: number, name: string, args: Record<string, unknown>) => ({
    jsonrpc: '2.0',
    id,
    method: 'tools/call',
    params: { name, arguments: args },
  })
  const rename = (id: number) =>
    call(id, 'update_token', { tokenset_id: tokensetId, name: 'size.s', new_name: 'size.renamed' })
  const exportCss = (id: number) =>
    call(id, 'export_tokenset', { tokenset_id: tokensetId, format: 'css' })

  async function postAs(
    scopes: ('read:tokens' | 'write:tokens' | 'export:tokens')[],
    body: unknown,
  ) {
    const { key } = await userKey(server.prisma, 'endpoint@example.com', scopes)
    return fetch(`${server.url}/api/mcp`, {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${key}`,
        'Content-Type': 'application/json',
        Accept: 'application/json, text/event-stream',
        'MCP-Protocol-Version': '2025-06-18',
      },
      body: JSON.stringify(body),
    })
  }

  const challenge = (scope: string, needs: string) =>
    `Bearer error="insufficient_scope", scope="${scope}", resource_metadata="${server.url}/.well-known/oauth-protected-resource/api/mcp", error_description="This call needs ${needs}"`

  it('names every scope a batch needs, the granted ones too, and runs none of it', async () => {
    // the new token replaces this one, so it must carry write:tokens as well as export:tokens
    const answer = await postAs(['read:tokens', 'write:tokens'], [exportCss(1), rename(2)])
    expect(answer.status).toBe(403)
    expect(answer.headers.get('www-authenticate')).toBe(
      challenge('write:tokens export:tokens', 'write:tokens, export:tokens'),
    )
    const names = await server.prisma.token.findMany({
      where: { tokensetId },
      select: { name: true },
    })
    expect(names.map((t) => t.name)).toEqual(['size.s'])
  })

  it('names the one scope a single call needs', async () => {
    const answer = await postAs(['read:tokens'], exportCss(3))
    expect(answer.status).toBe(403)
    expect(answer.headers.get('www-authenticate')).toBe(challenge('export:tokens', 'export:tokens'))
  })

  it('dispatches the batch once the token holds every scope it needs', async () => {
    const answer = await postAs(['read:tokens', 'export:tokens'], [exportCss(4), listTokens(5)])
    expect(answer.status).toBe(200)
    const messages = (await answer.json()) as { id: number; result: { isError?: boolean } }[]
    expect(messages.map((m) => [m.id, m.result.isError ?? false])).toEqual([
      [4, false],
      [5, false],
    ])
  })
})
