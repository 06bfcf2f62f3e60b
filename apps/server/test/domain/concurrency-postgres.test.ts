/**
 * Writes that race, on a real PostgreSQL (PGlite runs one transaction at a time, so there these
 * races cannot happen and their rules cannot fail): concurrent token updates without and with a
 * version, one authorization code redeemed many times at once, one refresh token refreshed many
 * times at once, membership changes that cross, and an import that fails after its first write.
 */
import { afterAll, beforeAll, expect, it } from 'vitest'
import type { Caller } from '../../src/domain/caller.ts'
import { DomainError } from '../../src/domain/errors.ts'
import { importTokens } from '../../src/domain/import.ts'
import { addMember, changeMemberRole, listMembers, removeMember } from '../../src/domain/members.ts'
import { createToken, getToken, listTokens, updateToken } from '../../src/domain/tokens.ts'
import { createTokenset, getTokenset } from '../../src/domain/tokensets.ts'
import { createWorkspace } from '../../src/domain/workspaces.ts'
import { TestBrowser } from '../oauth-cimd/support/browser.ts'
import { apiStatus, authorize, exchangeCode, refresh } from '../oauth-cimd/support/oauth-flow.ts'
import { userKey } from '../support/fixtures.ts'
import {
  createPostgresDatabase,
  describeWithPostgres,
  type PostgresDatabase,
} from '../support/postgres.ts'
import { startTestServer, type TestServer } from '../support/server.ts'

const REDIRECT = 'http://127.0.0.1/callback'

type Refused = { refused: string }

/** The outcome of each promise: its value, or the DomainError kind it was refused with. */
async function outcomes<T>(work: Promise<T>[]): Promise<(T | Refused)[]> {
  const settled = await Promise.allSettled(work)
  return settled.map((result) => {
    if (result.status === 'fulfilled') return result.value
    if (result.reason instanceof DomainError) return { refused: result.reason.kind }
    throw result.reason
  })
}

const isRefused = (result: unknown): result is Refused =>
  typeof result === 'object' && result !== null && 'refused' in result

async function registerPublicClient(serverUrl: string): Promise<string> {
  const response = await fetch(`${serverUrl}/api/oauth/mcp/register`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      client_name: 'Racing Agent',
      redirect_uris: [REDIRECT],
      token_endpoint_auth_method: 'none',
      grant_types: ['authorization_code', 'refresh_token'],
    }),
  })
  expect(response.status).toBe(201)
  return ((await response.json()) as { client_id: string }).client_id
}

