import { describe, expect, it } from 'vitest'
import { createApp } from '../../src/app.ts'
import { loadConfig } from '../../src/config.ts'
import { createContext } from '../../src/context.ts'
import { openDatabase } from '../../src/db/database.ts'
import { listen } from '../../src/http/listen.ts'
import { createLogger } from '../../src/logger.ts'

describe('/healthz against an unreachable PostgreSQL', () => {
  it('answers 503', async () => {
    // Nothing listens on port 1: every connection is refused.
    const databaseUrl = 'postgres://postgres@127.0.0.1:1/none'
    const db = await openDatabase({ databaseUrl })
    const config = loadConfig({ DATABASE_URL: databaseUrl })
    const ctx = createContext({ config, db, logger: createLogger('silent') })
    const app = await listen(createApp(ctx).callback(), 0, '127.0.0.1')
    try {
      const response = await fetch(`http://127.0.0.1:${app.port}/healthz`)
      expect(response.status).toBe(503)
      expect(await response.json()).toEqual({ status: 'unavailable' })
    } finally {
      await app.close()
      await db.close()
    }
  })
})

describe('graceful close', () => {
  it('finishes in-flight requests, refuses new ones, then resolves', async () => {
    let release: () => void = () => {}
    const released = new Promise<void>((resolve) => {
      release = resolve
    })
    let arrived: () => void = () => {}
    const inFlight = new Promise<void>((resolve) => {
      arrived = resolve
    })
    const server = await listen(
      async (_req, res) => {
        arrived()
        await released
        res.end('done')
      },
      0,
      '127.0.0.1',
    )
    const url = `http://127.0.0.1:${server.port}/`
    const slow = fetch(url).then((r) => r.text())
    await inFlight

    let closed = false
    const closing = server.close().then(() => {
      closed = true
    })
    await expect(fetch(url)).rejects.toThrow()
    expect(closed).toBe(false)

    release()
    expect(await slow).toBe('done')
    await closing
    expect(closed).toBe(true)
  })
})
