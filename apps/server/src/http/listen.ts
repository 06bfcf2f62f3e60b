/**
 * An HTTP server for a request handler, with a graceful close: stop accepting connections,
 * let in-flight requests finish (idle keep-alive connections are closed at once), and cut
 * whatever is still open after the grace period.
 */
import { createServer, type RequestListener, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'

export type Listening = {
  server: Server
  /** The port actually bound (useful with port 0). */
  port: number
  close(graceMs?: number): Promise<void>
}

export async function listen(
  handler: RequestListener,
  port: number,
  host: string,
): Promise<Listening> {
  const server = createServer(handler)
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, host, () => {
      server.off('error', reject)
      resolve()
    })
  })
  let closing: Promise<void> | undefined
  return {
    server,
    port: (server.address() as AddressInfo).port,
    close(graceMs = 10_000) {
      closing ??= new Promise<void>((resolve, reject) => {
        const force = setTimeout(() => server.closeAllConnections(), graceMs)
        force.unref()
        server.close((error) => {
          clearTimeout(force)
          if (error) reject(error)
          else resolve()
        })
        server.closeIdleConnections()
      })
      return closing
    },
  }
}
