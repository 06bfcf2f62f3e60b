import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createRateLimits, DEFAULT_POLICIES } from '../../src/auth/rate-limit/index.ts'
import { sha256Hex } from '../../src/auth/secrets.ts'
import { createdToken, signedUp, webClient } from '../auth/web-client.ts'
import { startTestServer, type TestServer } from '../support/server.ts'

let server: TestServer

beforeAll(async () => {
  // more sign-ups per minute from one address than production allows: the limits themselves
  // are tested on a server of their own below
  const rateLimits = createRateLimits(undefined, {
    ...DEFAULT_POLICIES,
    signup: { ...DEFAULT_POLICIES.signup, limit: 1000 },
  })
  server = await startTestServer({ context: { rateLimits } })
})
afterAll(() => server.close())

describe('sign-up', () => {
  it('creates the user, a "Personal" workspace they own, a session, and honours next', async () => {
    const client = webClient(server.url)
    await client.get('/signup?next=/settings/api')
    const response = await client.post('/signup', {
      email: ' New@Example.com ',
      password: 'long enough password',
      next: '/settings/api',
    })
    expect(response.status).toBe(303)
    expect(response.headers.get('location')).toBe('/settings/api')
    const user = await server.prisma.user.findUniqueOrThrow({
      where: { email: 'new@example.com' },
      include: { memberships: { include: { workspace: true } } },
    })
    expect(user.passwordHash).toMatch(/^scrypt\$/)
    expect(user.memberships.map((m) => [m.workspace.name, m.role])).toEqual([['Personal', 'owner']])
    expect((await client.get('/settings/api')).status).toBe(200)
  })

  it('refuses an email that already has an account, and short passwords', async () => {
    await signedUp(server.url, 'taken@example.com')
    const client = webClient(server.url)
    await client.get('/signup')
    const taken = await client.post('/signup', {
      email: 'TAKEN@example.com',
      password: 'whatever123',
    })
    expect(taken.status).toBe(409)
    const short = await client.post('/signup', { email: 'short@example.com', password: 'short' })
    expect(short.status).toBe(422)
    expect(await server.prisma.user.count({ where: { email: 'short@example.com' } })).toBe(0)
  })
})

describe('passwords', () => {
  it.each([
    ['password', 'one of the most common passwords'],
    ['Password1', 'one of the most common passwords'],
    ['iloveyou', 'one of the most common passwords'],
    ['qwertyuiop', 'one of the most common passwords'],
    ['common-pw@example.com', 'too easy to guess from your email'],
    ['common-pw', 'too easy to guess from your email'],
    ['Tokencraft2026!', 'too easy to guess from your email or this site’s name'],
  ])('refuses %j at sign-up (422) and says why', async (password, why) => {
    const client = webClient(server.url)
    await client.get('/signup')
    const response = await client.post('/signup', { email: 'common-pw@example.com', password })
    expect(response.status).toBe(422)
    expect(await response.text()).toContain(why)
    expect(await server.prisma.user.count({ where: { email: 'common-pw@example.com' } })).toBe(0)
  })

  it('tells the rule next to the field', async () => {
    const page = await (await fetch(`${server.url}/signup`)).text()
    expect(page).toContain('8 characters or more; the most common passwords are refused.')
  })
})

describe('log-in', () => {
  it('never redirects off-site, whatever next says', async () => {
    await signedUp(server.url, 'next@example.com')
    for (const next of [
      'https://evil.example/',
      '//evil.example/x',
      '/\\evil.example',
      '/.//evil.example/x',
      '/..//evil.example/x',
      '/%2e//evil.example/x',
    ]) {
      const client = webClient(server.url)
      await client.get('/login')
      const response = await client.post('/login', {
        email: 'next@example.com',
        password: 'correct horse battery staple',
        next,
      })
      expect(response.status).toBe(303)
      expect(response.headers.get('location')).toBe('/')
      // a signed-in visit to /login?next=… goes there at once: the same check applies
      const again = await client.get(`/login?next=${encodeURIComponent(next)}`)
      expect(again.headers.get('location')).toBe('/')
    }
  })

  it('refuses a wrong password and an unknown email with the same answer', async () => {
    await signedUp(server.url, 'wrong@example.com')
    const client = webClient(server.url)
    await client.get('/login')
    const wrong = await client.post('/login', {
      email: 'wrong@example.com',
      password: 'not it at all',
    })
    const unknown = await client.post('/login', {
      email: 'nobody@example.com',
      password: 'not it at all',
    })
    for (const response of [wrong, unknown]) {
      expect(response.status).toBe(401)
      expect(await response.text()).toContain('Email or password is incorrect.')
    }
    expect(client.cookies.has('tokencraft_session')).toBe(false)
  })
})

