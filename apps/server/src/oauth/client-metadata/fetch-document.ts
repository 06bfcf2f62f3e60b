import { lookup } from 'node:dns/promises'
import { request } from 'node:https'
import type { LookupFunction } from 'node:net'
import { isIP } from 'node:net'
import { createSecureContext, rootCertificates, type SecureContext } from 'node:tls'
import { isPublicAddress } from './address-policy.ts'
import type { CachingHeaders } from './cache-lifetime.ts'

/**
 * Fetches a Client ID Metadata Document (draft §5) from a URL that anyone may put in an
 * authorization link, so as a hostile input: the host is resolved once, every address checked
 * (SSRF, draft §8.6), and the connection pinned to the checked address so that a second DNS
 * answer cannot swap in another (DNS rebinding); redirects are never followed (draft §5); the
 * whole exchange has one deadline and the body a size cap (draft §8.7).
 */

export type DocumentFetchPolicy = {
  timeoutMs: number
  maxBytes: number
  /** TEST ONLY: lets tests serve documents from loopback. Never set in production. */
  allowPrivateAddresses: boolean
  /** TEST ONLY: the trust store of {@link trustAlso}, for a test's self-signed server. Unset:
   * Node's default certificate authorities. */
  testOnlyTrust?: SecureContext | undefined
}

/** TEST ONLY: the default certificate authorities plus one more, built once (each trust store
 * costs tens of milliseconds to build, too much for every fetch). */
export function trustAlso(extraCaPem: string): SecureContext {
  return createSecureContext({ ca: [...rootCertificates, extraCaPem] })
}

/** Short enough that a slow document host cannot hold an authorization request for long. */
export const DEFAULT_FETCH_TIMEOUT_MS = 5_000
/** The draft's suggested cap (§8.7); real documents are a few hundred bytes. */
export const DEFAULT_MAX_DOCUMENT_BYTES = 5 * 1024

export type FetchedDocument = { body: unknown; caching: CachingHeaders }

/** Why a document could not be fetched; the message is shown on the error page. */
export class DocumentFetchError extends Error {
  override readonly name = 'DocumentFetchError'
}

export async function fetchClientMetadataDocument(
  url: URL,
  policy: DocumentFetchPolicy,
): Promise<FetchedDocument> {
  const controller = new AbortController()
  const deadline = setTimeout(
    () => controller.abort(new DocumentFetchError('the client metadata document took too long')),
    policy.timeoutMs,
  )
  try {
    const address = await resolveAllowedAddress(url, policy, controller.signal)
    return await getDocument(url, address, policy, controller.signal)
  } catch (error) {
    if (error instanceof DocumentFetchError) throw error
    if (controller.signal.aborted && controller.signal.reason instanceof DocumentFetchError) {
      throw controller.signal.reason
    }
    // the system's error (ECONNREFUSED, a certificate error…) is for the log, not the page: it
    // would turn the error page into a probe of how hosts answer (docs/security.md)
    throw new DocumentFetchError('the client metadata document could not be fetched', {
      cause: error,
    })
  } finally {
    clearTimeout(deadline)
  }
}

type Address = { address: string; family: 4 | 6 }

async function resolveAllowedAddress(
  url: URL,
  policy: DocumentFetchPolicy,
  signal: AbortSignal,
): Promise<Address> {
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1')
  const literal = isIP(host)
  const addresses: Address[] =
    literal === 0
      ? await abortable(lookup(host, { all: true, verbatim: true }), signal).then((found) =>
          found.map((entry) => ({ address: entry.address, family: entry.family === 6 ? 6 : 4 })),
        )
      : [{ address: host, family: literal === 6 ? 6 : 4 }]
  const first = addresses[0]
  if (first === undefined) throw new DocumentFetchError(`the host ${url.host} has no address`)
  // Every address is checked, not just the one used: a host may answer with a mix.
  if (
    !policy.allowPrivateAddresses &&
    !addresses.every((entry) => isPublicAddress(entry.address))
  ) {
    throw new DocumentFetchError(
      `the host ${url.host} resolves to a private, loopback or link-local address`,
    )
  }
  return first
}

function getDocument(
  url: URL,
  address: Address,
  policy: DocumentFetchPolicy,
  signal: AbortSignal,
): Promise<FetchedDocument> {
  // Connect to the address that was checked, whatever a new lookup would say.
  const pinned: LookupFunction = (_hostname, options, callback) => {
    if (options.all) callback(null, [address])
    else callback(null, address.address, address.family)
  }
  return new Promise((resolve, reject) => {
    const req = request(
      {
        protocol: 'https:',
        host: url.hostname.replace(/^\[(.*)\]$/, '$1'),
        port: url.port === '' ? 443 : Number(url.port),
        path: `${url.pathname}${url.search}`,
        method: 'GET',
        headers: { accept: 'application/json', 'user-agent': 'Tokencraft OAuth' },
        lookup: pinned,
        agent: false,
        signal,
        ...(policy.testOnlyTrust ? { secureContext: policy.testOnlyTrust } : {}),
      },
      (res) => {
        const status = res.statusCode ?? 0
        if (status >= 300 && status < 400) {
          res.destroy()
          return reject(
            new DocumentFetchError(
              'the client metadata document URL answered with a redirect, which is not followed',
            ),
          )
        }
        if (status !== 200) {
          res.destroy()
          return reject(
            new DocumentFetchError(`the client metadata document URL answered HTTP ${status}`),
          )
        }
        if (!isJsonMediaType(res.headers['content-type'])) {
          res.destroy()
          return reject(new DocumentFetchError('the client metadata document is not JSON'))
        }
        const declared = Number(res.headers['content-length'])
        if (declared > policy.maxBytes) {
          res.destroy()
          return reject(tooLarge(policy))
        }
        const chunks: Buffer[] = []
        let size = 0
        res.on('data', (chunk: Buffer) => {
          size += chunk.length
          if (size > policy.maxBytes) {
            res.destroy()
            reject(tooLarge(policy))
            return
          }
          chunks.push(chunk)
        })
        res.on('error', reject)
        res.on('end', () => {
          let body: unknown
          try {
            body = JSON.parse(Buffer.concat(chunks).toString('utf8'))
          } catch {
            return reject(new DocumentFetchError('the client metadata document is not valid JSON'))
          }
          resolve({
            body,
            caching: {
              cacheControl: res.headers['cache-control'],
              expires: res.headers.expires,
              date: res.headers.date,
            },
          })
        })
      },
    )
    req.on('error', reject)
    req.end()
  })
}

/** draft §5: application/json or a more specific application/…+json type. */
function isJsonMediaType(contentType: string | undefined): boolean {
  const type = (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? ''
  return type === 'application/json' || /^application\/[^/]+\+json$/.test(type)
}

function tooLarge(policy: DocumentFetchPolicy): DocumentFetchError {
  return new DocumentFetchError(
    `the client metadata document is larger than ${policy.maxBytes} bytes`,
  )
}

function abortable<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise((resolve, reject) => {
    signal.addEventListener('abort', () => reject(signal.reason), { once: true })
    promise.then(resolve, reject)
  })
}
