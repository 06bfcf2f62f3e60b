import { SignInError } from './errors.ts'

/** The endpoints of the server's OAuth authorization server that the plugin uses. */
export type Endpoints = { authorization: string; token: string; revocation: string }

const absoluteHttpUrl = (value: unknown): value is string => {
  if (typeof value !== 'string') return false
  try {
    const url = new URL(value)
    return url.protocol === 'https:' || url.protocol === 'http:'
  } catch {
    return false
  }
}

/**
 * Reads the authorization server metadata (RFC 8414 §3) of `serverUrl`: the authorization,
 * token and revocation endpoints are taken from it, never assumed, so that the plugin follows
 * what the server advertises. RFC 8414 §3.3: the `issuer` must be the server asked.
 */
export async function discoverEndpoints(
  serverUrl: string,
  fetchFn: typeof fetch,
  signal?: AbortSignal,
): Promise<Endpoints> {
  let body: Record<string, unknown>
  try {
    const response = await fetchFn(`${serverUrl}/.well-known/oauth-authorization-server`, {
      headers: { Accept: 'application/json' },
      ...(signal ? { signal } : {}),
    })
    if (!response.ok) {
      throw new SignInError('network', `(the server's OAuth metadata answered ${response.status})`)
    }
    body = (await response.json()) as Record<string, unknown>
  } catch (error) {
    if (error instanceof SignInError) throw error
    if (signal?.aborted) throw new SignInError('cancelled')
    throw new SignInError('network', error instanceof Error ? `(${error.message})` : undefined)
  }
  const {
    issuer,
    authorization_endpoint: authorization,
    token_endpoint: token,
    revocation_endpoint: revocation,
  } = body
  if (issuer !== serverUrl) {
    throw new SignInError('exchange', `(the server calls itself ${String(issuer)})`)
  }
  if (!absoluteHttpUrl(authorization) || !absoluteHttpUrl(token) || !absoluteHttpUrl(revocation)) {
    throw new SignInError('exchange', '(the server advertises no usable OAuth endpoints)')
  }
  return { authorization, token, revocation }
}
