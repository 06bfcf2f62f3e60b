/**
 * Tokens of a tokenset: read one or a page of them, create, update, delete. Every write locks
 * the tokenset, checks the whole set after the change (requireValid) and bumps the token's
 * version, so concurrent updates of one token queue instead of losing a write.
 */
import type { TokenView } from '@tokencraft/shared'
import {
  aliasOf,
  type Change,
  type FlatToken,
  fillDefaultMode,
  type JsonValue,
  normalizeToken,
  type TokenError,
  tokenType,
  tokenValues,
} from '@tokencraft/tokens'
import { Prisma } from '../generated/prisma/client.ts'
import { tokensetAccess } from './access.ts'
import type { Caller } from './caller.ts'
import { type Db, inTransaction, lockTokenset, type Tx } from './db.ts'
import { conflict, invalid, notFound } from './errors.ts'
import {
  flatToken,
  knownTokens,
  loadTokenset,
  refusal,
  requireValid,
  type StoredTokenset,
} from './model.ts'
import { perDatabase } from './read-cache.ts'
import { tokensetSnapshot } from './snapshot.ts'
import { selectTokens, type TokenRow, tokenView } from './views.ts'

const PAGE = 100

/** An opaque cursor: the name of the last token of the previous page. */
const encodeCursor = (name: string) => Buffer.from(name, 'utf8').toString('base64url')
const decodeCursor = (cursor: string) => Buffer.from(cursor, 'base64url').toString('utf8')

function unknownMode(stored: { modes: { name: string }[] }, mode: string) {
  return invalid(
    `mode "${mode}" does not exist in this tokenset; its modes are ${stored.modes.map((m) => `"${m.name}"`).join(', ')}`,
  )
}

type TokenPage = { tokens: TokenView[]; next_cursor: string | null }

type ListTokensInput = {
  tokenset_id: string
  mode?: string | undefined
  name_prefix?: string | undefined
  type?: string | undefined
  cursor?: string | undefined
  /** Page size; absent: PAGE; null: every token from the cursor on, in one answer. */
  limit?: number | null | undefined
}

/**
 * Pages already built, by tokenset revision and arguments (read-cache.ts): an agent or a CI job
 * reading the same tokenset again costs one access query instead of rebuilding the page. Weighed
 * in tokens; pages are shared between requests and never changed after they are built.
 */
const tokenPages = perDatabase<TokenPage>({ maxWeight: 50_000, ttlMs: 5 * 60_000 })

export async function listTokens(
  db: Db,
  caller: Caller,
  input: ListTokensInput,
): Promise<TokenPage> {
  const access = await tokensetAccess(db, caller, input.tokenset_id, 'read')
  const limit = input.limit === undefined ? PAGE : input.limit
  const key = JSON.stringify([
    access.id,
    access.revision,
    input.mode ?? null,
    input.type ?? null,
    input.name_prefix ?? null,
    input.cursor ?? null,
    limit,
  ])
  return tokenPages(db).getOrLoad(
    key,
    () => buildTokenPage(db, input, limit),
    (page) => page.tokens.length + 1,
  )
}

async function buildTokenPage(
  db: Db,
  input: ListTokensInput,
  limit: number | null,
): Promise<TokenPage> {
  const conditions = [Prisma.sql`t.tokenset_id = ${input.tokenset_id}`]
  if (input.type !== undefined) conditions.push(Prisma.sql`t.type = ${input.type}`)
  if (input.name_prefix !== undefined) {
    conditions.push(Prisma.sql`starts_with(t.name, ${input.name_prefix})`)
  }
  if (input.cursor !== undefined)
    conditions.push(Prisma.sql`t.name > ${decodeCursor(input.cursor)}`)
  const rows = await selectTokens(
    db,
    Prisma.join(conditions, ' AND '),
    limit === null ? undefined : limit + 1,
  )
  if (input.mode !== undefined) {
    const modes = await db.mode.findMany({
      where: { tokensetId: input.tokenset_id },
      select: { name: true },
    })
    if (!modes.some((m) => m.name === input.mode)) throw unknownMode({ modes }, input.mode)
  }
  const page = limit === null ? rows : rows.slice(0, limit)
  const last = page[page.length - 1]
  return {
    tokens: page.map((row) => tokenView(row, input.mode)),
    next_cursor: limit !== null && rows.length > limit && last ? encodeCursor(last.name) : null,
  }
}

const tokenNotFound = (name: string) =>
  notFound(`Token "${name}" (list_tokens or search_tokens shows the names that exist)`)

function findToken(stored: StoredTokenset, name: string) {
  const index = stored.rows.findIndex((row) => row.name === name)
  if (index < 0) throw tokenNotFound(name)
  return index
}

