/**
 * The domain rules against a real (PGlite) database: scope ∩ role, the not-a-member = not-found
 * rule, one default mode, validation of values and aliases, all-or-nothing imports, stale
 * versions, pagination and search.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Caller } from '../../src/domain/caller.ts'
import { DomainError } from '../../src/domain/errors.ts'
import { exportByModeName } from '../../src/domain/export.ts'
import { importTokens } from '../../src/domain/import.ts'
import { addMember, changeMemberRole, listMembers, removeMember } from '../../src/domain/members.ts'
import { createMode, deleteMode, listModes, updateMode } from '../../src/domain/modes.ts'
import { searchTokens } from '../../src/domain/search.ts'
import {
  createToken,
  deleteToken,
  getToken,
  listTokens,
  updateToken,
} from '../../src/domain/tokens.ts'
import { createTokenset, getTokenset } from '../../src/domain/tokensets.ts'
import { createWorkspace, deleteWorkspace, getWorkspace } from '../../src/domain/workspaces.ts'
import { startTestServer, type TestServer } from '../support/server.ts'

const ALL = ['read:tokens', 'write:tokens', 'export:tokens']
let server: TestServer
let owner: Caller
let viewer: Caller
let stranger: Caller
let workspaceId: string

async function user(email: string): Promise<string> {
  const row = await server.prisma.user.create({ data: { email, passwordHash: 'unused' } })
  return row.id
}

async function refusal(work: Promise<unknown>): Promise<DomainError> {
  const error = await work.then(
    () => undefined,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(DomainError)
  return error as DomainError
}

beforeAll(async () => {
  server = await startTestServer()
  owner = { userId: await user('owner@example.com'), scopes: ALL }
  viewer = { userId: await user('viewer@example.com'), scopes: ALL }
  stranger = { userId: await user('stranger@example.com'), scopes: ALL }
  workspaceId = (await createWorkspace(server.prisma, owner, { name: 'Design' })).id
  await addMember(server.prisma, owner, {
    workspace_id: workspaceId,
    email: 'VIEWER@example.com',
    role: 'viewer',
  })
})
afterAll(() => server.close())

describe('access', () => {
  it('answers a workspace the caller is not a member of exactly like a missing one', async () => {
    const foreign = await refusal(getWorkspace(server.prisma, stranger, workspaceId))
    const missing = await refusal(getWorkspace(server.prisma, stranger, 'no-such-id'))
    expect(foreign.kind).toBe('not_found')
    expect(missing.kind).toBe('not_found')
    expect(foreign.message.replace(workspaceId, 'X')).toBe(
      missing.message.replace('no-such-id', 'X'),
    )
  })

  it('refuses a viewer who writes, and a token without the scope', async () => {
    const byViewer = await refusal(
      createTokenset(server.prisma, viewer, { workspace_id: workspaceId, name: 'Nope' }),
    )
    expect(byViewer.kind).toBe('forbidden')
    expect(byViewer.message).toMatch(/viewer.*editor or above/)
    const readOnly = { ...owner, scopes: ['read:tokens'] }
    const noScope = await refusal(
      createTokenset(server.prisma, readOnly, { workspace_id: workspaceId, name: 'Nope' }),
    )
    expect(noScope.kind).toBe('insufficient_scope')
    expect(noScope.scope).toBe('write:tokens')
  })

  it('lets only the owner delete a workspace, and admins manage members', async () => {
    const ws = await createWorkspace(server.prisma, owner, { name: 'Temp' })
    const adminId = await user('admin@example.com')
    await addMember(server.prisma, owner, {
      workspace_id: ws.id,
      email: 'admin@example.com',
      role: 'admin',
    })
    const admin = { userId: adminId, scopes: ALL }
    expect((await refusal(deleteWorkspace(server.prisma, admin, ws.id))).kind).toBe('forbidden')
    const added = await addMember(server.prisma, admin, {
      workspace_id: ws.id,
      email: 'viewer@example.com',
      role: 'editor',
    })
    expect(added.role).toBe('editor')
    await changeMemberRole(server.prisma, admin, {
      workspace_id: ws.id,
      user_id: viewer.userId,
      role: 'viewer',
    })
    const editorOnly = await refusal(
      addMember(server.prisma, viewer, {
        workspace_id: ws.id,
        email: 'stranger@example.com',
        role: 'admin',
      }),
    )
    expect(editorOnly.kind).toBe('forbidden')
    const ownerRole = await refusal(
      changeMemberRole(server.prisma, admin, {
        workspace_id: ws.id,
        user_id: owner.userId,
        role: 'viewer',
      }),
    )
    expect(ownerRole.kind).toBe('forbidden')
    expect(
      (
        await refusal(
          addMember(server.prisma, admin, {
            workspace_id: ws.id,
            email: 'nobody@example.com',
            role: 'viewer',
          }),
        )
      ).message,
    ).toMatch(/sign up/)
    await removeMember(server.prisma, admin, { workspace_id: ws.id, user_id: viewer.userId })
    const members = await listMembers(server.prisma, owner, ws.id)
    expect(members.map((m) => m.role).sort()).toEqual(['admin', 'owner'])
    await deleteWorkspace(server.prisma, owner, ws.id)
    expect((await refusal(getWorkspace(server.prisma, owner, ws.id))).kind).toBe('not_found')
  })
})

describe('tokensets and modes', () => {
  it('gives a new tokenset the default mode Base, or the first named mode', async () => {
    const plain = await createTokenset(server.prisma, owner, {
      workspace_id: workspaceId,
      name: 'Plain',
    })
    expect(plain.modes.map((m) => [m.name, m.is_default])).toEqual([['Base', true]])
    const themed = await createTokenset(server.prisma, owner, {
      workspace_id: workspaceId,
      name: 'Themed',
      modes: ['Light', 'Dark'],
    })
    expect(themed.modes.map((m) => [m.name, m.is_default])).toEqual([
      ['Light', true],
      ['Dark', false],
    ])
  })

  it('always keeps exactly one default mode', async () => {
    const set = await createTokenset(server.prisma, owner, {
      workspace_id: workspaceId,
      name: 'Modes',
    })
    const dark = await createMode(server.prisma, owner, {
      tokenset_id: set.id,
      name: 'Dark',
      is_default: true,
    })
    let modes = await listModes(server.prisma, owner, set.id)
    expect(modes.filter((m) => m.is_default).map((m) => m.name)).toEqual(['Dark'])
    const base = modes.find((m) => m.name === 'Base')
    const refused = await refusal(deleteMode(server.prisma, owner, dark.id))
    expect(refused.message).toMatch(/default mode/)
    await updateMode(server.prisma, owner, { mode_id: base?.id as string, is_default: true })
    await deleteMode(server.prisma, owner, dark.id)
    modes = await listModes(server.prisma, owner, set.id)
    expect(modes.map((m) => [m.name, m.is_default])).toEqual([['Base', true]])
  })
})

describe('tokens', () => {
  let setId: string
  beforeAll(async () => {
    setId = (
      await createTokenset(server.prisma, owner, {
        workspace_id: workspaceId,
        name: 'Colors',
        modes: ['Light', 'Dark'],
      })
    ).id
  })

  it('validates values against the type and names the token', async () => {
    const error = await refusal(
      createToken(server.prisma, owner, {
        tokenset_id: setId,
        name: 'spacing.base',
        type: 'dimension',
        values: { Light: 'sixteen' },
      }),
    )
    expect(error.kind).toBe('invalid')
    expect(error.message).toContain('spacing.base')
  })

  it('requires aliases to resolve, without cycles', async () => {
    await createToken(server.prisma, owner, {
      tokenset_id: setId,
      name: 'blue.500',
      type: 'color',
      values: { Light: { colorSpace: 'srgb', components: [0, 0.4, 1] } },
    })
    await createToken(server.prisma, owner, {
      tokenset_id: setId,
      name: 'primary',
      type: 'color',
      values: { Light: '{blue.500}' },
      description: 'brand primary',
    })
    const dangling = await refusal(
      createToken(server.prisma, owner, {
        tokenset_id: setId,
        name: 'accent',
        type: 'color',
        values: { Light: '{missing.token}' },
      }),
    )
    expect(dangling.message).toContain('missing.token')
    const cycle = await refusal(
      updateToken(server.prisma, owner, {
        tokenset_id: setId,
        name: 'blue.500',
        values: { Light: '{primary}' },
      }),
    )
    expect(cycle.kind).toBe('invalid')
    const inUse = await refusal(
      deleteToken(server.prisma, owner, { tokenset_id: setId, name: 'blue.500' }),
    )
    expect(inUse.message).toContain('blue.500')
    const detail = await getToken(server.prisma, owner, { tokenset_id: setId, name: 'primary' })
    const dark = detail.modes.find((m) => m.mode === 'Dark')
    expect(dark).toEqual({
      mode: 'Dark',
      raw: '{blue.500}',
      resolved: { colorSpace: 'srgb', components: [0, 0.4, 1] },
      alias_chain: ['blue.500'],
    })
  })

  it('pages list_tokens with next_cursor and searches name, description and value', async () => {
    const doc: Record<string, unknown> = {}
    for (let i = 0; i < 7; i++) doc[`n${i}`] = { $type: 'number', $value: i * 11 }
    await importTokens(server.prisma, owner, {
      tokenset_id: setId,
      mode: 'Light',
      document: { size: doc },
    })
    const names: string[] = []
    let cursor: string | undefined
    let pages = 0
    do {
      const page = await listTokens(server.prisma, owner, {
        tokenset_id: setId,
        name_prefix: 'size.',
        limit: 3,
        ...(cursor ? { cursor } : {}),
      })
      names.push(...page.tokens.map((t) => t.name))
      cursor = page.next_cursor ?? undefined
      pages++
    } while (cursor)
    expect(pages).toBe(3)
    expect(names).toEqual([
      'size.n0',
      'size.n1',
      'size.n2',
      'size.n3',
      'size.n4',
      'size.n5',
      'size.n6',
    ])
    const byValue = await searchTokens(server.prisma, owner, {
      workspace_id: workspaceId,
      query: '66',
    })
    expect(byValue.tokens.map((t) => t.name)).toEqual(['size.n6'])
    const byWords = await searchTokens(server.prisma, owner, {
      workspace_id: workspaceId,
      query: 'BRAND primary',
    })
    expect(byWords.tokens.map((t) => t.name)).toEqual(['primary'])
    const foreign = await refusal(
      searchTokens(server.prisma, stranger, { workspace_id: workspaceId, query: 'primary' }),
    )
    expect(foreign.kind).toBe('not_found')
  })

  it('imports all or nothing: a broken document leaves the tokenset as it was', async () => {
    const before = await exportByModeName(server.prisma, owner, {
      tokenset_id: setId,
      format: 'json',
    })
    const setBefore = await getTokenset(server.prisma, owner, setId)
    const error = await refusal(
      importTokens(server.prisma, owner, {
        tokenset_id: setId,
        mode: 'Contrast',
        document: {
          blue: {
            '500': { $type: 'color', $value: { colorSpace: 'srgb', components: [1, 0, 0] } },
          },
          broken: { $type: 'dimension', $value: { value: 'x', unit: 'px' } },
        },
      }),
    )
    expect(error.message).toContain('broken')
    expect(
      await exportByModeName(server.prisma, owner, { tokenset_id: setId, format: 'json' }),
    ).toEqual(before)
    expect(await getTokenset(server.prisma, owner, setId)).toEqual(setBefore)
  })

  it('creates a missing mode on import and upserts by name', async () => {
    const result = await importTokens(server.prisma, owner, {
      tokenset_id: setId,
      mode: 'Contrast',
      document: {
        blue: {
          '500': { $type: 'color', $value: { colorSpace: 'srgb', components: [0, 0, 0.5] } },
        },
      },
    })
    expect(result.mode_created).toBe(true)
    expect(result.updated).toEqual(['blue.500'])
    const created = await importTokens(server.prisma, owner, {
      tokenset_id: setId,
      mode: 'Light',
      document: { extra: { $type: 'string', $value: 'x' } },
    })
    expect(created.created).toEqual(['extra'])
    const detail = await getToken(server.prisma, owner, { tokenset_id: setId, name: 'primary' })
    expect(detail.modes.find((m) => m.mode === 'Contrast')?.resolved).toEqual({
      colorSpace: 'srgb',
      components: [0, 0, 0.5],
    })
  })

  // Concurrent updates (no version, and the same version at once) are tested on PostgreSQL:
  // concurrency-postgres.test.ts. PGlite runs one transaction at a time.
  it('refuses an update that carries a version the token no longer has', async () => {
    const { token: start } = await createToken(server.prisma, owner, {
      tokenset_id: setId,
      name: 'race',
      type: 'number',
      values: { Light: 0 },
    })
    const { token: current } = await updateToken(server.prisma, owner, {
      tokenset_id: setId,
      name: 'race',
      values: { Light: 1 },
      version: start.version,
    })
    expect(current.version).toBe(start.version + 1)
    const stale = await refusal(
      updateToken(server.prisma, owner, {
        tokenset_id: setId,
        name: 'race',
        values: { Light: 2 },
        version: start.version,
      }),
    )
    expect(stale.kind).toBe('conflict')
    const after = await getToken(server.prisma, owner, { tokenset_id: setId, name: 'race' })
    expect(after.token.values.Light).toBe(1)
  })
})
