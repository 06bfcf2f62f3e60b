import type { JsonObject, SourceToken } from '@tokencraft/tokens'

export type Workspace = { id: string; name: string; role?: string }
export type TokensetSummary = {
  id: string
  name: string
  description?: string | null
  token_count?: number
}
export type Mode = { id: string; name: string; is_default: boolean }

/** A REST v1 failure, with the server's `{"error": "…"}` message. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message)
  }
}

/** A list the server returns either bare or under its name (`{"tokensets": [...]}`). */
function listOf<T>(body: unknown, key: string): T[] {
  if (Array.isArray(body)) return body as T[]
  const value = (body as Record<string, unknown> | null)?.[key]
  if (Array.isArray(value)) return value as T[]
  throw new ApiError(502, `The server's answer has no ${key} list.`)
}

/**
 * The REST v1 routes the plugin uses (spec §7), with the signed-in user's bearer token.
 * `onUnauthorized` lets the UI return to the sign-in screen when the token was revoked.
 */
export class TokencraftApi {
  constructor(
    readonly serverUrl: string,
    private readonly token: string,
    private readonly fetchFn: typeof fetch = (...args) => fetch(...args),
  ) {}

  private async request(method: string, path: string, body?: unknown): Promise<unknown> {
    let response: Response
    try {
      response = await this.fetchFn(`${this.serverUrl}/api/v1${path}`, {
        method,
        headers: {
          Authorization: `Bearer ${this.token}`,
          Accept: 'application/json',
          ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      })
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

  async workspaces(): Promise<Workspace[]> {
    return listOf(await this.request('GET', '/workspaces'), 'workspaces')
  }

  async tokensets(workspaceId: string): Promise<TokensetSummary[]> {
    return listOf(
      await this.request('GET', `/workspaces/${encodeURIComponent(workspaceId)}/tokensets`),
      'tokensets',
    )
  }

  async modes(tokensetId: string): Promise<Mode[]> {
    return listOf(
      await this.request('GET', `/tokensets/${encodeURIComponent(tokensetId)}/modes`),
      'modes',
    )
  }

  /** Every token with its value per mode name, following `next_cursor` pages if any. */
  async tokens(tokensetId: string): Promise<SourceToken[]> {
    const all: SourceToken[] = []
    let cursor: string | undefined
    do {
      const query = cursor ? `?cursor=${encodeURIComponent(cursor)}` : ''
      const body = await this.request(
        'GET',
        `/tokensets/${encodeURIComponent(tokensetId)}/tokens${query}`,
      )
      all.push(...listOf<SourceToken>(body, 'tokens'))
      const next = (body as { next_cursor?: unknown } | null)?.next_cursor
      cursor = typeof next === 'string' && next ? next : undefined
    } while (cursor)
    return all
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
