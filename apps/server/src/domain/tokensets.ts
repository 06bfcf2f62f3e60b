/** Tokensets of a workspace, each with its modes (exactly one of them the default). */
import type { TokensetView } from '@tokencraft/shared'
import { DEFAULT_MODE } from '@tokencraft/tokens'
import type { Prisma } from '../generated/prisma/client.ts'
import { tokensetAccess, workspaceRole } from './access.ts'
import type { Caller } from './caller.ts'
import { type Db, inTransaction, lockTokenset, type Tx } from './db.ts'
import { conflict, invalid, notFound } from './errors.ts'
import { MODE_ORDER, MODE_SELECT, tokensetView } from './views.ts'

const TOKENSET_SELECT = {
  id: true,
  workspaceId: true,
  name: true,
  description: true,
  createdAt: true,
  updatedAt: true,
  modes: { select: MODE_SELECT, orderBy: MODE_ORDER },
  _count: { select: { tokens: true } },
} satisfies Prisma.TokensetSelect

async function readTokenset(db: Db | Tx, tokensetId: string): Promise<TokensetView> {
  const row = await db.tokenset.findUnique({ where: { id: tokensetId }, select: TOKENSET_SELECT })
  if (!row) throw notFound(`Tokenset ${tokensetId}`)
  return tokensetView(row, row.modes, row._count.tokens)
}

async function nameIsFree(tx: Tx, workspaceId: string, name: string, except?: string) {
  const clash = await tx.tokenset.findFirst({
    where: { workspaceId, name, ...(except ? { id: { not: except } } : {}) },
    select: { id: true },
  })
  if (clash) {
    throw conflict(`a tokenset named "${name}" already exists in this workspace: pick another name`)
  }
}

export async function listTokensets(
  db: Db,
  caller: Caller,
  workspaceId: string,
): Promise<TokensetView[]> {
  await workspaceRole(db, caller, workspaceId, 'read')
  const rows = await db.tokenset.findMany({
    where: { workspaceId },
    select: TOKENSET_SELECT,
    orderBy: { name: 'asc' },
  })
  return rows.map((row) => tokensetView(row, row.modes, row._count.tokens))
}

export async function getTokenset(
  db: Db,
  caller: Caller,
  tokensetId: string,
): Promise<TokensetView> {
  await tokensetAccess(db, caller, tokensetId, 'read')
  return readTokenset(db, tokensetId)
}

export async function createTokenset(
  db: Db,
  caller: Caller,
  input: {
    workspace_id: string
    name: string
    description?: string | undefined
    modes?: string[] | undefined
  },
): Promise<TokensetView> {
  const modes = input.modes ?? [DEFAULT_MODE]
  if (new Set(modes).size !== modes.length) {
    throw invalid('two modes have the same name: give each mode its own name')
  }
  return inTransaction(db, async (tx) => {
    await workspaceRole(tx, caller, input.workspace_id, 'write')
    await nameIsFree(tx, input.workspace_id, input.name)
    const row = await tx.tokenset.create({
      data: {
        workspaceId: input.workspace_id,
        name: input.name,
        description: input.description ?? null,
        modes: {
          create: modes.map((name, position) => ({ name, position, isDefault: position === 0 })),
        },
      },
      select: { id: true },
    })
    return readTokenset(tx, row.id)
  })
}

export async function updateTokenset(
  db: Db,
  caller: Caller,
  input: {
    tokenset_id: string
    name?: string | undefined
    description?: string | null | undefined
  },
): Promise<TokensetView> {
  return inTransaction(db, async (tx) => {
    const access = await tokensetAccess(tx, caller, input.tokenset_id, 'write')
    await lockTokenset(tx, access.id)
    if (input.name !== undefined) await nameIsFree(tx, access.workspaceId, input.name, access.id)
    await tx.tokenset.update({
      where: { id: access.id },
      data: {
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(input.description !== undefined ? { description: input.description } : {}),
      },
    })
    return readTokenset(tx, access.id)
  })
}

export async function deleteTokenset(db: Db, caller: Caller, tokensetId: string) {
  return inTransaction(db, async (tx) => {
    await tokensetAccess(tx, caller, tokensetId, 'write')
    await tx.tokenset.delete({ where: { id: tokensetId } })
    return { id: tokensetId, deleted: true as const }
  })
}