describe('refusals', () => {
  it('refuses a form POST without the CSRF token, or with another one (403)', async () => {
    const client = await signedUp(server.url, 'csrf@example.com')
    const userId = (
      await server.prisma.user.findUniqueOrThrow({ where: { email: 'csrf@example.com' } })
    ).id
    const missing = await client.post(
      '/settings/api/tokens',
      { name: 'x', scopes: 'read:tokens' },
      { csrf: null },
    )
    const forged = await client.post(
      '/settings/api/tokens',
      { name: 'x', scopes: 'read:tokens' },
      { csrf: 'A'.repeat(43) },
    )
    expect([missing.status, forged.status]).toEqual([403, 403])
    expect(missing.headers.get('content-type')).toMatch(/text\/html/)
    expect(await server.prisma.apiToken.count({ where: { userId } })).toBe(0)
    // the log-in form, before any session, is protected as well (log-in CSRF)
    const anonymous = webClient(server.url)
    const login = await anonymous.post('/login', {
      email: 'csrf@example.com',
      password: 'correct horse battery staple',
    })
    expect(login.status).toBe(403)
  })

  it('with a session, refuses a planted pre-session cookie and a field matching it', async () => {
    // an attacker who can set a cookie for the site (a sibling subdomain, a plain-http answer)
    // picks the pre-session secret and puts the same value in the forged form
    const client = await signedUp(server.url, 'planted@example.com')
    const userId = (
      await server.prisma.user.findUniqueOrThrow({ where: { email: 'planted@example.com' } })
    ).id
    const planted = 'P'.repeat(43)
    client.cookies.set('tokencraft_csrf', planted)
    const forged = await client.post(
      '/settings/api/tokens',
      { name: 'forged', scopes: ['read:tokens', 'write:tokens'], expires_in_days: '' },
      { csrf: planted },
    )
    expect(forged.status).toBe(403)
    expect(await server.prisma.apiToken.count({ where: { userId } })).toBe(0)
    // the session's own secret still works, the planted cookie notwithstanding
    await client.get('/settings/api')
    const genuine = await client.post('/settings/api/tokens', {
      name: 'genuine',
      scopes: 'read:tokens',
      expires_in_days: '',
    })
    expect(genuine.status).toBe(201)
    // before sign-in, the pre-session cookie is what the log-in form is checked against
    const anonymous = webClient(server.url)
    anonymous.cookies.set('tokencraft_csrf', planted)
    const login = await anonymous.post(
      '/login',
      { email: 'planted@example.com', password: 'correct horse battery staple' },
      { csrf: planted },
    )
    expect(login.status).toBe(303)
  })

  it('treats a forged session cookie as no session', async () => {
    const client = webClient(server.url)
    client.cookies.set('tokencraft_session', 'A'.repeat(43))
    const page = await client.get('/settings/api')
    expect(page.status).toBe(303)
    expect(page.headers.get('location')).toBe('/login?next=%2Fsettings%2Fapi')
    const post = await client.post(
      '/settings/api/tokens',
      { name: 'x', scopes: 'read:tokens' },
      { csrf: 'A'.repeat(43) },
    )
    expect(post.status).toBe(303)
  })

  it('refuses a 1 MB form body with 413, not a 500', async () => {
    const client = webClient(server.url)
    await client.get('/signup')
    const response = await client.post('/signup', {
      email: 'big@example.com',
      password: 'x'.repeat(1024 * 1024),
    })
    expect(response.status).toBe(413)
    expect(await response.text()).toContain('too large')
  })
})