export async function getToken(
  db: Db,
  caller: Caller,
  input: { tokenset_id: string; name: string },
) {
  const access = await tokensetAccess(db, caller, input.tokenset_id, 'read')
  const snapshot = await tokensetSnapshot(db, access)
  const index = snapshot.index.get(input.name)
  if (index === undefined) throw tokenNotFound(input.name)
  const row = snapshot.rows[index] as StoredTokenset['rows'][number]
  const token = snapshot.tokens[index] as FlatToken
  const fallbackMode = snapshot.defaultMode.name
  const modes = snapshot.modes.map((mode) => {
    const entry = snapshot.resolved.get(mode.name)?.get(input.name)
    return {
      mode: mode.name,
      raw: token.values[mode.name] ?? token.values[fallbackMode] ?? null,
      resolved: entry?.value ?? null,
      alias_chain: entry?.aliasChain ?? [],
    }
  })
  return { token: tokenView(row), modes }
}

/** Prisma's way to write SQL NULL into a nullable JSON column. */
const jsonOrNull = (value: unknown) =>
  value === null || value === undefined ? Prisma.DbNull : (value as Prisma.InputJsonValue)

/** Writes a token's values in the named modes (null removes the mode's value). */
async function writeValues(
  tx: Tx,
  tokenId: string,
  values: Record<string, unknown>,
  modeIds: ReadonlyMap<string, string>,
) {
  for (const [mode, value] of Object.entries(values)) {
    const modeId = modeIds.get(mode) as string
    if (value === null) {
      await tx.tokenValue.deleteMany({ where: { tokenId, modeId } })
    } else {
      await tx.tokenValue.upsert({
        where: { tokenId_modeId: { tokenId, modeId } },
        create: { tokenId, modeId, value: value as Prisma.InputJsonValue },
        update: { value: value as Prisma.InputJsonValue },
      })
    }
  }
}

async function readToken(tx: Tx, tokenId: string) {
  const [row] = await selectTokens(tx, Prisma.sql`t.id = ${tokenId}`)
  return tokenView(row as TokenRow)
}

function checkModes(stored: StoredTokenset, values: Record<string, unknown>) {
  for (const mode of Object.keys(values)) {
    if (!stored.modeIds.has(mode)) throw unknownMode(stored, mode)
  }
}

const modeNamesOf = (stored: StoredTokenset) => stored.modes.map((m) => m.name)

/** The hosted product's one-mode arguments: a value (or an alias) in one mode, by mode id. */
export type OneModeInput = {
  mode_id?: string | undefined
  value?: unknown
  alias_to?: string | undefined
}

/**
 * Values by mode name from either form of arguments: `values`, or `value`/`alias_to` in
 * `mode_id` (the default mode when absent). Undefined when neither is given.
 */
function valuesOf(
  stored: StoredTokenset,
  input: OneModeInput & { values?: Record<string, unknown> | undefined },
): Record<string, unknown> | undefined {
  const oneMode = input.value !== undefined || input.alias_to !== undefined
  if (input.values !== undefined && oneMode) {
    throw invalid('give values (by mode name) or value/alias_to (with mode_id), not both')
  }
  if (input.value !== undefined && input.alias_to !== undefined) {
    throw invalid('give value or alias_to, not both')
  }
  if (!oneMode) {
    if (input.mode_id !== undefined) throw invalid('mode_id goes with value or alias_to')
    return input.values
  }
  const mode =
    input.mode_id === undefined
      ? stored.defaultMode
      : stored.modes.find((m) => m.id === input.mode_id)
  if (!mode) {
    throw invalid(
      `mode_id "${input.mode_id}" is not a mode of this tokenset; its modes are ${stored.modes.map((m) => `${m.name} (${m.id})`).join(', ')}`,
    )
  }
  const value =
    input.alias_to !== undefined ? aliasOf(input.alias_to.replace(/^\{|\}$/g, '')) : input.value
  return { [mode.name]: value }
}

/** A token as written and the normalizer's changes: every token write answers with both. */
export type TokenWrite = { token: TokenView; changes: Change[] }

