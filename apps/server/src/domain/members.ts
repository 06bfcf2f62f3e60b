/**
 * Workspace membership: an owner or admin adds a registered user by email as admin, editor or
 * viewer, changes a member's role or removes a member. The owner stays owner and member. Each
 * change locks the workspace first (lockWorkspace), so that concurrent changes queue.
 */
import type { MemberRole, MemberView, Role } from '@tokencraft/shared'
import { workspaceRole } from './access.ts'
import type { Caller } from './caller.ts'
import { type Db, inTransaction, lockWorkspace, type Tx } from './db.ts'
import { conflict, DomainError, notFound } from './errors.ts'

const MEMBER_SELECT = {
  userId: true,
  role: true,
  createdAt: true,
  user: { select: { email: true } },
} as const

type MemberRow = { userId: string; role: Role; createdAt: Date; user: { email: string } }

const memberView = (row: MemberRow): MemberView => ({
  user_id: row.userId,
  email: row.user.email,
  role: row.role,
  created_at: row.createdAt.toISOString(),
})

export async function listMembers(db: Db, caller: Caller, workspaceId: string) {
  await workspaceRole(db, caller, workspaceId, 'read')
  const rows = await db.membership.findMany({
    where: { workspaceId },
    select: MEMBER_SELECT,
    orderBy: { createdAt: 'asc' },
  })
  return rows.map(memberView)
}

export async function addMember(
  db: Db,
  caller: Caller,
  input: { workspace_id: string; email: string; role: MemberRole },
): Promise<MemberView> {
  return inTransaction(db, async (tx) => {
    await lockWorkspace(tx, input.workspace_id)
    await workspaceRole(tx, caller, input.workspace_id, 'manage_workspace')
    const user = await tx.user.findUnique({
      where: { email: input.email.trim().toLowerCase() },
      select: { id: true },
    })
    if (!user) {
      throw new DomainError(
        'not_found',
        `no registered user has the email ${input.email}: they must sign up first`,
      )
    }
    const existing = await tx.membership.findUnique({
      where: { workspaceId_userId: { workspaceId: input.workspace_id, userId: user.id } },
      select: { role: true },
    })
    if (existing) {
      throw conflict(
        `${input.email} is already a member (${existing.role}): change their role instead`,
      )
    }
    const row = await tx.membership.create({
      data: { workspaceId: input.workspace_id, userId: user.id, role: input.role },
      select: MEMBER_SELECT,
    })
    return memberView(row)
  })
}

async function memberOtherThanOwner(tx: Tx, workspaceId: string, userId: string, doing: string) {
  const row = await tx.membership.findUnique({
    where: { workspaceId_userId: { workspaceId, userId } },
    select: MEMBER_SELECT,
  })
  if (!row) throw notFound(`Member ${userId}`)
  if (row.role === 'owner') {
    throw new DomainError(
      'forbidden',
      `the owner cannot be ${doing}: the owner stays with the workspace`,
    )
  }
  return row
}

export async function changeMemberRole(
  db: Db,
  caller: Caller,
  input: { workspace_id: string; user_id: string; role: MemberRole },
): Promise<MemberView> {
  return inTransaction(db, async (tx) => {
    await lockWorkspace(tx, input.workspace_id)
    await workspaceRole(tx, caller, input.workspace_id, 'manage_workspace')
    await memberOtherThanOwner(tx, input.workspace_id, input.user_id, 'given another role')
    const row = await tx.membership.update({
      where: { workspaceId_userId: { workspaceId: input.workspace_id, userId: input.user_id } },
      data: { role: input.role },
      select: MEMBER_SELECT,
    })
    return memberView(row)
  })
}

export async function removeMember(
  db: Db,
  caller: Caller,
  input: { workspace_id: string; user_id: string },
) {
  return inTransaction(db, async (tx) => {
    await lockWorkspace(tx, input.workspace_id)
    await workspaceRole(tx, caller, input.workspace_id, 'manage_workspace')
    await memberOtherThanOwner(tx, input.workspace_id, input.user_id, 'removed')
    await tx.membership.delete({
      where: { workspaceId_userId: { workspaceId: input.workspace_id, userId: input.user_id } },
    })
    return { id: input.user_id, deleted: true as const }
  })
}
