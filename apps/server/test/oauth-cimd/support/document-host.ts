import type { IncomingMessage, ServerResponse } from 'node:http'
import { createServer, type Server } from 'node:https'
import type { AddressInfo } from 'node:net'
import { selfSignedLoopbackCertificate } from './self-signed-certificate.ts'

type Route = (req: IncomingMessage, res: ServerResponse) => void

/**
 * An https server on loopback that serves client metadata documents for a test, with a
 * certificate made for this run (trusted only by what the test hands `caPem` to).
 */
export type DocumentHost = {
  origin: string
  caPem: string
  /** Paths requested so far, to prove a refused fetch never reached the host. */
  requests: string[]
  route(path: string, handler: Route): void
  /** Serve `document` as JSON at `path`, with optional extra headers. */
  json(path: string, document: unknown, headers?: Record<string, string>): void
  close(): Promise<void>
}

/** @param certificate shared by hosts that one server trusts (it trusts one extra authority) */
export async function startDocumentHost(
  hostname = '127.0.0.1',
  certificate = selfSignedLoopbackCertificate(),
): Promise<DocumentHost> {
  const { certPem, keyPem } = certificate
  const routes = new Map<string, Route>()
  const requests: string[] = []
  const server: Server = createServer({ cert: certPem, key: keyPem }, (req, res) => {
    requests.push(req.url ?? '')
    const handler = routes.get(req.url ?? '')
    if (handler) handler(req, res)
    else res.writeHead(404).end()
  })
  await new Promise<void>((resolve) => server.listen(0, hostname, resolve))
  const { port } = server.address() as AddressInfo
  return {
    origin: `https://${hostname.includes(':') ? `[${hostname}]` : hostname}:${port}`,
    caPem: certPem,
    requests,
    route: (path, handler) => routes.set(path, handler),
    json(path, document, headers = {}) {
      routes.set(path, (_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json', ...headers })
        res.end(JSON.stringify(document))
      })
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
