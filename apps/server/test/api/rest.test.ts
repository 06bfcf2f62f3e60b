/**
 * REST v1 for CI with `tkc_` keys over fetch, as a shell script would use it: every export
 * format (the file itself per mode), the JSON error statuses, the bulk document, members, and
 * the OpenAPI document.
 */
import { SCOPES, type Scope } from '@tokencraft/shared'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { userKey } from '../support/fixtures.ts'
import { startTestServer, type TestServer } from '../support/server.ts'

let server: TestServer
let ownerKey: string
let strangerKey: string
let readOnlyKey: string
let workspaceId: string
let tokensetId: string
let lightId: string
let darkId: string

const key = async (email: string, scopes: Scope[]) =>
  (await userKey(server.prisma, email, scopes)).key

async function api(token: string, method: string, path: string, body?: unknown) {
  const response = await fetch(`${server.url}/api/v1${path}`, {
    method,
    headers: {
      Authorization: `Bearer ${token}`,
      ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}),
    },
    ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
  })
  const text = await response.text()
  const json = response.headers.get('content-type')?.startsWith('application/json')
    ? JSON.parse(text)
    : undefined
  return { status: response.status, headers: response.headers, text, json }
}

beforeAll(async () => {
  server = await startTestServer()
  ownerKey = await key('owner@example.com', [...SCOPES])
  readOnlyKey = await key('owner@example.com', ['read:tokens'])
  strangerKey = await key('stranger@example.com', [...SCOPES])
  workspaceId = (await api(ownerKey, 'POST', '/workspaces', { name: 'CI' })).json.id
  const set = await api(ownerKey, 'POST', `/workspaces/${workspaceId}/tokensets`, {
    name: 'Brand',
    modes: ['light', 'dark'],
  })
  tokensetId = set.json.id
  lightId = set.json.modes[0].id
  darkId = set.json.modes[1].id
  const put = await api(ownerKey, 'PUT', `/tokensets/${tokensetId}/modes/${lightId}/document`, {
    colors: {
      primary: {
        '500': {
          $type: 'color',
          $value: { colorSpace: 'srgb', components: [0.2, 0.4, 1] },
          $description: 'Primary',
        },
      },
    },
    spacing: { base: { $type: 'dimension', $value: { value: 16, unit: 'px' } } },
  })
  expect(put.status).toBe(200)
  await api(ownerKey, 'PUT', `/tokensets/${tokensetId}/modes/${darkId}/document`, {
    colors: {
      primary: {
        '500': { $type: 'color', $value: { colorSpace: 'srgb', components: [0.6, 0.7, 1] } },
      },
    },
  })
})
afterAll(() => server.close())

describe('exports with a tkc_ key', () => {
  const cases = [
    ['css', 'text/css', 'tokens.css', '--colors-primary-500'],
    ['json', 'application/json', 'tokens.json', '"$type": "color"'],
    ['ios', 'text/x-swift', 'DesignTokens.swift', 'colorsPrimary500'],
    ['android', 'application/xml', 'tokens.xml', 'colors_primary_500'],
  ] as const

  it.each(cases)('writes the %s file of one mode itself', async (format, type, file, marker) => {
    const response = await api(
      ownerKey,
      'GET',
      `/tokensets/${tokensetId}/modes/${darkId}/export?format=${format}`,
    )
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe(`${type}; charset=utf-8`)
    expect(response.headers.get('content-disposition')).toBe(`attachment; filename="${file}"`)
    expect(response.text).toContain(marker)
  })

  it.each(cases)('exports every mode as %s files', async (format, _type, file) => {
    const response = await api(ownerKey, 'GET', `/tokensets/${tokensetId}/export?format=${format}`)
    expect(response.status).toBe(200)
    expect(response.json.files.map((f: { name: string }) => f.name)).toEqual([file])
  })

  it('puts the default mode in :root and every mode under data-theme', async () => {
    const css = (await api(ownerKey, 'GET', `/tokensets/${tokensetId}/export?format=css`)).json
      .files[0].content
    expect(css).toContain(':root {')
    expect(css).toContain(':root[data-theme="dark"]')
  })

  it('refuses an unknown format (400), a missing export scope (403) and a stranger (404)', async () => {
    expect((await api(ownerKey, 'GET', `/tokensets/${tokensetId}/export?format=scss`)).status).toBe(
      400,
    )
    const noScope = await api(readOnlyKey, 'GET', `/tokensets/${tokensetId}/export?format=css`)
    expect(noScope.status).toBe(403)
    expect(noScope.json.error).toContain('export:tokens')
    const stranger = await api(
      strangerKey,
      'GET',
      `/tokensets/${tokensetId}/modes/${lightId}/export?format=css`,
    )
    expect(stranger.status).toBe(404)
    const missing = await api(strangerKey, 'GET', '/tokensets/nope/modes/nope/export?format=css')
    expect(stranger.json.error.replace(lightId, 'ID')).toBe(
      missing.json.error.replace('nope', 'ID'),
    )
  })
})

