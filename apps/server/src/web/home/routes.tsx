/**
 * `/` (SPEC §2): the signed-in user's workspaces, tokensets and tokens, and the forms that
 * create a tokenset or a token (editor and above) and manage members (owner and admin). The
 * same domain functions as MCP and REST; a browser session acts with every scope, so the role
 * alone decides.
 */
import Router from '@koa/router'
import { type MemberRole, memberRoleSchema, SCOPES } from '@tokencraft/shared'
import type { Context, Next } from 'koa'
import { requireCsrf } from '../../auth/csrf.ts'
import { sessionOf, type WebSession } from '../../auth/sessions.ts'
import { browseTokenset } from '../../domain/browse.ts'
import type { Caller } from '../../domain/caller.ts'
import type { Db } from '../../domain/db.ts'
import { DomainError } from '../../domain/errors.ts'
import { addMember, changeMemberRole, listMembers, removeMember } from '../../domain/members.ts'
import { createToken } from '../../domain/tokens.ts'
import { createTokenset, getTokenset, listTokensets } from '../../domain/tokensets.ts'
import { getWorkspace, listWorkspaces } from '../../domain/workspaces.ts'
import { type ErrorAnswer, knownAnswer } from '../../http/errors.tsx'
import { field, formBody } from '../form.ts'
import { renderPage } from '../render.ts'
import { HomePage } from './HomePage.tsx'

const callerOf = (session: WebSession): Caller => ({ userId: session.user.id, scopes: SCOPES })

async function requireSession(ctx: Context, next: Next) {
  if (!sessionOf(ctx)) {
    ctx.status = 303
    return ctx.redirect(`/login?next=${encodeURIComponent(ctx.originalUrl)}`)
  }
  await next()
}

type Selection = { workspaceId?: string | undefined; tokensetId?: string | undefined }

/** A refusal the page shows above its forms (a domain refusal, a value that cannot be stored). */
function refusalOf(error: unknown): ErrorAnswer | undefined {
  const answer = knownAnswer(error)
  return answer && answer.status < 500 ? answer : undefined
}

async function show(db: Db, ctx: Context, selection: Selection, refusal?: ErrorAnswer) {
  const session = sessionOf(ctx) as WebSession
  const caller = callerOf(session)
  const workspaces = await listWorkspaces(db, caller)
  const workspaceId = selection.workspaceId ?? workspaces[0]?.id
  let status = refusal?.status ?? 200
  let message = refusal?.message
  const props: Parameters<typeof HomePage>[0] = {
    email: session.user.email,
    csrf: session.csrfSecret,
    workspaces,
  }
  try {
    if (workspaceId) {
      props.workspace = await getWorkspace(db, caller, workspaceId)
      props.tokensets = await listTokensets(db, caller, workspaceId)
      props.members = await listMembers(db, caller, workspaceId)
      const tokensetId = selection.tokensetId ?? props.tokensets[0]?.id
      const tokenset = props.tokensets.find((set) => set.id === tokensetId)
      if (tokenset) {
        props.tokenset = tokenset
        props.browsed = await browseTokenset(db, caller, tokenset.id)
      } else if (selection.tokensetId) {
        status = 404
        message = 'That tokenset was not found (or you are not a member of its workspace).'
      }
    }
  } catch (failure) {
    const refusal = refusalOf(failure)
    if (!refusal) throw failure
    status = refusal.status
    message = refusal.message
  }
  renderPage(ctx, <HomePage {...props} error={message} />, status)
}

const queryText = (value: unknown) =>
  typeof value === 'string' && value !== '' ? value : undefined