describeWithPostgres('racing writes on PostgreSQL', () => {
  let database: PostgresDatabase
  let server: TestServer
  let owner: Caller
  let tokensetId: string

  beforeAll(async () => {
    database = await createPostgresDatabase()
    server = await startTestServer({ databaseUrl: database.url })
    owner = (await userKey(server.prisma, 'racer@example.com')).caller
    const workspace = await createWorkspace(server.prisma, owner, { name: 'Races' })
    tokensetId = (
      await createTokenset(server.prisma, owner, { workspace_id: workspace.id, name: 'Set' })
    ).id
  })
  afterAll(async () => {
    await server?.close()
    await database?.drop()
  })

  it('applies every one of 50 concurrent updates of one token, each raising its version', async () => {
    const { token: start } = await createToken(server.prisma, owner, {
      tokenset_id: tokensetId,
      name: 'race.burst',
      type: 'number',
      values: { Base: 0 },
    })
    const values = Array.from({ length: 50 }, (_, i) => i + 1)
    const results = await outcomes(
      values.map((value) =>
        updateToken(server.prisma, owner, {
          tokenset_id: tokensetId,
          name: 'race.burst',
          values: { Base: value },
        }),
      ),
    )
    expect(results.filter(isRefused)).toEqual([])
    const after = await getToken(server.prisma, owner, {
      tokenset_id: tokensetId,
      name: 'race.burst',
    })
    expect(after.token.version).toBe(start.version + 50)
    expect(values).toContain(after.token.values.Base)
  })

  it('loses no change of concurrent updates made without a version, each to another field', async () => {
    await createToken(server.prisma, owner, {
      tokenset_id: tokensetId,
      name: 'race.fields',
      type: 'number',
      values: { Base: 0 },
    })
    const target = { tokenset_id: tokensetId, name: 'race.fields' }
    for (let round = 1; round <= 10; round++) {
      await updateToken(server.prisma, owner, {
        ...target,
        description: null,
        deprecated: null,
        extensions: null,
      })
      // An update that read the token before another one committed, and wrote every field as
      // it read them, would put the other update's field back to null.
      const results = await outcomes([
        updateToken(server.prisma, owner, { ...target, description: `round ${round}` }),
        updateToken(server.prisma, owner, { ...target, deprecated: `round ${round}` }),
        updateToken(server.prisma, owner, { ...target, extensions: { 'com.example': round } }),
      ])
      expect(results.filter(isRefused)).toEqual([])
      const { token } = await getToken(server.prisma, owner, target)
      expect([token.description, token.deprecated, token.extensions]).toEqual([
        `round ${round}`,
        `round ${round}`,
        { 'com.example': round },
      ])
    }
  })

  it('lets exactly one of 10 concurrent updates carrying the same version through', async () => {
    const { token: start } = await createToken(server.prisma, owner, {
      tokenset_id: tokensetId,
      name: 'race.versioned',
      type: 'number',
      values: { Base: 0 },
    })
    const results = await outcomes(
      Array.from({ length: 10 }, (_, i) =>
        updateToken(server.prisma, owner, {
          tokenset_id: tokensetId,
          name: 'race.versioned',
          values: { Base: i + 1 },
          version: start.version,
        }),
      ),
    )
    expect(results.filter(isRefused)).toEqual(
      Array.from({ length: 9 }, () => ({ refused: 'conflict' })),
    )
    const after = await getToken(server.prisma, owner, {
      tokenset_id: tokensetId,
      name: 'race.versioned',
    })
    expect(after.token.version).toBe(start.version + 1)
  })

  it('leaves nothing of an import that fails after its first writes', async () => {
    // A fault of the database's own, midway: the import bumps the tokenset's revision and writes
    // the tokens, then writing the value marked below fails.
    await server.prisma.$executeRawUnsafe(`
      CREATE FUNCTION refuse_marked_value() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.value = '"fail here"'::jsonb THEN RAISE EXCEPTION 'injected failure'; END IF;
        RETURN NEW;
      END $$`)
    await server.prisma.$executeRawUnsafe(`
      CREATE TRIGGER refuse_marked_value BEFORE INSERT ON token_values
      FOR EACH ROW EXECUTE FUNCTION refuse_marked_value()`)
    try {
      const before = await getTokenset(server.prisma, owner, tokensetId)
      const read = () => listTokens(server.prisma, owner, { tokenset_id: tokensetId, limit: null })
      const tokensBefore = await read()
      await expect(
        importTokens(server.prisma, owner, {
          tokenset_id: tokensetId,
          mode: 'Base',
          document: {
            imported: {
              first: { $type: 'string', $value: 'written' },
              second: { $type: 'string', $value: 'fail here' },
            },
          },
        }),
      ).rejects.toThrow(/injected failure/)
      expect(await getTokenset(server.prisma, owner, tokensetId)).toEqual(before)
      expect((await read()).tokens).toEqual(tokensBefore.tokens)
      expect(
        await server.prisma.token.count({ where: { name: { startsWith: 'imported.' } } }),
      ).toBe(0)
    } finally {
      await server.prisma.$executeRawUnsafe('DROP TRIGGER refuse_marked_value ON token_values')
      await server.prisma.$executeRawUnsafe('DROP FUNCTION refuse_marked_value()')
    }
  })

  it('adds a member once when the same person is added 10 times at once', async () => {
    const workspace = await createWorkspace(server.prisma, owner, { name: 'Team' })
    await userKey(server.prisma, 'newcomer@example.com')
    const results = await outcomes(
      Array.from({ length: 10 }, () =>
        addMember(server.prisma, owner, {
          workspace_id: workspace.id,
          email: 'newcomer@example.com',
          role: 'editor',
        }),
      ),
    )
    expect(results.filter(isRefused)).toEqual(
      Array.from({ length: 9 }, () => ({ refused: 'conflict' })),
    )
    const members = await listMembers(server.prisma, owner, workspace.id)
    expect(members.map((m) => [m.email, m.role]).sort()).toEqual([
      ['newcomer@example.com', 'editor'],
      ['racer@example.com', 'owner'],
    ])
  })

  it('settles a role change and a removal of one member made at once, either way round', async () => {
    const workspace = await createWorkspace(server.prisma, owner, { name: 'Crossing' })
    const member = await userKey(server.prisma, 'leaving@example.com')
    for (let round = 0; round < 5; round++) {
      await addMember(server.prisma, owner, {
        workspace_id: workspace.id,
        email: 'leaving@example.com',
        role: 'viewer',
      })
      const input = { workspace_id: workspace.id, user_id: member.userId }
      const [changed, removed] = await outcomes<unknown>([
        changeMemberRole(server.prisma, owner, { ...input, role: 'admin' }),
        removeMember(server.prisma, owner, input),
      ])
      // the removal always lands; the role change came first, or finds no member left
      expect(removed).toEqual({ id: member.userId, deleted: true })
      if (isRefused(changed)) expect(changed).toEqual({ refused: 'not_found' })
      else expect(changed).toMatchObject({ user_id: member.userId, role: 'admin' })
      const members = await listMembers(server.prisma, owner, workspace.id)
      expect(members.map((m) => m.email)).toEqual(['racer@example.com'])
    }
  })

  it('issues tokens once for an authorization code redeemed 10 times at once, then revokes them', async () => {
    const browser = new TestBrowser(server.url)
    await browser.signUp('code-racer@example.com')
    const client = await registerPublicClient(server.url)
    const { code, verifier } = await authorize(browser, server.url, {
      clientId: client,
      redirectUri: REDIRECT,
    })
    const answers = await Promise.all(
      Array.from({ length: 10 }, () =>
        exchangeCode(server.url, { clientId: client, redirectUri: REDIRECT, code, verifier }),
      ),
    )
    const issued = answers.filter((a) => a.status === 200)
    expect(issued).toHaveLength(1)
    expect(answers.filter((a) => a.status === 400).map((a) => a.body.error)).toEqual(
      Array.from({ length: 9 }, () => 'invalid_grant'),
    )
    const grants = await server.prisma.oAuthGrant.findMany({ where: { clientId: client } })
    expect(grants).toHaveLength(1)
    // a code presented again may have leaked: what it issued is revoked (OAuth 2.1 §4.1.3)
    expect(grants[0]?.revokedAt).not.toBeNull()
    expect(await apiStatus(server.url, issued[0]?.body.access_token as string)).toBe(401)
  })

  it('rotates a refresh token once when it is refreshed 10 times at once, and all get that pair', async () => {
    const browser = new TestBrowser(server.url)
    await browser.signUp('refresh-racer@example.com')
    const client = await registerPublicClient(server.url)
    const { code, verifier } = await authorize(browser, server.url, {
      clientId: client,
      redirectUri: REDIRECT,
    })
    const first = await exchangeCode(server.url, {
      clientId: client,
      redirectUri: REDIRECT,
      code,
      verifier,
    })
    const refreshToken = first.body.refresh_token as string
    const answers = await Promise.all(
      Array.from({ length: 10 }, () => refresh(server.url, client, refreshToken)),
    )
    expect(answers.map((a) => a.status)).toEqual(Array.from({ length: 10 }, () => 200))
    expect(new Set(answers.map((a) => a.body.refresh_token)).size).toBe(1)
    expect(new Set(answers.map((a) => a.body.access_token)).size).toBe(1)
    const family = await server.prisma.refreshToken.count({
      where: { grant: { clientId: client } },
    })
    expect(family).toBe(2) // the one presented and its one replacement
    expect(await apiStatus(server.url, answers[0]?.body.access_token as string)).toBe(200)
  })
})