describe('the other routes', () => {
  it('reads tokens per mode and writes one mode at a time', async () => {
    const all = await api(ownerKey, 'GET', `/tokensets/${tokensetId}/tokens`)
    expect(all.json.tokens.map((t: { name: string }) => t.name)).toEqual([
      'colors.primary.500',
      'spacing.base',
    ])
    expect(Object.keys(all.json.tokens[0].values)).toEqual(['light', 'dark'])
    const created = await api(
      ownerKey,
      'POST',
      `/tokensets/${tokensetId}/modes/${lightId}/tokens`,
      {
        name: 'radius.small',
        type: 'dimension',
        value: { value: 4, unit: 'px' },
      },
    )
    expect(created.status).toBe(201)
    const patched = await api(
      ownerKey,
      'PATCH',
      `/tokensets/${tokensetId}/modes/${darkId}/tokens/radius.small`,
      {
        value: { value: 6, unit: 'px' },
      },
    )
    expect(patched.json.values).toEqual({
      light: { value: 4, unit: 'px' },
      dark: { value: 6, unit: 'px' },
    })
    const dark = await api(
      ownerKey,
      'GET',
      `/tokensets/${tokensetId}/modes/${darkId}/tokens/radius.small`,
    )
    expect(dark.json.token.values).toEqual({ dark: { value: 6, unit: 'px' } })
    expect(
      (
        await api(
          ownerKey,
          'DELETE',
          `/tokensets/${tokensetId}/modes/${darkId}/tokens/radius.small`,
        )
      ).status,
    ).toBe(200)
  })

  it('answers 400, 409 and 422 with a JSON error', async () => {
    const malformed = await api(
      ownerKey,
      'POST',
      `/workspaces/${workspaceId}/tokensets`,
      '{"name":',
    )
    expect(malformed.status).toBe(400)
    expect(typeof malformed.json.error).toBe('string')
    expect(
      (await api(ownerKey, 'POST', `/workspaces/${workspaceId}/tokensets`, { name: 'Brand' }))
        .status,
    ).toBe(409)
    const invalid = await api(
      ownerKey,
      'POST',
      `/tokensets/${tokensetId}/modes/${lightId}/tokens`,
      {
        name: 'bad',
        type: 'dimension',
        value: 'sixteen',
      },
    )
    expect(invalid.status).toBe(422)
    expect(invalid.json.error).toContain('bad')
    expect((await api(readOnlyKey, 'POST', '/workspaces', { name: 'X' })).status).toBe(403)
  })

  it('upserts a document all or nothing', async () => {
    const before = await api(ownerKey, 'GET', `/tokensets/${tokensetId}/export?format=json`)
    const broken = await api(
      ownerKey,
      'PUT',
      `/tokensets/${tokensetId}/modes/${lightId}/document`,
      {
        spacing: {
          base: { $type: 'dimension', $value: { value: 20, unit: 'px' } },
          loop: { $type: 'dimension', $value: '{spacing.loop}' },
        },
      },
    )
    expect(broken.status).toBe(422)
    expect(
      (await api(ownerKey, 'GET', `/tokensets/${tokensetId}/export?format=json`)).json,
    ).toEqual(before.json)
  })

  it('manages members: an owner adds a registered user by email, changes the role, removes them', async () => {
    const memberKey = await key('member@example.com', [...SCOPES])
    const added = await api(ownerKey, 'POST', `/workspaces/${workspaceId}/members`, {
      email: 'member@example.com',
      role: 'viewer',
    })
    expect(added.status).toBe(201)
    const userId = added.json.user_id
    expect(
      (await api(memberKey, 'POST', `/tokensets/${tokensetId}/modes`, { name: 'x' })).status,
    ).toBe(403)
    const changed = await api(ownerKey, 'PATCH', `/workspaces/${workspaceId}/members/${userId}`, {
      role: 'editor',
    })
    expect(changed.json.role).toBe('editor')
    expect(
      (await api(memberKey, 'POST', `/tokensets/${tokensetId}/modes`, { name: 'hc' })).status,
    ).toBe(201)
    expect(
      (
        await api(ownerKey, 'POST', `/workspaces/${workspaceId}/members`, {
          email: 'nobody@example.com',
          role: 'viewer',
        })
      ).status,
    ).toBe(404)
    expect(
      (await api(ownerKey, 'DELETE', `/workspaces/${workspaceId}/members/${userId}`)).status,
    ).toBe(200)
    expect((await api(memberKey, 'GET', `/workspaces/${workspaceId}`)).status).toBe(404)
  })

  it('lists every token without limit or cursor, and pages with them', async () => {
    const set = await api(ownerKey, 'POST', `/workspaces/${workspaceId}/tokensets`, {
      name: 'Many',
    })
    const modeId = set.json.modes[0].id
    const sizes = Object.fromEntries(
      Array.from({ length: 150 }, (_, i) => [
        `s${String(i).padStart(3, '0')}`,
        { $type: 'dimension', $value: { value: i, unit: 'px' } },
      ]),
    )
    const put = await api(ownerKey, 'PUT', `/tokensets/${set.json.id}/modes/${modeId}/document`, {
      size: sizes,
    })
    expect(put.status).toBe(200)
    for (const path of [
      `/tokensets/${set.json.id}/tokens`,
      `/tokensets/${set.json.id}/modes/${modeId}/tokens`,
    ]) {
      const all = await api(ownerKey, 'GET', path)
      expect(all.json.tokens).toHaveLength(150)
      expect(all.json.next_cursor).toBeNull()
      const first = await api(ownerKey, 'GET', `${path}?limit=100`)
      expect(first.json.tokens).toHaveLength(100)
      const rest = await api(ownerKey, 'GET', `${path}?cursor=${first.json.next_cursor}`)
      expect(rest.json.tokens.map((t: { name: string }) => t.name)[0]).toBe('size.s100')
      expect(rest.json.tokens).toHaveLength(50)
      expect(rest.json.next_cursor).toBeNull()
    }
  })

  it('serves an OpenAPI document of every route without a token', async () => {
    const response = await fetch(`${server.url}/api/v1/openapi.json`)
    expect(response.status).toBe(200)
    const doc = await response.json()
    expect(doc.openapi).toBe('3.1.0')
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/workspaces',
        '/workspaces/{id}',
        '/workspaces/{id}/tokensets',
        '/workspaces/{id}/members',
        '/tokensets/{id}',
        '/tokensets/{id}/modes',
        '/tokensets/{id}/modes/{modeId}',
        '/tokensets/{id}/tokens',
        '/tokensets/{id}/modes/{modeId}/tokens',
        '/tokensets/{id}/modes/{modeId}/tokens/{name}',
        '/tokensets/{id}/modes/{modeId}/document',
        '/tokensets/{id}/export',
        '/tokensets/{id}/modes/{modeId}/export',
      ]),
    )
  })
})
