/**
 * One POST of the Streamable HTTP transport in stateless mode with JSON responses (MCP
 * 2025-06-18, Transports §"Sending Messages to the Server"), as the SDK's
 * `StreamableHTTPServerTransport` answers with `enableJsonResponse`, but straight on Node's
 * request and response: the SDK's Node transport converts each request and response to Web
 * `Request`/`Response` objects and streams, which cost more than the rest of a cached read.
 * The SDK's `Server` still does all of JSON-RPC dispatch through the public `Transport` API.
 */
import type { Transport, TransportSendOptions } from '@modelcontextprotocol/sdk/shared/transport.js'
import {
  isInitializeRequest,
  type JSONRPCMessage,
  JSONRPCMessageSchema,
  type MessageExtraInfo,
  type RequestId,
  SUPPORTED_PROTOCOL_VERSIONS,
} from '@modelcontextprotocol/sdk/types.js'

/** The SDK transport's limit on messages in one batch. */
const MAX_BATCH_SIZE = 100

/** What to answer over HTTP: a status and a JSON body, or no body (202). */
export type McpHttpAnswer = { status: number; body?: unknown }

const httpError = (status: number, code: number, message: string): McpHttpAnswer => ({
  status,
  body: { jsonrpc: '2.0', error: { code, message }, id: null },
})

export type McpPost = {
  /** The `Accept` header: must list both `application/json` and `text/event-stream`. */
  accept: string | undefined
  /** Whether the body was sent as `application/json` (the SDK's own media type check). */
  isJson: boolean
  protocolVersion: string | undefined
  body: unknown
}

/**
 * Checks a POST as the SDK transport does, in the same order and with the same statuses and
 * JSON-RPC error codes; the messages to dispatch, or the answer that refuses them.
 */
export function readMcpPost(post: McpPost): JSONRPCMessage[] | McpHttpAnswer {
  // Transports §"Sending Messages to the Server": the client accepts both kinds of answer
  if (!post.accept?.includes('application/json') || !post.accept.includes('text/event-stream')) {
    return httpError(
      406,
      -32000,
      'Not Acceptable: Client must accept both application/json and text/event-stream',
    )
  }
  if (!post.isJson) {
    return httpError(415, -32000, 'Unsupported Media Type: Content-Type must be application/json')
  }
  const raw = Array.isArray(post.body) ? post.body : [post.body]
  if (raw.length > MAX_BATCH_SIZE) {
    return httpError(
      400,
      -32600,
      `Invalid Request: Batch must not exceed ${MAX_BATCH_SIZE} messages`,
    )
  }
  const messages: JSONRPCMessage[] = []
  for (const item of raw) {
    const parsed = JSONRPCMessageSchema.safeParse(item)
    if (!parsed.success) return httpError(400, -32700, 'Parse error: Invalid JSON-RPC message')
    messages.push(parsed.data)
  }
  if (messages.some(isInitializeRequest)) {
    if (messages.length > 1) {
      return httpError(400, -32600, 'Invalid Request: Only one initialization request is allowed')
    }
  } else if (
    // Transports §"Protocol Version Header": an unsupported version is a 400
    post.protocolVersion !== undefined &&
    !SUPPORTED_PROTOCOL_VERSIONS.includes(post.protocolVersion)
  ) {
    return httpError(
      400,
      -32000,
      `Bad Request: Unsupported protocol version: ${post.protocolVersion} (supported versions: ${SUPPORTED_PROTOCOL_VERSIONS.join(', ')})`,
    )
  }
  return messages
}

/**
 * Carries one POST's messages to a `Server` and collects its answers. `answer` resolves with
 * 202 and no body when the POST held no request, else with every request's response (a single
 * object for a single request, an array for a batch) once the last one is sent.
 */
export class JsonResponseTransport implements Transport {
  onclose?: () => void
  onerror?: (error: Error) => void
  onmessage?: (message: JSONRPCMessage, extra?: MessageExtraInfo) => void

  readonly #responses = new Map<RequestId, JSONRPCMessage | undefined>()
  #settle: (answer: McpHttpAnswer) => void = () => {}
  readonly answer = new Promise<McpHttpAnswer>((resolve) => {
    this.#settle = resolve
  })
  #closed = false

  async start(): Promise<void> {}

  /** Hands the messages to the server (after `server.connect(this)`). */
  dispatch(messages: readonly JSONRPCMessage[], extra: MessageExtraInfo): void {
    for (const message of messages) {
      // validated by readMcpPost: of its kinds, only a request has both a method and an id
      if ('method' in message && 'id' in message) this.#responses.set(message.id, undefined)
    }
    const expectsAnswers = this.#responses.size > 0
    for (const message of messages) this.onmessage?.(message, extra)
    if (!expectsAnswers) this.#settle({ status: 202 })
  }

  async send(message: JSONRPCMessage, _options?: TransportSendOptions): Promise<void> {
    // Notifications and server-to-client requests have no stream to travel on in JSON mode
    const id = 'method' in message || !('id' in message) ? undefined : message.id
    if (id === undefined || !this.#responses.has(id)) return
    this.#responses.set(id, message)
    const answers = [...this.#responses.values()]
    if (answers.some((answer) => answer === undefined)) return
    this.#settle({ status: 200, body: answers.length === 1 ? answers[0] : answers })
  }

  /**
   * Ends the exchange: the server aborts what it still runs for this POST, and `answer`
   * settles (499, nginx's "client closed request") if nothing was answered yet, so that the
   * request's handler does not wait for responses an aborted server will never send.
   */
  async close(): Promise<void> {
    if (this.#closed) return
    this.#closed = true
    this.onclose?.()
    this.#settle({ status: 499 })
  }
}
