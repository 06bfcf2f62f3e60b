import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestServer, type TestServer } from '../support/server.ts'

describe('GET /healthz', () => {
  let server: TestServer
  beforeAll(async () => {
    server = await startTestServer()
  })
  afterAll(() => server.close())

  it('answers 200 {"status":"ok"} when the database answers', async () => {
    const response = await fetch(`${server.url}/healthz`)
    expect(response.status).toBe(200)
    expect(await response.json()).toEqual({ status: 'ok' })
  })

  it('serves the migrated schema', async () => {
    expect(await server.prisma.user.count()).toBe(0)
  })

  it('answers 503 once the database stops answering', async () => {
    const other = await startTestServer()
    await other.db.close()
    const response = await fetch(`${other.url}/healthz`)
    expect(response.status).toBe(503)
    expect(await response.json()).toEqual({ status: 'unavailable' })
    await other.close()
  })
})
