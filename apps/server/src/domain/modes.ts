/** Modes of a tokenset; a tokenset always keeps exactly one default mode. */
import type { ModeView } from '@tokencraft/shared'
import { modeAccess, tokensetAccess } from './access.ts'
import type { Caller } from './caller.ts'
import { type Db, inTransaction, lockTokenset, type Tx } from './db.ts'
import { conflict, invalid } from './errors.ts'
import { MODE_ORDER, MODE_SELECT, modeView } from './views.ts'

async function nameIsFree(tx: Tx, tokensetId: string, name: string, except?: string) {
  const clash = await tx.mode.findFirst({
    where: { tokensetId, name, ...(except ? { id: { not: except } } : {}) },
    select: { id: true },
  })
  if (clash) throw conflict(`this tokenset already has a mode named "${name}": pick another name`)
}

/** Makes `modeId` the one default mode of its tokenset. */
async function makeDefault(tx: Tx, tokensetId: string, modeId: string) {
  await tx.mode.updateMany({
    where: { tokensetId, isDefault: true, id: { not: modeId } },
    data: { isDefault: false },
  })
  await tx.mode.update({ where: { id: modeId }, data: { isDefault: true } })
}

export async function listModes(db: Db, caller: Caller, tokensetId: string): Promise<ModeView[]> {
  await tokensetAccess(db, caller, tokensetId, 'read')
  const rows = await db.mode.findMany({
    where: { tokensetId },
    select: MODE_SELECT,
    orderBy: MODE_ORDER,
  })
  return rows.map(modeView)
}

export async function createMode(
  db: Db,
  caller: Caller,
  input: { tokenset_id: string; name: string; is_default?: boolean | undefined },
): Promise<ModeView> {
  return inTransaction(db, async (tx) => {
    const access = await tokensetAccess(tx, caller, input.tokenset_id, 'write')
    await lockTokenset(tx, access.id)
    await nameIsFree(tx, access.id, input.name)
    const last = await tx.mode.aggregate({
      where: { tokensetId: access.id },
      _max: { position: true },
    })
    const mode = await tx.mode.create({
      data: {
        tokensetId: access.id,
        name: input.name,
        position: (last._max.position ?? -1) + 1,
      },
      select: { id: true },
    })
    if (input.is_default) await makeDefault(tx, access.id, mode.id)
    return modeView(
      await tx.mode.findUniqueOrThrow({ where: { id: mode.id }, select: MODE_SELECT }),
    )
  })
}

export async function updateMode(
  db: Db,
  caller: Caller,
  input: { mode_id: string; name?: string | undefined; is_default?: true | undefined },
): Promise<ModeView> {
  return inTransaction(db, async (tx) => {
    const access = await modeAccess(tx, caller, input.mode_id, 'write')
    await lockTokenset(tx, access.id)
    if (input.name !== undefined) {
      await nameIsFree(tx, access.id, input.name, access.modeId)
      await tx.mode.update({ where: { id: access.modeId }, data: { name: input.name } })
    }
    if (input.is_default) await makeDefault(tx, access.id, access.modeId)
    return modeView(
      await tx.mode.findUniqueOrThrow({ where: { id: access.modeId }, select: MODE_SELECT }),
    )
  })
}

/**
 * Deletes a mode and its values. The default mode cannot go: every other mode falls back to
 * its values, so another mode must become the default first. (Removing any other mode cannot
 * break resolution: the remaining modes keep their values and the same fallback.)
 */
export async function deleteMode(db: Db, caller: Caller, modeId: string) {
  return inTransaction(db, async (tx) => {
    const access = await modeAccess(tx, caller, modeId, 'write')
    await lockTokenset(tx, access.id)
    const mode = await tx.mode.findUniqueOrThrow({ where: { id: modeId }, select: MODE_SELECT })
    if (mode.isDefault) {
      throw invalid(
        `"${mode.name}" is the default mode: make another mode the default first (update_mode with is_default: true), or create one`,
      )
    }
    await tx.mode.delete({ where: { id: modeId } })
    return { id: modeId, deleted: true as const }
  })
}
