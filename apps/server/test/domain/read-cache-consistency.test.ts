/**
 * list_tokens pages, exports and resolved snapshots (get_token, the token browser) come from
 * per-process caches keyed by the tokenset's revision:
 * every committed write is seen on the next read, in the writing process and in any other one.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { exportByModeName } from '../../src/domain/export.ts'
import { updateMode } from '../../src/domain/modes.ts'
import { createToken, getToken, listTokens, updateToken } from '../../src/domain/tokens.ts'
import { createTokenset } from '../../src/domain/tokensets.ts'
import { createWorkspace } from '../../src/domain/workspaces.ts'
import { userKey } from '../support/fixtures.ts'
import { describeWithPostgres } from '../support/postgres.ts'
import { startTestServer, type TestServer } from '../support/server.ts'
import { serverPairOnPostgres } from '../support/server-pair.ts'

const px = (value: number) => ({ value, unit: 'px' })

async function seed(server: TestServer) {
  const { caller } = await userKey(server.prisma, `cache-${Math.random()}@example.com`)
  const workspace = await createWorkspace(server.prisma, caller, { name: 'Cache' })
  const set = await createTokenset(server.prisma, caller, {
    workspace_id: workspace.id,
    name: 'Spacing',
  })
  await createToken(server.prisma, caller, {
    tokenset_id: set.id,
    name: 'space.m',
    type: 'dimension',
    values: { Base: px(8) },
  })
  return { caller, set }
}

/** Writes `space.m` (the token seed made) through `server`'s database, as a write in that process. */
const writeSpace = (server: TestServer, seeded: Awaited<ReturnType<typeof seed>>, value: unknown) =>
  updateToken(server.prisma, seeded.caller, {
    tokenset_id: seeded.set.id,
    name: 'space.m',
    values: { Base: value },
  })

describe('list_tokens read cache, one process', () => {
  let server: TestServer
  beforeAll(async () => {
    server = await startTestServer()
  })
  afterAll(() => server.close())

  it('serves the same page while nothing changed, even after a refused write', async () => {
    const { caller, set } = await seed(server)
    const first = await listTokens(server.prisma, caller, { tokenset_id: set.id })
    await expect(writeSpace(server, { caller, set }, 'not a dimension')).rejects.toThrow()
    expect(await listTokens(server.prisma, caller, { tokenset_id: set.id })).toBe(first)
  })

  it('shows a committed token write and a mode rename on the next read', async () => {
    const { caller, set } = await seed(server)
    await listTokens(server.prisma, caller, { tokenset_id: set.id })
    await writeSpace(server, { caller, set }, px(12))
    const updated = await listTokens(server.prisma, caller, { tokenset_id: set.id })
    expect(updated.tokens[0]?.values).toEqual({ Base: px(12) })
    await updateMode(server.prisma, caller, {
      mode_id: set.modes[0]?.id as string,
      name: 'Default',
    })
    const renamed = await listTokens(server.prisma, caller, { tokenset_id: set.id })
    expect(renamed.tokens[0]?.values).toEqual({ Default: px(12) })
  })

  it('exports what the tokenset holds now, and the same files again while nothing changed', async () => {
    const { caller, set } = await seed(server)
    const input = { tokenset_id: set.id, format: 'css' as const }
    const first = await exportByModeName(server.prisma, caller, input)
    expect(first.files[0]?.content).toContain('--space-m: 8px;')
    expect((await exportByModeName(server.prisma, caller, input)).files).toBe(first.files)
    await writeSpace(server, { caller, set }, px(10))
    const after = await exportByModeName(server.prisma, caller, input)
    expect(after.files[0]?.content).toContain('--space-m: 10px;')
  })

  it('resolves an alias against the referent as it is now', async () => {
    const { caller, set } = await seed(server)
    await createToken(server.prisma, caller, {
      tokenset_id: set.id,
      name: 'space.gap',
      type: 'dimension',
      values: { Base: '{space.m}' },
    })
    const read = () => getToken(server.prisma, caller, { tokenset_id: set.id, name: 'space.gap' })
    expect((await read()).modes[0]?.resolved).toEqual(px(8))
    await writeSpace(server, { caller, set }, px(24))
    const after = await read()
    expect(after.modes[0]).toMatchObject({
      raw: '{space.m}',
      resolved: px(24),
      alias_chain: ['space.m'],
    })
  })

  it('still checks access on every read: another user gets not found', async () => {
    const { caller, set } = await seed(server)
    await listTokens(server.prisma, caller, { tokenset_id: set.id })
    const stranger = await userKey(server.prisma, `stranger-${Math.random()}@example.com`)
    await expect(
      listTokens(server.prisma, stranger.caller, { tokenset_id: set.id }),
    ).rejects.toThrow(/not found/i)
  })
})

describeWithPostgres('list_tokens read cache, two processes on one PostgreSQL', () => {
  const servers = serverPairOnPostgres()

  it('shows a write made through the other process on the next read', async () => {
    const { first: one, second: two } = servers
    const { caller, set } = await seed(one)
    const before = await listTokens(one.prisma, caller, { tokenset_id: set.id })
    expect(await listTokens(one.prisma, caller, { tokenset_id: set.id })).toBe(before)
    await writeSpace(two, { caller, set }, px(16))
    const after = await listTokens(one.prisma, caller, { tokenset_id: set.id })
    expect(after.tokens[0]?.values).toEqual({ Base: px(16) })
    expect(after.tokens[0]?.version).toBe((before.tokens[0]?.version ?? 0) + 1)
  })
})
