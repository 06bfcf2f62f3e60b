/**
 * The stateless JSON-response transport: the POST checks of the SDK's Streamable HTTP transport
 * (same statuses and JSON-RPC codes), and JSON-RPC through a real SDK `Server` over it.
 */
import { Server } from '@modelcontextprotocol/sdk/server/index.js'
import { ListToolsRequestSchema } from '@modelcontextprotocol/sdk/types.js'
import { describe, expect, it } from 'vitest'
import { JsonResponseTransport, type McpPost, readMcpPost } from '../../src/mcp/json-transport.ts'
import { INITIALIZE_REQUEST } from '../oauth/support.ts'

const ACCEPT = 'application/json, text/event-stream'
const ping = (id: number) => ({ jsonrpc: '2.0', id, method: 'ping' })
const post = (body: unknown, over: Partial<McpPost> = {}): McpPost => ({
  accept: ACCEPT,
  isJson: true,
  protocolVersion: '2025-06-18',
  body,
  ...over,
})
const refusal = (answer: unknown) => answer as { status: number; body: { error: { code: number } } }

describe('readMcpPost', () => {
  it('needs an Accept of both JSON and event streams (406)', () => {
    const answer = refusal(readMcpPost(post(ping(1), { accept: 'application/json' })))
    expect(answer.status).toBe(406)
    expect(answer.body.error.code).toBe(-32000)
  })

  it('needs a JSON body (415)', () => {
    expect(refusal(readMcpPost(post(ping(1), { isJson: false }))).status).toBe(415)
  })

  it('refuses what is not JSON-RPC (400, -32700) and batches over 100 (400, -32600)', () => {
    const invalid = refusal(readMcpPost(post({ hello: 'world' })))
    expect([invalid.status, invalid.body.error.code]).toEqual([400, -32700])
    const tooMany = refusal(readMcpPost(post(Array.from({ length: 101 }, (_, i) => ping(i)))))
    expect([tooMany.status, tooMany.body.error.code]).toEqual([400, -32600])
  })

  it('refuses an unsupported MCP-Protocol-Version, except on initialize', () => {
    const old = refusal(readMcpPost(post(ping(1), { protocolVersion: '1999-01-01' })))
    expect(old.status).toBe(400)
    const initialize = INITIALIZE_REQUEST
    expect(readMcpPost(post(initialize, { protocolVersion: '1999-01-01' }))).toHaveLength(1)
    const twice = refusal(readMcpPost(post([initialize, ping(2)])))
    expect([twice.status, twice.body.error.code]).toEqual([400, -32600])
  })

  it('passes single messages and batches through', () => {
    expect(readMcpPost(post(ping(1)))).toEqual([ping(1)])
    expect(readMcpPost(post([ping(1), ping(2)], { protocolVersion: undefined }))).toHaveLength(2)
  })
})

function serverWithTools() {
  const server = new Server({ name: 't', version: '1' }, { capabilities: { tools: {} } })
  server.setRequestHandler(ListToolsRequestSchema, (_request, extra) => ({
    tools: [{ name: String(extra.authInfo?.clientId), inputSchema: { type: 'object' } }],
  }))
  return server
}

const extra = { authInfo: { token: 't', clientId: 'caller-1', scopes: [] } }

describe('JsonResponseTransport', () => {
  it('answers a single request with one object, carrying the caller to the handler', async () => {
    const transport = new JsonResponseTransport()
    await serverWithTools().connect(transport)
    transport.dispatch([{ jsonrpc: '2.0', id: 7, method: 'tools/list' }], extra)
    const answer = await transport.answer
    expect(answer).toMatchObject({
      status: 200,
      body: { jsonrpc: '2.0', id: 7, result: { tools: [{ name: 'caller-1' }] } },
    })
  })

  it('answers a batch with every response, in request order, once the last is ready', async () => {
    const transport = new JsonResponseTransport()
    await serverWithTools().connect(transport)
    transport.dispatch(
      [
        { jsonrpc: '2.0', id: 'a', method: 'tools/list' },
        { jsonrpc: '2.0', method: 'notifications/initialized' },
        { jsonrpc: '2.0', id: 'b', method: 'no/such/method' },
      ],
      extra,
    )
    const { status, body } = await transport.answer
    expect(status).toBe(200)
    expect(body).toMatchObject([
      { id: 'a', result: { tools: [{ name: 'caller-1' }] } },
      { id: 'b', error: { code: -32601 } },
    ])
  })

  it('answers 202 with no body when the POST holds no request', async () => {
    const transport = new JsonResponseTransport()
    await serverWithTools().connect(transport)
    transport.dispatch([{ jsonrpc: '2.0', method: 'notifications/initialized' }], extra)
    expect(await transport.answer).toEqual({ status: 202 })
  })

  it('aborts what the server still runs when the client hangs up', async () => {
    const server = new Server({ name: 't', version: '1' }, { capabilities: { tools: {} } })
    let aborted = false
    server.setRequestHandler(
      ListToolsRequestSchema,
      (_request, { signal }) =>
        new Promise((resolve) => {
          signal.addEventListener('abort', () => {
            aborted = true
            resolve({ tools: [] })
          })
        }),
    )
    const transport = new JsonResponseTransport()
    await server.connect(transport)
    transport.dispatch([{ jsonrpc: '2.0', id: 1, method: 'tools/list' }], extra)
    await new Promise((resolve) => setImmediate(resolve)) // the handler is running
    await transport.close()
    expect(aborted).toBe(true)
    // nobody waits forever for the answer an aborted server never sends
    expect(await transport.answer).toEqual({ status: 499 })
  })
})