/** Runs a form's change; on a refusal the page is shown again with the reason. */
async function submit(
  db: Db,
  ctx: Context,
  selection: Selection,
  change: (caller: Caller) => Promise<Selection>,
) {
  try {
    const next = await change(callerOf(sessionOf(ctx) as WebSession))
    const query = new URLSearchParams()
    if (next.workspaceId) query.set('workspace', next.workspaceId)
    if (next.tokensetId) query.set('tokenset', next.tokensetId)
    ctx.status = 303
    ctx.redirect(`/?${query}`)
  } catch (error) {
    const refusal = refusalOf(error)
    if (!refusal) throw error
    await show(db, ctx, selection, refusal)
  }
}

function memberRole(ctx: Context): MemberRole {
  const parsed = memberRoleSchema.safeParse(field(ctx, 'role'))
  if (!parsed.success) throw new DomainError('invalid', 'Choose a role: admin, editor or viewer.')
  return parsed.data
}

export function homeRouter(deps: { prisma: Db; config: { publicUrl: string } }): Router {
  const db = deps.prisma
  const router = new Router()
  const form = [requireSession, formBody(), requireCsrf(deps)]

  router.get('/', requireSession, (ctx) =>
    show(db, ctx, {
      workspaceId: queryText(ctx.query.workspace),
      tokensetId: queryText(ctx.query.tokenset),
    }),
  )

  router.post('/workspaces/:id/tokensets', ...form, (ctx) => {
    const workspaceId = ctx.params.id as string
    return submit(db, ctx, { workspaceId }, async (caller) => {
      const modes = field(ctx, 'modes')
        .split(',')
        .map((m) => m.trim())
        .filter(Boolean)
      const name = field(ctx, 'name').trim()
      if (name === '' || name.length > 255) {
        throw new DomainError('invalid', 'Give the tokenset a name (up to 255 characters).')
      }
      const set = await createTokenset(db, caller, {
        workspace_id: workspaceId,
        name,
        ...(modes.length > 0 ? { modes } : {}),
      })
      return { workspaceId, tokensetId: set.id }
    })
  })

  router.post('/tokensets/:id/tokens', ...form, async (ctx) => {
    const tokensetId = ctx.params.id as string
    const session = sessionOf(ctx) as WebSession
    const set = await getTokenset(db, callerOf(session), tokensetId).catch(() => undefined)
    const selection = { workspaceId: set?.workspace_id, tokensetId }
    return submit(db, ctx, selection, async (caller) => {
      const type = field(ctx, 'type')
      // The text as typed: the token normalizer reads it as every write path does.
      const values: Record<string, unknown> = {}
      for (const mode of set?.modes ?? []) {
        const value = field(ctx, `value:${mode.name}`).trim()
        if (value !== '') values[mode.name] = value
      }
      const description = field(ctx, 'description').trim()
      await createToken(db, caller, {
        tokenset_id: tokensetId,
        name: field(ctx, 'name').trim(),
        ...(type ? { type } : {}),
        values,
        ...(description ? { description } : {}),
      })
      return selection
    })
  })

  /** A member form of workspace `:id`: the change, then back to that workspace's page. */
  const memberForm = (
    path: string,
    change: (caller: Caller, ctx: Context, workspaceId: string) => Promise<unknown>,
  ) =>
    router.post(path, ...form, (ctx) => {
      const workspaceId = ctx.params.id as string
      return submit(db, ctx, { workspaceId }, async (caller) => {
        await change(caller, ctx, workspaceId)
        return { workspaceId }
      })
    })
  memberForm('/workspaces/:id/members', (caller, ctx, workspaceId) =>
    addMember(db, caller, {
      workspace_id: workspaceId,
      email: field(ctx, 'email'),
      role: memberRole(ctx),
    }),
  )
  memberForm('/workspaces/:id/members/:userId', (caller, ctx, workspaceId) =>
    changeMemberRole(db, caller, {
      workspace_id: workspaceId,
      user_id: ctx.params.userId as string,
      role: memberRole(ctx),
    }),
  )
  memberForm('/workspaces/:id/members/:userId/remove', (caller, ctx, workspaceId) =>
    removeMember(db, caller, { workspace_id: workspaceId, user_id: ctx.params.userId as string }),
  )
  return router
}
