/**
 * A TCP proxy of the test's own between the server and PostgreSQL or Redis, to create the faults
 * of a network or a service going away without touching the machine's services:
 * - `cut()`: every open connection is reset and new ones are reset as they arrive, as when the
 *   service stops;
 * - `hold()`: connections stay open but nothing passes either way, and new ones are accepted
 *   but get no answer, as in a network partition; what was sent waits;
 * - `restore()`: traffic flows again; after a hold, what waited is delivered, in order.
 */
import { createServer, type Socket, connect as tcpConnect } from 'node:net'

export type TcpProxy = {
  /** `url` with its host and port replaced by the proxy's. */
  url(url: string): string
  cut(): void
  hold(): void
  restore(): void
  /** Connections opened through the proxy so far. */
  readonly connections: number
  close(): Promise<void>
}

type Pipe = { client: Socket; upstream?: Socket; toUpstream: Buffer[]; toClient: Buffer[] }

export async function startTcpProxy(target: string): Promise<TcpProxy> {
  const { hostname, port } = new URL(target)
  let mode: 'pass' | 'cut' | 'hold' = 'pass'
  let connections = 0
  const pipes = new Set<Pipe>()

  const flush = (pipe: Pipe) => {
    for (const chunk of pipe.toUpstream.splice(0)) pipe.upstream?.write(chunk)
    for (const chunk of pipe.toClient.splice(0)) pipe.client.write(chunk)
  }
  const end = (pipe: Pipe) => {
    pipes.delete(pipe)
    pipe.client.destroy()
    pipe.upstream?.destroy()
  }
  const connectUpstream = (pipe: Pipe) => {
    const upstream = tcpConnect(Number(port), hostname)
    pipe.upstream = upstream
    upstream.on('data', (chunk: Buffer) => {
      if (mode === 'pass') pipe.client.write(chunk)
      else pipe.toClient.push(chunk)
    })
    upstream.on('connect', () => flush(pipe))
    upstream.on('close', () => end(pipe))
    upstream.on('error', () => end(pipe))
  }

  const server = createServer((client) => {
    connections++
    if (mode === 'cut') {
      client.resetAndDestroy()
      return
    }
    const pipe: Pipe = { client, toUpstream: [], toClient: [] }
    pipes.add(pipe)
    client.on('data', (chunk: Buffer) => {
      if (mode === 'pass' && pipe.upstream?.readyState === 'open') pipe.upstream.write(chunk)
      else pipe.toUpstream.push(chunk)
    })
    client.on('close', () => end(pipe))
    client.on('error', () => end(pipe))
    // during a hold a new connection is accepted but goes nowhere until restored
    if (mode === 'pass') connectUpstream(pipe)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const proxyPort = (server.address() as { port: number }).port

  return {
    url(url) {
      const proxied = new URL(url)
      proxied.hostname = '127.0.0.1'
      proxied.port = String(proxyPort)
      return proxied.href
    },
    cut() {
      mode = 'cut'
      for (const pipe of pipes) {
        pipes.delete(pipe)
        pipe.client.resetAndDestroy()
        pipe.upstream?.resetAndDestroy()
      }
    },
    hold() {
      mode = 'hold'
    },
    restore() {
      mode = 'pass'
      for (const pipe of pipes) {
        if (pipe.upstream) flush(pipe)
        else connectUpstream(pipe)
      }
    },
    get connections() {
      return connections
    },
    async close() {
      for (const pipe of pipes) end(pipe)
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}
