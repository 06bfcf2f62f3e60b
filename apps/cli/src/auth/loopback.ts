/**
 * The loopback redirect of RFC 8252 §7.3: an HTTP listener on 127.0.0.1 (§8.3: the IP literal,
 * not `localhost`) on whichever port the system gives, waiting for the browser to bring the
 * authorization response; the browser tab is told whether to go back to the terminal.
 */
import { once } from 'node:events'
import { createServer, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { CliError, EXIT } from '../errors.ts'
import { type Expected, judgeAuthorizationResponse } from './authorization-response.ts'

const CALLBACK_PATH = '/callback'

export type Loopback = {
  /** `http://127.0.0.1:{port}/callback` */
  redirectUri: string
  /** The authorization code, once the browser brings it. */
  code(timeoutMs: number): Promise<string>
  close(): void
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)

function page(res: ServerResponse, status: number, title: string, text: string): void {
  res.writeHead(status, {
    'Content-Type': 'text/html; charset=utf-8',
    'Cache-Control': 'no-store',
    'Content-Security-Policy': "default-src 'none'",
    // one request per connection, so that closing the listener leaves nothing open
    Connection: 'close',
  })
  res.end(
    `<!doctype html><meta charset="utf-8"><title>${escapeHtml(title)}</title>` +
      `<h1>${escapeHtml(title)}</h1><p>${escapeHtml(text)}</p>`,
  )
}

export async function startLoopback(expected: Expected): Promise<Loopback> {
  let settle: { resolve(code: string): void; reject(error: unknown): void } | undefined
  const result = new Promise<string>((resolve, reject) => {
    settle = { resolve, reject }
  })
  result.catch(() => {}) // observed through code()

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    const judged =
      req.method === 'GET' && url.pathname === CALLBACK_PATH
        ? judgeAuthorizationResponse(url.searchParams, expected)
        : ({ kind: 'ignore' } as const)
    switch (judged.kind) {
      case 'ignore':
        return page(res, 404, 'Not found', 'This address only receives the Tokencraft sign-in.')
      case 'foreign':
        return page(res, 400, 'Not this sign-in', 'This answer belongs to another sign-in.')
      case 'failed':
        page(res, 400, 'Sign-in failed', `${judged.error.message}.`)
        return settle?.reject(judged.error)
      case 'code':
        page(res, 200, 'Signed in', 'You can close this tab and go back to the terminal.')
        return settle?.resolve(judged.code)
    }
  })
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  const { port } = server.address() as AddressInfo

  return {
    redirectUri: `http://127.0.0.1:${port}${CALLBACK_PATH}`,
    async code(timeoutMs) {
      let timer: NodeJS.Timeout | undefined
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(
          () =>
            reject(
              new CliError(
                EXIT.auth,
                'login_timeout',
                `no answer from the browser within ${timeoutMs / 60_000} minutes; run tokencraft login again`,
              ),
            ),
          timeoutMs,
        )
      })
      try {
        return await Promise.race([result, timeout])
      } finally {
        clearTimeout(timer)
      }
    },
    close() {
      server.close()
      server.closeIdleConnections()
    },
  }
}
