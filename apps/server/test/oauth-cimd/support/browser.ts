/**
 * A minimal browser for OAuth tests: a cookie jar over fetch that follows redirects one at a time
 * within the server under test and stops at the first that leaves it (the client's redirect
 * URI). Enough for the server-rendered, JavaScript-free pages of SPEC §2.
 */
export type Page = { url: string; status: number; html: string }

export class TestBrowser {
  readonly #cookies = new Map<string, string>()

  constructor(readonly origin: string) {}

  /** GETs `url` and follows redirects inside the server; returns the last page or the first
   * redirect that leaves the server (as `url`, with status 0 and no html). */
  async open(url: string): Promise<Page> {
    return this.#follow(await this.#request(url, { method: 'GET' }), url)
  }

  /** POSTs a form (with the page's CSRF token when `fromPage` is given) and follows redirects. */
  async submit(action: string, fields: Record<string, string>, fromPage?: Page): Promise<Page> {
    const body = new URLSearchParams(fields)
    if (fromPage) body.set('_csrf', hiddenField(fromPage.html, '_csrf'))
    const url = new URL(action, this.origin).href
    const res = await this.#request(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body,
    })
    return this.#follow(res, url)
  }

  /** Creates an account through /signup and stays signed in. */
  async signUp(email: string, password = 'correct horse battery'): Promise<void> {
    const form = await this.open(`${this.origin}/signup`)
    const done = await this.submit('/signup', { email, password, next: '/settings/api' }, form)
    if (done.status >= 400) throw new Error(`sign-up failed: HTTP ${done.status}`)
  }

  async #request(url: string, init: RequestInit): Promise<Response> {
    const headers = new Headers(init.headers)
    if (url.startsWith(this.origin) && this.#cookies.size > 0) {
      headers.set('cookie', [...this.#cookies].map(([k, v]) => `${k}=${v}`).join('; '))
    }
    const res = await fetch(url, { ...init, headers, redirect: 'manual' })
    for (const cookie of res.headers.getSetCookie()) {
      const [pair = ''] = cookie.split(';')
      const eq = pair.indexOf('=')
      const name = pair.slice(0, eq).trim()
      const value = pair.slice(eq + 1).trim()
      if (value === '' || /max-age=0/i.test(cookie)) this.#cookies.delete(name)
      else this.#cookies.set(name, value)
    }
    return res
  }

  async #follow(first: Response, firstUrl: string): Promise<Page> {
    let res = first
    let url = firstUrl
    for (let hops = 0; hops < 10; hops++) {
      const location = res.headers.get('location')
      if (res.status < 300 || res.status >= 400 || !location) {
        return { url, status: res.status, html: await res.text() }
      }
      await res.body?.cancel()
      url = new URL(location, url).href
      if (!url.startsWith(`${this.origin}/`)) return { url, status: 0, html: '' }
      res = await this.#request(url, { method: 'GET' })
    }
    throw new Error('too many redirects')
  }
}

/** The value of a hidden input in a page (the pages are ours: attributes in a known order). */
export function hiddenField(html: string, name: string): string {
  const match = new RegExp(`name="${name}" value="([^"]*)"`).exec(html)
  if (!match?.[1]) throw new Error(`no hidden field ${name} in the page`)
  return match[1].replaceAll('&amp;', '&')
}

/** Approves the consent page shown in `page`; returns where the browser was sent. */
export async function approveConsent(browser: TestBrowser, page: Page): Promise<URL> {
  const answered = await browser.submit(
    '/mcp/authorize',
    { request_id: hiddenField(page.html, 'request_id'), decision: 'approve' },
    page,
  )
  if (answered.status !== 0) throw new Error(`consent did not redirect: HTTP ${answered.status}`)
  return new URL(answered.url)
}
