/** A cookie-carrying fetch for driving the server-rendered forms without a browser. */
export type WebClient = {
  cookies: Map<string, string>
  get(path: string): Promise<Response>
  /** POSTs a form; `_csrf` is taken from the last page fetched unless given. */
  post(
    path: string,
    form: Record<string, string | string[]>,
    options?: { csrf?: string | null; headers?: Record<string, string> },
  ): Promise<Response>
  /** the CSRF token of the last page fetched */
  csrf: string | undefined
}

export function webClient(baseUrl: string): WebClient {
  const cookies = new Map<string, string>()
  const client: WebClient = {
    cookies,
    csrf: undefined,
    async get(path) {
      const response = await send(path, { method: 'GET' })
      const html = await response.clone().text()
      client.csrf = html.match(/name="_csrf" value="([^"]+)"/)?.[1] ?? client.csrf
      return response
    },
    async post(path, form, options = {}) {
      const body = new URLSearchParams()
      const csrf = options.csrf === undefined ? client.csrf : options.csrf
      if (csrf !== null && csrf !== undefined) body.append('_csrf', csrf)
      for (const [name, value] of Object.entries(form)) {
        for (const v of Array.isArray(value) ? value : [value]) body.append(name, v)
      }
      return send(path, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', ...options.headers },
        body,
      })
    },
  }

  async function send(path: string, init: RequestInit): Promise<Response> {
    const cookie = [...cookies].map(([k, v]) => `${k}=${v}`).join('; ')
    const response = await fetch(baseUrl + path, {
      ...init,
      redirect: 'manual',
      headers: { ...(init.headers as Record<string, string>), ...(cookie ? { cookie } : {}) },
    })
    for (const line of response.headers.getSetCookie()) {
      const [pair = ''] = line.split(';')
      const [name = '', value = ''] = pair.split('=')
      if (/Max-Age=0/.test(line)) cookies.delete(name)
      else cookies.set(name, value)
    }
    return response
  }
  return client
}

/** Signs up a new account through the form and returns the signed-in client. */
export async function signedUp(
  baseUrl: string,
  email: string,
  password = 'correct horse battery staple',
) {
  const client = webClient(baseUrl)
  await client.get('/signup')
  const response = await client.post('/signup', { email, password })
  if (response.status !== 303) throw new Error(`sign-up answered ${response.status}`)
  await client.get('/settings/api')
  return client
}

/** Creates a manual token on API Settings and returns its secret. */
export async function createdToken(
  client: WebClient,
  form: { name?: string; scopes?: string[]; expires_in_days?: string } = {},
): Promise<string> {
  await client.get('/settings/api')
  const response = await client.post('/settings/api/tokens', {
    name: form.name ?? 'CI',
    scopes: form.scopes ?? ['read:tokens', 'write:tokens', 'export:tokens'],
    expires_in_days: form.expires_in_days ?? '',
  })
  const token = (await response.text()).match(/data-testid="new-token">([^<]+)</)?.[1]
  if (response.status !== 201 || !token)
    throw new Error(`token creation answered ${response.status}`)
  return token
}
