/**
 * Who may do what (SPEC §4): the token's scope intersected with the caller's role in the
 * workspace. A workspace the caller is not a member of is reported exactly like a missing one.
 */
import { type Role, roleAtLeast } from '@tokencraft/shared'
import type { Caller } from './caller.ts'
import type { Db, Tx } from './db.ts'
import { DomainError, notFound } from './errors.ts'

export type Action = 'read' | 'write' | 'manage_workspace' | 'delete_workspace' | 'export'

const RULES: Record<Action, { scope: string; role: Role; doing: string }> = {
  read: { scope: 'read:tokens', role: 'viewer', doing: 'read tokens' },
  write: { scope: 'write:tokens', role: 'editor', doing: 'change tokensets, modes and tokens' },
  manage_workspace: {
    scope: 'write:tokens',
    role: 'admin',
    doing: 'change the workspace and its members',
  },
  delete_workspace: { scope: 'write:tokens', role: 'owner', doing: 'delete the workspace' },
  export: { scope: 'export:tokens', role: 'viewer', doing: 'export tokens' },
}

/** The scope an action needs (the MCP endpoint's step-up check asks this before calling). */
export const scopeFor = (action: Action): string => RULES[action].scope

/** True when the token's scopes and the role together allow the action. */
export function can(action: Action, scopes: readonly string[], role: Role): boolean {
  const rule = RULES[action]
  return scopes.includes(rule.scope) && roleAtLeast(role, rule.role)
}

/** Refuses when the token lacks the action's scope (checked before anything is looked up). */
export function requireScope(caller: Caller, action: Action): void {
  const { scope, doing } = RULES[action]
  if (!caller.scopes.includes(scope)) {
    throw new DomainError(
      'insufficient_scope',
      `this token lacks the ${scope} scope needed to ${doing}: authorize again with ${scope}`,
      scope,
    )
  }
}

/** Refuses when the role is below the action's (the scope was checked before). */
export function requireRole(action: Action, role: Role): void {
  const rule = RULES[action]
  if (!can(action, [rule.scope], role)) {
    throw new DomainError(
      'forbidden',
      `your role in this workspace is ${role}; to ${rule.doing} you need ${rule.role} or above (ask an owner or admin)`,
    )
  }
}

type Client = Db | Tx

/** The caller's role in a workspace, or not found when not a member. */
export async function workspaceRole(
  db: Client,
  caller: Caller,
  workspaceId: string,
  action: Action,
): Promise<Role> {
  requireScope(caller, action)
  const membership = await db.membership.findUnique({
    where: { workspaceId_userId: { workspaceId, userId: caller.userId } },
    select: { role: true },
  })
  if (!membership) throw notFound(`Workspace ${workspaceId}`)
  requireRole(action, membership.role)
  return membership.role
}

export type TokensetAccess = {
  id: string
  workspaceId: string
  role: Role
  /** The tokenset's revision as this query saw it (db.ts, lockTokenset). */
  revision: number
}

/**
 * A tokenset the caller may act on, with its workspace, the caller's role and the tokenset's
 * revision: one query.
 */
export async function tokensetAccess(
  db: Client,
  caller: Caller,
  tokensetId: string,
  action: Action,
): Promise<TokensetAccess> {
  requireScope(caller, action)
  const rows = await db.$queryRaw<TokensetAccess[]>`
    SELECT s.id, s.workspace_id AS "workspaceId", m.role::text AS role, s.revision
    FROM tokensets s
    JOIN memberships m ON m.workspace_id = s.workspace_id AND m.user_id = ${caller.userId}
    WHERE s.id = ${tokensetId}`
  const access = rows[0]
  if (!access) throw notFound(`Tokenset ${tokensetId}`)
  requireRole(action, access.role)
  return access
}

export type ModeAccess = TokensetAccess & { modeId: string; modeName: string }

/** A mode the caller may act on, through its tokenset's workspace. */
export async function modeAccess(
  db: Client,
  caller: Caller,
  modeId: string,
  action: Action,
): Promise<ModeAccess> {
  requireScope(caller, action)
  const rows = await db.$queryRaw<ModeAccess[]>`
    SELECT s.id, s.workspace_id AS "workspaceId", m.role::text AS role, s.revision,
      o.id AS "modeId", o.name AS "modeName"
    FROM modes o
    JOIN tokensets s ON s.id = o.tokenset_id
    JOIN memberships m ON m.workspace_id = s.workspace_id AND m.user_id = ${caller.userId}
    WHERE o.id = ${modeId}`
  const access = rows[0]
  if (!access) throw notFound(`Mode ${modeId}`)
  requireRole(action, access.role)
  return access
}

/** A mode of the given tokenset (REST paths name both): another tokenset's mode is not found. */
export async function modeOfTokenset(
  db: Client,
  caller: Caller,
  tokensetId: string,
  modeId: string,
  action: Action,
): Promise<ModeAccess> {
  const access = await modeAccess(db, caller, modeId, action)
  if (access.id !== tokensetId) throw notFound(`Mode ${modeId} of tokenset ${tokensetId}`)
  return access
}