describe('sessions and cookies', () => {
  it('stores only the hash of the session id; cookies are HttpOnly and SameSite=Lax', async () => {
    const client = webClient(server.url)
    await client.get('/signup')
    const response = await client.post('/signup', {
      email: 'cookie@example.com',
      password: 'long enough password',
    })
    const setCookie = response.headers
      .getSetCookie()
      .find((c) => c.startsWith('tokencraft_session='))
    expect(setCookie).toMatch(/; HttpOnly; SameSite=Lax; Max-Age=\d+$/)
    const id = client.cookies.get('tokencraft_session') ?? ''
    const session = await server.prisma.session.findFirstOrThrow({
      where: { user: { email: 'cookie@example.com' } },
    })
    expect(session.tokenHash).toBe(sha256Hex(id))
  })

  it('ends the session on log-out: the old cookie no longer signs in', async () => {
    const client = await signedUp(server.url, 'logout@example.com')
    const cookie = client.cookies.get('tokencraft_session') ?? ''
    const response = await client.post('/logout', {})
    expect(response.status).toBe(303)
    const replay = webClient(server.url)
    replay.cookies.set('tokencraft_session', cookie)
    expect((await replay.get('/settings/api')).status).toBe(303)
  })

  it('starts a new session id on log-in and drops the previous one (no session fixation)', async () => {
    const client = await signedUp(server.url, 'fixation@example.com')
    const before = client.cookies.get('tokencraft_session') ?? ''
    await client.get('/login')
    const response = await client.post('/login', {
      email: 'fixation@example.com',
      password: 'correct horse battery staple',
    })
    expect(response.status).toBe(303)
    expect(client.cookies.get('tokencraft_session')).not.toBe(before)
    expect(await server.prisma.session.count({ where: { tokenHash: sha256Hex(before) } })).toBe(0)
  })

  it('expires a session after 30 days', async () => {
    const client = await signedUp(server.url, 'expiry@example.com')
    server.clock.advance(30 * 24 * 60 * 60 * 1000 + 1000)
    try {
      expect((await client.get('/settings/api')).status).toBe(303)
    } finally {
      server.clock.reset()
    }
  })

  it('ends a session unused for 24 hours, and keeps one in use up to its 30 days', async () => {
    const idle = await signedUp(server.url, 'idle@example.com')
    const busy = await signedUp(server.url, 'busy@example.com')
    const start = Date.now()
    const at = (hours: number) => server.clock.set(new Date(start + hours * 3600 * 1000))
    try {
      // busy visits every 23 hours: past the 24-hour idle limit in total, never idle that long
      for (const hours of [23, 46, 69]) {
        at(hours)
        expect((await busy.get('/settings/api')).status).toBe(200)
      }
      // idle was last seen at sign-up: 24 hours later it is signed out
      at(24)
      expect((await idle.get('/settings/api')).status).toBe(303)
      // and its row is gone, not merely unused
      expect(
        await server.prisma.session.count({ where: { user: { email: 'idle@example.com' } } }),
      ).toBe(0)
      // the 30-day lifetime still ends the busy one, however recently it was used
      for (let hours = 92; hours < 30 * 24; hours += 23) {
        at(hours)
        expect((await busy.get('/settings/api')).status).toBe(200)
      }
      at(30 * 24 + 1)
      expect((await busy.get('/settings/api')).status).toBe(303)
    } finally {
      server.clock.reset()
    }
  })

  it('sends the security headers on pages', async () => {
    const response = await fetch(`${server.url}/login`)
    expect(response.headers.get('content-security-policy')).toContain("frame-ancestors 'none'")
    expect(response.headers.get('x-content-type-options')).toBe('nosniff')
    expect(response.headers.get('referrer-policy')).toBe('no-referrer')
    expect(response.headers.get('x-frame-options')).toBe('DENY')
  })
})

