/**
 * The `/` page through its forms (no browser JavaScript needed): workspaces → tokensets →
 * tokens with values per mode and colour swatches; creating a tokenset and a token; members
 * added by email, given another role and removed; a viewer sees no edit forms.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { signedUp, type WebClient } from '../auth/web-client.ts'
import { startTestServer, type TestServer } from '../support/server.ts'

let server: TestServer
let owner: WebClient
let viewer: WebClient
let workspaceId: string

const html = async (response: Response) => response.text()

beforeAll(async () => {
  server = await startTestServer()
  owner = await signedUp(server.url, 'owner@example.com')
  viewer = await signedUp(server.url, 'viewer@example.com')
  const page = await html(await owner.get('/'))
  workspaceId = page.match(/href="\/\?workspace=([^"&]+)"/)?.[1] as string
})
afterAll(() => server.close())

describe('the / page', () => {
  it('sends a visitor without a session to log in', async () => {
    const response = await fetch(`${server.url}/`, { redirect: 'manual' })
    expect(response.status).toBe(303)
    expect(response.headers.get('location')).toBe('/login?next=%2F')
  })

  it('creates a tokenset and a token, and shows values per mode with a swatch', async () => {
    await owner.get(`/?workspace=${workspaceId}`)
    const created = await owner.post(`/workspaces/${workspaceId}/tokensets`, {
      name: 'Brand',
      modes: 'Light, Dark',
    })
    expect(created.status).toBe(303)
    const location = created.headers.get('location') as string
    const tokensetId = new URLSearchParams(location.split('?')[1]).get('tokenset') as string
    let page = await html(await owner.get(location))
    expect(page).toContain('Create token')
    const token = await owner.post(`/tokensets/${tokensetId}/tokens`, {
      name: 'colors.primary',
      type: 'color',
      'value:Light': '#3366ff',
      // Any CSS color: the form's text goes through the same normalizer as every write.
      'value:Dark': 'rgb(153 170 255)',
      description: 'Primary brand colour',
    })
    expect(token.status).toBe(303)
    page = await html(await owner.get(token.headers.get('location') as string))
    expect(page).toContain('colors.primary')
    expect(page).toContain('Primary brand colour')
    expect(page).toMatch(/<th>Light<span class="hint"> \(default\)<\/span><\/th><th>Dark<\/th>/)
    expect(page).toContain('class="swatch"')
    expect(page).toContain('alt="#3366ff"')
    expect(page).toContain('alt="#99aaff"')
  })

  it('shows a refusal with its reason when a value does not fit the type', async () => {
    const page = await html(await owner.get(`/?workspace=${workspaceId}`))
    const tokensetId = page.match(/tokenset=([^"&]+)"/)?.[1] as string
    const response = await owner.post(`/tokensets/${tokensetId}/tokens`, {
      name: 'spacing.bad',
      type: 'dimension',
      'value:Light': 'wide',
    })
    expect(response.status).toBe(422)
    expect(await html(response)).toContain('spacing.bad')
  })

  it('lets the owner add a member by email, change the role and remove them', async () => {
    await owner.get(`/?workspace=${workspaceId}`)
    const added = await owner.post(`/workspaces/${workspaceId}/members`, {
      email: 'viewer@example.com',
      role: 'viewer',
    })
    expect(added.status).toBe(303)
    let page = await html(await viewer.get(`/?workspace=${workspaceId}`))
    expect(page).toContain('Brand')
    expect(page).not.toContain('Create tokenset')
    expect(page).not.toContain('Create token<')
    expect(page).not.toContain('Add member')
    const userId = (
      await server.prisma.user.findUniqueOrThrow({ where: { email: 'viewer@example.com' } })
    ).id
    await owner.post(`/workspaces/${workspaceId}/members/${userId}`, { role: 'editor' })
    page = await html(await viewer.get(`/?workspace=${workspaceId}`))
    expect(page).toContain('Create tokenset')
    const unknown = await owner.post(`/workspaces/${workspaceId}/members`, {
      email: 'nobody@example.com',
      role: 'viewer',
    })
    expect(unknown.status).toBe(404)
    expect(await html(unknown)).toContain('sign up first')
    await owner.post(`/workspaces/${workspaceId}/members/${userId}/remove`, {})
    const gone = await viewer.get(`/?workspace=${workspaceId}`)
    expect(gone.status).toBe(404)
  })

  it('refuses a form without the CSRF token', async () => {
    const response = await owner.post(
      `/workspaces/${workspaceId}/tokensets`,
      { name: 'X' },
      { csrf: null },
    )
    expect(response.status).toBe(403)
  })
})
