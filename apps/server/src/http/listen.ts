/**
 * An HTTP server for a request handler, with a graceful close: stop accepting connections,
 * let in-flight requests finish, and cut whatever is still open after the grace period.
 * Once closing, every response still to come says `Connection: close` and its connection ends
 * with it (RFC 9112 §9.6), so that a keep-alive client sends nothing more on it and the close
 * need not wait for the keep-alive timeout; idle connections are closed at once.
 */
import { createServer, type RequestListener, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

export type Listening = {
  server: Server
  /** The port actually bound (useful with port 0). */
  port: number
  close(graceMs?: number): Promise<void>
}

/** Long enough for any request we serve (an export, a 25-second poll answers early). */
export const GRACE_MS = 10_000

export async function listen(
  handler: RequestListener,
  port: number,
  host: string,
): Promise<Listening> {
  let closing: Promise<void> | undefined
  const open = new Set<ServerResponse>()
  const server = createServer((req, res) => {
    if (closing) res.shouldKeepAlive = false
    open.add(res)
    res.once('close', () => open.delete(res))
    handler(req, res)
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, host, () => {
      server.off('error', reject)
      resolve()
    })
  })
  return {
    server,
    port: (server.address() as AddressInfo).port,
    close(graceMs = GRACE_MS) {
      closing ??= new Promise<void>((resolve, reject) => {
        const force = setTimeout(() => server.closeAllConnections(), graceMs)
        force.unref()
        server.close((error) => {
          clearTimeout(force)
          if (error) reject(error)
          else resolve()
        })
        server.closeIdleConnections()
        for (const res of open) {
          // headers not yet sent: they will say Connection: close; sent: end the connection
          // once this response is done
          const socket = res.socket
          if (!res.headersSent) res.shouldKeepAlive = false
          else res.once('finish', () => socket?.end())
        }
      })
      return closing
    },
  }
}