describe('API Settings', () => {
  it('shows a new token once, lists name, scopes and dates, and deletes it', async () => {
    const client = await signedUp(server.url, 'settings@example.com')
    const token = await createdToken(client, {
      name: 'Deploy',
      scopes: ['read:tokens', 'export:tokens'],
      expires_in_days: '30',
    })
    const row = await server.prisma.apiToken.findUniqueOrThrow({
      where: { tokenHash: sha256Hex(token) },
    })
    expect(row).toMatchObject({
      kind: 'manual',
      name: 'Deploy',
      hint: token.slice(-4),
      scopes: ['read:tokens', 'export:tokens'],
    })
    const page = await (await client.get('/settings/api')).text()
    expect(page).not.toContain(token)
    expect(page).toContain('Deploy')
    expect(page).toContain('read:tokens export:tokens')
    const deleted = await client.post(`/settings/api/tokens/${row.id}/delete`, {})
    expect(deleted.status).toBe(303)
    expect(await server.prisma.apiToken.count({ where: { id: row.id } })).toBe(0)
  })

  it("cannot delete another user's token", async () => {
    const owner = await signedUp(server.url, 'owner@example.com')
    const token = await createdToken(owner)
    const row = await server.prisma.apiToken.findUniqueOrThrow({
      where: { tokenHash: sha256Hex(token) },
    })
    const intruder = await signedUp(server.url, 'intruder@example.com')
    await intruder.post(`/settings/api/tokens/${row.id}/delete`, {})
    expect(await server.prisma.apiToken.count({ where: { id: row.id } })).toBe(1)
  })

  it('refuses a token without a name, without scopes, or with a scope that does not exist (422)', async () => {
    const client = await signedUp(server.url, 'invalid@example.com')
    const userId = (
      await server.prisma.user.findUniqueOrThrow({ where: { email: 'invalid@example.com' } })
    ).id
    const refused: Record<string, string | string[]>[] = [
      { name: ' ', scopes: 'read:tokens' },
      { name: 'no scopes' },
      { name: 'unknown scope', scopes: 'admin:everything' },
      { name: 'one unknown scope', scopes: ['read:tokens', 'admin:everything'] },
    ]
    for (const form of refused) {
      const answer = await client.post('/settings/api/tokens', form)
      expect(answer.status, JSON.stringify(form)).toBe(422)
    }
    expect(await server.prisma.apiToken.count({ where: { userId } })).toBe(0)
  })
})

describe('behind https', () => {
  let https: TestServer
  beforeAll(async () => {
    https = await startTestServer({ config: { publicUrl: 'https://tokencraft.example' } })
  })
  afterAll(() => https.close())
  const headers = { host: 'tokencraft.example' }

  it('names cookies with the __Host- prefix: Secure, Path=/, no Domain', async () => {
    const client = webClient(https.url)
    const form = await fetch(`${https.url}/signup`, { headers })
    const csrfCookie = form.headers.getSetCookie()[0] ?? ''
    expect(csrfCookie).toMatch(
      /^__Host-tokencraft_csrf=[^;]+; Path=\/; HttpOnly; SameSite=Lax; Secure$/,
    )
    // signing up through the prefixed cookies works, and the session cookie is prefixed too
    const csrf = (await form.text()).match(/name="_csrf" value="([^"]+)"/)?.[1] ?? ''
    client.cookies.set('__Host-tokencraft_csrf', csrf)
    const signup = await fetch(`${https.url}/signup`, {
      method: 'POST',
      redirect: 'manual',
      headers: {
        ...headers,
        'content-type': 'application/x-www-form-urlencoded',
        cookie: `__Host-tokencraft_csrf=${csrf}`,
      },
      body: new URLSearchParams({
        _csrf: csrf,
        email: 'host@example.com',
        password: 'long enough password',
      }),
    })
    expect(signup.status).toBe(303)
    const session = signup.headers
      .getSetCookie()
      .find((c) => c.startsWith('__Host-tokencraft_session='))
    expect(session).toMatch(/; Path=\/; HttpOnly; SameSite=Lax; Max-Age=2592000; Secure$/)
    expect(session).not.toMatch(/Domain=/i)
    const id = session?.split(';')[0]?.split('=')[1] ?? ''
    const page = (cookie: string) =>
      fetch(`${https.url}/settings/api`, { redirect: 'manual', headers: { ...headers, cookie } })
    expect((await page(`__Host-tokencraft_session=${id}`)).status).toBe(200)
    // the unprefixed name, which a subdomain or plain http could set, is not read over https
    expect((await page(`tokencraft_session=${id}`)).status).toBe(303)
  })

  it('sends HSTS for a year, and not over plain http', async () => {
    const page = await fetch(`${https.url}/login`, { headers })
    expect(page.headers.get('strict-transport-security')).toBe('max-age=31536000')
    const api = await fetch(`${https.url}/healthz`, { headers })
    expect(api.headers.get('strict-transport-security')).toBe('max-age=31536000')
    const plain = await fetch(`${server.url}/login`)
    expect(plain.headers.get('strict-transport-security')).toBeNull()
    expect(plain.headers.getSetCookie()[0]).toMatch(/^tokencraft_csrf=/)
  })
})