export async function createToken(
  db: Db,
  caller: Caller,
  input: {
    tokenset_id: string
    name: string
    type?: string | undefined
    values?: Record<string, unknown> | undefined
    description?: string | undefined
    deprecated?: boolean | string | undefined
    extensions?: Record<string, unknown> | undefined
  } & OneModeInput,
): Promise<TokenWrite> {
  return inTransaction(db, async (tx) => {
    const access = await tokensetAccess(tx, caller, input.tokenset_id, 'write')
    await lockTokenset(tx, access.id)
    const stored = await loadTokenset(tx, access.id)
    if (stored.rows.some((row) => row.name === input.name)) {
      throw conflict(`a token named "${input.name}" already exists: use update_token to change it`)
    }
    const values = valuesOf(stored, input)
    if (values === undefined || Object.keys(values).length === 0) {
      throw invalid('give the value: values (mode name → value), or value (with mode_id)')
    }
    checkModes(stored, values)
    const normalized = normalizeToken({ ...input, values }, knownTokens(stored))
    if (!normalized.ok) throw refusal('the token was not created', normalized.errors)
    const { token, changes } = normalized
    const filled = fillDefaultMode(token, modeNamesOf(stored), stored.defaultMode.name)
    if (filled) changes.push(filled)
    requireValid([...stored.tokens, token], modeNamesOf(stored), stored.defaultMode.name)
    const created = await tx.token.create({
      data: {
        tokensetId: access.id,
        name: token.name,
        type: token.type,
        description: token.description ?? null,
        deprecated: jsonOrNull(token.deprecated),
        extensions: jsonOrNull(token.extensions),
      },
      select: { id: true },
    })
    await writeValues(tx, created.id, token.values, stored.modeIds)
    return { token: await readToken(tx, created.id), changes }
  })
}

export async function updateToken(
  db: Db,
  caller: Caller,
  input: {
    tokenset_id: string
    name: string
    new_name?: string | undefined
    type?: string | undefined
    values?: Record<string, unknown> | undefined
    description?: string | null | undefined
    deprecated?: boolean | string | null | undefined
    extensions?: Record<string, unknown> | null | undefined
    version?: number | undefined
  } & OneModeInput,
): Promise<TokenWrite> {
  return inTransaction(db, async (tx) => {
    const access = await tokensetAccess(tx, caller, input.tokenset_id, 'write')
    await lockTokenset(tx, access.id)
    const stored = await loadTokenset(tx, access.id)
    const index = findToken(stored, input.name)
    const row = stored.rows[index] as StoredTokenset['rows'][number]
    if (input.version !== undefined && input.version !== row.version) {
      throw conflict(
        `"${input.name}" changed since you read it (version ${input.version}, now ${row.version}): read it again with get_token and reapply your change`,
      )
    }
    if (input.new_name !== undefined && input.new_name !== input.name) {
      if (stored.rows.some((r) => r.name === input.new_name)) {
        throw conflict(`a token named "${input.new_name}" already exists: pick another new_name`)
      }
    }
    const given = valuesOf(stored, input)
    if (given) checkModes(stored, given)
    const changes: Change[] = []
    const errors: TokenError[] = []
    const known = knownTokens(stored)
    const type =
      input.type === undefined
        ? (row.type as FlatToken['type'])
        : tokenType({ name: input.name, type: input.type, values: {} }, known, changes)
    if (typeof type !== 'string') throw refusal('the token was not changed', [type])
    const newValues = tokenValues(input.name, type, given ?? {}, known, changes, errors)
    if (errors.length > 0) throw refusal('the token was not changed', errors)
    const before = stored.tokens[index] as FlatToken
    const values: Record<string, JsonValue> = { ...before.values }
    for (const [mode, value] of Object.entries(newValues)) {
      if (value === null) delete values[mode]
      else values[mode] = value
    }
    const after = flatToken({
      ...row,
      name: input.new_name ?? row.name,
      type,
      description: input.description !== undefined ? input.description : row.description,
      deprecated: input.deprecated !== undefined ? input.deprecated : row.deprecated,
      extensions: input.extensions !== undefined ? input.extensions : row.extensions,
      values: {},
    })
    after.values = values
    const tokens = [...stored.tokens]
    tokens[index] = after
    requireValid(tokens, modeNamesOf(stored), stored.defaultMode.name)
    await tx.token.update({
      where: { id: row.id },
      data: {
        name: after.name,
        type: after.type,
        description: after.description ?? null,
        deprecated: jsonOrNull(after.deprecated),
        extensions: jsonOrNull(after.extensions),
        version: { increment: 1 },
      },
    })
    if (given) await writeValues(tx, row.id, newValues, stored.modeIds)
    return { token: await readToken(tx, row.id), changes }
  })
}

/** Deletes a token unless another token's alias still points at it. */
export async function deleteToken(
  db: Db,
  caller: Caller,
  input: { tokenset_id: string; name: string },
) {
  return inTransaction(db, async (tx) => {
    const access = await tokensetAccess(tx, caller, input.tokenset_id, 'write')
    await lockTokenset(tx, access.id)
    const stored = await loadTokenset(tx, access.id)
    const index = findToken(stored, input.name)
    const row = stored.rows[index] as StoredTokenset['rows'][number]
    const rest = stored.tokens.filter((_, i) => i !== index)
    requireValid(rest, modeNamesOf(stored), stored.defaultMode.name)
    await tx.token.delete({ where: { id: row.id } })
    return { id: row.id, deleted: true as const }
  })
}
