import type { ModeView, TokensetView, TokenView, WorkspaceView } from '@tokencraft/shared'
import { type FlatToken, isTokenType, type JsonObject, type Unsupported } from '@tokencraft/tokens'
import type { AccessTokens } from '../auth/session-tokens.ts'

/** The largest page REST v1 serves: a 5,000-token set is 10 requests of the 100 a minute allowed. */
const PAGE_SIZE = 500

/** A REST v1 failure, with the server's `{"error": "…"}` message. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message)
  }
}

/** The list under `key` in a REST v1 answer (`{"tokensets": [...]}`), as the shared schemas define them. */
function listOf<T>(body: unknown, key: string): T[] {
  const value = (body as Record<string, unknown> | null)?.[key]
  if (Array.isArray(value)) return value as T[]
  throw new ApiError(502, `The server's answer has no ${key} list.`)
}

/** A token as the REST API returns it, in the flat model the Figma mapping reads. */
export function toFlatToken(view: TokenView): FlatToken | null {
  if (!isTokenType(view.type)) return null
  const token: FlatToken = {
    name: view.name,
    type: view.type,
    values: view.values as FlatToken['values'],
  }
  if (view.description) token.description = view.description
  return token
}

/**
 * The REST v1 routes the plugin uses, with the signed-in user's bearer token: an access token
 * the server refuses (401) is renewed once and the request sent again.
 */
export class TokencraftApi {
  constructor(
    readonly serverUrl: string,
    private readonly credentials: AccessTokens,
    private readonly fetchFn: typeof fetch = (...args) => fetch(...args),
  ) {}

  private async request(method: string, path: string, body?: unknown): Promise<unknown> {
    let response: Response
    try {
      const token = await this.credentials.current()
      response = await this.send(method, path, token, body)
      if (response.status === 401) {
        const renewed = await this.credentials.renewAfter(token)
        if (renewed) response = await this.send(method, path, renewed, body)
      }
    } catch {
      throw new ApiError(0, 'Could not reach the Tokencraft server.')
    }
    const json = await response.json().catch(() => null)
    if (!response.ok) {
      const message = (json as { error?: unknown } | null)?.error
      throw new ApiError(
        response.status,
        typeof message === 'string' ? message : `The server answered ${response.status}.`,
      )
    }
    return json
  }

  private send(method: string, path: string, token: string, body: unknown): Promise<Response> {
    return this.fetchFn(`${this.serverUrl}/api/v1${path}`, {
      method,
      headers: {
        Authorization: `Bearer ${token}`,
        Accept: 'application/json',
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    })
  }

  async workspaces(): Promise<WorkspaceView[]> {
    return listOf(await this.request('GET', '/workspaces'), 'workspaces')
  }

  async tokensets(workspaceId: string): Promise<TokensetView[]> {
    return listOf(
      await this.request('GET', `/workspaces/${encodeURIComponent(workspaceId)}/tokensets`),
      'tokensets',
    )
  }

  async modes(tokensetId: string): Promise<ModeView[]> {
    return listOf(
      await this.request('GET', `/tokensets/${encodeURIComponent(tokensetId)}/modes`),
      'modes',
    )
  }

  /**
   * Every token with its value per mode name, following `next_cursor` pages; a token of a type
   * this plugin does not know is listed in `unknown`, not dropped.
   */
  async tokens(tokensetId: string): Promise<{ tokens: FlatToken[]; unknown: Unsupported[] }> {
    const all: FlatToken[] = []
    const unknown: Unsupported[] = []
    let cursor: string | null = null
    do {
      const query = new URLSearchParams({ limit: String(PAGE_SIZE) })
      if (cursor) query.set('cursor', cursor)
      const body = await this.request(
        'GET',
        `/tokensets/${encodeURIComponent(tokensetId)}/tokens?${query}`,
      )
      for (const view of listOf<TokenView>(body, 'tokens')) {
        const token = toFlatToken(view)
        if (token) all.push(token)
        else unknown.push({ tokenName: view.name, reason: `unknown token type ${view.type}` })
      }
      const next = (body as { next_cursor?: unknown }).next_cursor
      cursor = typeof next === 'string' && next !== '' ? next : null
    } while (cursor)
    return { tokens: all, unknown }
  }

  /** The bulk upsert of one mode's DTCG document, all or nothing (needs `write:tokens`). */
  async putDocument(tokensetId: string, modeId: string, document: JsonObject): Promise<unknown> {
    return this.request(
      'PUT',
      `/tokensets/${encodeURIComponent(tokensetId)}/modes/${encodeURIComponent(modeId)}/document`,
      document,
    )
  }
}
