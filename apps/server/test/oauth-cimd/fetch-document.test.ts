import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  type DocumentFetchPolicy,
  fetchClientMetadataDocument,
  trustAlso,
} from '../../src/oauth/client-metadata/fetch-document.ts'
import { type DocumentHost, startDocumentHost } from './support/document-host.ts'

let host: DocumentHost
let policy: DocumentFetchPolicy

beforeAll(async () => {
  host = await startDocumentHost()
  policy = {
    timeoutMs: 2_000,
    maxBytes: 5 * 1024,
    allowPrivateAddresses: true,
    testOnlyTrust: trustAlso(host.caPem),
  }
})
afterAll(() => host.close())

const fetchAt = (path: string, overrides: Partial<DocumentFetchPolicy> = {}) =>
  fetchClientMetadataDocument(new URL(host.origin + path), { ...policy, ...overrides })

describe('fetching a client metadata document (draft §5, §8.6, §8.7)', () => {
  it('fetches a JSON document with its caching headers', async () => {
    host.json('/ok.json', { client_id: 'x' }, { 'cache-control': 'max-age=60' })
    const fetched = await fetchAt('/ok.json')
    expect(fetched.body).toEqual({ client_id: 'x' })
    expect(fetched.caching.cacheControl).toBe('max-age=60')
  })

  it('accepts an application/…+json type', async () => {
    host.json(
      '/plus.json',
      { a: 1 },
      { 'content-type': 'application/client-metadata+json; charset=utf-8' },
    )
    await expect(fetchAt('/plus.json')).resolves.toMatchObject({ body: { a: 1 } })
  })

  it('refuses a loopback host unless the test-only setting allows it, before connecting', async () => {
    host.json('/private.json', { a: 1 })
    const before = host.requests.length
    await expect(fetchAt('/private.json', { allowPrivateAddresses: false })).rejects.toThrow(
      /private, loopback or link-local/,
    )
    const byName = new URL(`https://localhost:${new URL(host.origin).port}/private.json`)
    await expect(
      fetchClientMetadataDocument(byName, { ...policy, allowPrivateAddresses: false }),
    ).rejects.toThrow(/private, loopback or link-local/)
    expect(host.requests.length).toBe(before)
  })

  it('does not follow a redirect, to another host or the same', async () => {
    for (const [path, location] of [
      ['/elsewhere.json', 'https://attacker.example/client.json'],
      ['/moved.json', '/ok.json'],
    ] as const) {
      host.route(path, (_req, res) => res.writeHead(302, { location }).end())
      await expect(fetchAt(path)).rejects.toThrow(/redirect/)
    }
  })

  it('refuses an oversized document, declared or streamed', async () => {
    host.json('/big.json', { padding: 'x'.repeat(6 * 1024) })
    await expect(fetchAt('/big.json')).rejects.toThrow(/larger than 5120 bytes/)
    host.route('/streamed.json', (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' })
      res.write(`{"padding":"${'x'.repeat(4 * 1024)}`)
      res.end(`${'x'.repeat(4 * 1024)}"}`)
    })
    await expect(fetchAt('/streamed.json')).rejects.toThrow(/larger than 5120 bytes/)
  })

  it('refuses what is not JSON, not valid JSON, or not 200', async () => {
    host.route('/page.html', (_req, res) =>
      res.writeHead(200, { 'content-type': 'text/html' }).end('<p>hi</p>'),
    )
    await expect(fetchAt('/page.html')).rejects.toThrow(/not JSON/)
    host.route('/broken.json', (_req, res) =>
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"a":'),
    )
    await expect(fetchAt('/broken.json')).rejects.toThrow(/not valid JSON/)
    await expect(fetchAt('/missing.json')).rejects.toThrow(/HTTP 404/)
  })

  it('gives up at the deadline', async () => {
    host.route('/stalls.json', (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' })
      res.write('{')
    })
    await expect(fetchAt('/stalls.json', { timeoutMs: 200 })).rejects.toThrow(/took too long/)
  })

  it('refuses a certificate nobody vouched for, keeping the system error out of the message', async () => {
    host.json('/ok.json', { a: 1 })
    const refused = fetchAt('/ok.json', { testOnlyTrust: undefined })
    await expect(refused).rejects.toThrow(/^the client metadata document could not be fetched$/)
    await expect(refused).rejects.toMatchObject({
      cause: { code: 'DEPTH_ZERO_SELF_SIGNED_CERT' },
    })
  })
})
