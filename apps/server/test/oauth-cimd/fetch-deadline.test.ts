/**
 * The server's own deadline for fetching a Client ID Metadata Document: 5 seconds (README), as
 * the running server's resolver applies it, not as a test hands it to the fetch. The deadline's
 * timer is driven by a fake clock (only setTimeout is faked; the https exchange is real), so the
 * test checks the number itself without waiting five seconds.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { startTestServer, type TestServer } from '../support/server.ts'
import { type DocumentHost, startDocumentHost } from './support/document-host.ts'

let host: DocumentHost
let server: TestServer

beforeAll(async () => {
  host = await startDocumentHost()
  server = await startTestServer({
    config: {
      testOnlyClientMetadataFetch: { allowPrivateAddresses: true, extraCaPem: host.caPem },
    },
  })
})
afterAll(async () => {
  await server?.close()
  await host?.close()
})
afterEach(() => {
  vi.useRealTimers()
})

/** Lets pending I/O callbacks and promise reactions run (setImmediate is not faked). */
const settle = () => new Promise<void>((resolve) => setImmediate(resolve))

describe('fetching a client metadata document from a host that stalls', () => {
  it('waits 5 seconds for the document, then gives up with a clear refusal', async () => {
    let arrived: () => void = () => {}
    const requested = new Promise<void>((resolve) => {
      arrived = resolve
    })
    host.route('/stalls.json', (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' })
      res.write('{') // and nothing more
      arrived()
    })

    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    let outcome: unknown
    server.ctx.clientMetadata.resolve(`${host.origin}/stalls.json`).then(
      () => {
        outcome = 'resolved'
      },
      (error: unknown) => {
        outcome = error
      },
    )
    await requested
    await settle()

    vi.advanceTimersByTime(4_999)
    await settle()
    expect(outcome).toBeUndefined()

    vi.advanceTimersByTime(1)
    // the deadline has passed: the refusal follows on I/O callbacks, within moments
    const since = Date.now()
    while (outcome === undefined && Date.now() - since < 5_000) await settle()
    expect(outcome).toBeInstanceOf(Error)
    expect((outcome as Error).message).toBe(
      'The application could not be identified: the client metadata document took too long.',
    )
  })
})
