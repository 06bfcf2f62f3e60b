/**
 * LISTEN for one process on PostgreSQL. A subscription lives on a session, so it takes one
 * dedicated connection (a pooled one would lose it when given back), shared by every channel.
 * A lost connection is opened again after RECONNECT_MS and listens to every channel again;
 * callers keep a slow fallback for what was sent meanwhile.
 */
import pg from 'pg'

const RECONNECT_MS = 1_000

/** Channels are written into LISTEN as identifiers, so only plain lowercase names are taken. */
const CHANNEL = /^[a-z_][a-z0-9_]{0,62}$/

export type Notify = (payload: string) => void

export class PgNotifications {
  readonly #handlers = new Map<string, Set<Notify>>()
  #client: pg.Client | undefined
  #connecting: Promise<pg.Client | undefined> | undefined
  #retry: NodeJS.Timeout | undefined
  #closed = false

  constructor(
    private readonly url: string,
    private readonly timeoutMs: number,
  ) {}

  /** Calls `handler` with each payload NOTIFY sends on `channel`, until the returned stop. */
  async listen(channel: string, handler: Notify): Promise<() => Promise<void>> {
    if (!CHANNEL.test(channel)) throw new Error(`not a plain channel name: ${channel}`)
    let handlers = this.#handlers.get(channel)
    if (!handlers) {
      handlers = new Set()
      this.#handlers.set(channel, handlers)
    }
    handlers.add(handler)
    // a connection opened from here on listens to every channel of #handlers as it starts
    const open = this.#client
    if (open) await open.query(`LISTEN ${channel}`).catch(() => this.#lost(open))
    else await this.#connected()
    return async () => {
      handlers.delete(handler)
      if (handlers.size > 0 || this.#handlers.get(channel) !== handlers) return
      this.#handlers.delete(channel)
      await this.#client?.query(`UNLISTEN ${channel}`).catch(() => {})
    }
  }

  #connected(): Promise<pg.Client | undefined> {
    if (this.#client) return Promise.resolve(this.#client)
    this.#connecting ??= (async () => {
      const client = new pg.Client({
        connectionString: this.url,
        connectionTimeoutMillis: this.timeoutMs,
      })
      client.on('notification', ({ channel, payload }) => {
        for (const handler of this.#handlers.get(channel) ?? []) handler(payload ?? '')
      })
      client.on('error', () => this.#lost(client))
      client.on('end', () => this.#lost(client))
      try {
        await client.connect()
        for (const channel of this.#handlers.keys()) await client.query(`LISTEN ${channel}`)
        if (this.#closed) throw new Error('closed')
        this.#client = client
        return client
      } catch {
        await client.end().catch(() => {})
        this.#retryLater()
        return undefined
      } finally {
        this.#connecting = undefined
      }
    })()
    return this.#connecting
  }

  #lost(client: pg.Client): void {
    if (this.#client !== client) return
    this.#client = undefined
    void client.end().catch(() => {})
    this.#retryLater()
  }

  #retryLater(): void {
    if (this.#closed || this.#retry || this.#handlers.size === 0) return
    this.#retry = setTimeout(() => {
      this.#retry = undefined
      void this.#connected()
    }, RECONNECT_MS)
    this.#retry.unref()
  }

  async close(): Promise<void> {
    this.#closed = true
    clearTimeout(this.#retry)
    this.#handlers.clear()
    await this.#connecting
    const client = this.#client
    this.#client = undefined
    await client?.end().catch(() => {})
  }
}
