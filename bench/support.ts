/**
 * What the HTTP benchmarks share: rate limits raised above any load (the counting still
 * happens on every request), autocannon runs summarised as table rows, and a bare Koa route
 * that answers fixed bytes from memory, the floor every real route is compared with.
 */
import type { AddressInfo } from 'node:net'
import autocannon from 'autocannon'
import Koa from 'koa'
import {
  createRateLimits,
  DEFAULT_POLICIES,
  type PolicyName,
  type RateLimits,
} from '../apps/server/src/auth/rate-limit/index.ts'

/** Every policy raised to a billion per minute, counters in Redis when `redisUrl` is given. */
export function raisedRateLimits(redisUrl?: string): RateLimits {
  const raised = Object.fromEntries(
    Object.entries(DEFAULT_POLICIES).map(([name, policy]) => [
      name,
      { ...policy, limit: 1_000_000_000 },
    ]),
  ) as Record<PolicyName, (typeof DEFAULT_POLICIES)[PolicyName]>
  return createRateLimits(redisUrl, raised)
}

export type LoadRow = { 'req/s': string; 'p50 ms': number; 'p99 ms': number; errors: number }

/** Requests per second, latency percentiles, and failures (transport errors and non-2xx). */
export function loadRow(result: autocannon.Result): LoadRow {
  return {
    'req/s': result.requests.average.toFixed(0),
    'p50 ms': result.latency.p50,
    'p99 ms': result.latency.p99,
    errors: result.errors + result.non2xx,
  }
}

export type LoadTarget = {
  url: string
  method?: 'GET' | 'POST'
  body?: string
  headers?: Record<string, string>
}

/**
 * `connections` clients sending the same request for `seconds`. autocannon runs in a worker
 * thread, so that generating the load does not take turns with the server's event loop when
 * both live in the benchmark's process (a separate client process, as in production).
 */
export function loadInWorker(
  target: LoadTarget,
  connections: number,
  seconds: number,
): Promise<autocannon.Result> {
  return autocannon({
    url: target.url,
    method: target.method ?? 'GET',
    connections,
    duration: seconds,
    workers: 1,
    headers: target.headers ?? {},
    ...(target.body ? { body: target.body } : {}),
  })
}

/**
 * Each form body POSTed once to `url` by `connections` clients: for requests that use up what
 * they send (an authorization code, a refresh token), so none is sent twice.
 */
export function postEachFormOnce(
  url: string,
  bodies: readonly string[],
  connections: number,
): Promise<autocannon.Result> {
  let next = 0
  return autocannon({
    url,
    connections,
    amount: bodies.length,
    requests: [
      {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        setupRequest: (request) => ({ ...request, body: bodies[next++ % bodies.length] }),
      },
    ],
  })
}

/** A bare Koa app answering `body` as `type` on every request. */
export async function bareKoa(body: string, type: string) {
  const app = new Koa()
  app.use((ctx) => {
    ctx.type = type
    ctx.body = body
  })
  const server = app.listen(0, '127.0.0.1')
  await new Promise((resolve) => server.once('listening', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () => new Promise((resolve) => server.close(resolve)),
  }
}
