/** Workspaces: list, read, create (the creator owns it), change (admin), delete (owner). */
import type { WorkspaceView } from '@tokencraft/shared'
import { requireScope, workspaceRole } from './access.ts'
import type { Caller } from './caller.ts'
import { type Db, inTransaction } from './db.ts'
import { notFound } from './errors.ts'
import { workspaceView } from './views.ts'

const WORKSPACE_SELECT = {
  id: true,
  name: true,
  description: true,
  createdAt: true,
  updatedAt: true,
} as const

export async function listWorkspaces(db: Db, caller: Caller): Promise<WorkspaceView[]> {
  requireScope(caller, 'read')
  const memberships = await db.membership.findMany({
    where: { userId: caller.userId },
    select: { role: true, workspace: { select: WORKSPACE_SELECT } },
    orderBy: { workspace: { name: 'asc' } },
  })
  return memberships.map((m) => workspaceView(m.workspace, m.role))
}

export async function getWorkspace(
  db: Db,
  caller: Caller,
  workspaceId: string,
): Promise<WorkspaceView> {
  const role = await workspaceRole(db, caller, workspaceId, 'read')
  const row = await db.workspace.findUnique({
    where: { id: workspaceId },
    select: WORKSPACE_SELECT,
  })
  if (!row) throw notFound(`Workspace ${workspaceId}`)
  return workspaceView(row, role)
}

export async function createWorkspace(
  db: Db,
  caller: Caller,
  input: { name: string; description?: string | undefined },
): Promise<WorkspaceView> {
  requireScope(caller, 'write')
  const row = await inTransaction(db, (tx) =>
    tx.workspace.create({
      data: {
        name: input.name,
        description: input.description ?? null,
        memberships: { create: { userId: caller.userId, role: 'owner' } },
      },
      select: WORKSPACE_SELECT,
    }),
  )
  return workspaceView(row, 'owner')
}

export async function updateWorkspace(
  db: Db,
  caller: Caller,
  input: {
    workspace_id: string
    name?: string | undefined
    description?: string | null | undefined
  },
): Promise<WorkspaceView> {
  return inTransaction(db, async (tx) => {
    const role = await workspaceRole(tx, caller, input.workspace_id, 'manage_workspace')
    const row = await tx.workspace.update({
      where: { id: input.workspace_id },
      data: {
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(input.description !== undefined ? { description: input.description } : {}),
      },
      select: WORKSPACE_SELECT,
    })
    return workspaceView(row, role)
  })
}

export async function deleteWorkspace(db: Db, caller: Caller, workspaceId: string) {
  return inTransaction(db, async (tx) => {
    await workspaceRole(tx, caller, workspaceId, 'delete_workspace')
    await tx.workspace.delete({ where: { id: workspaceId } })
    return { id: workspaceId, deleted: true as const }
  })
}
