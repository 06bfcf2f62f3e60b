/**
 * REST v1 routes of one workspace (the list, `GET /workspaces`, is the accounts engineer's):
 * create, read, change, delete; its tokensets; its members.
 */
import type Router from '@koa/router'
import { addMemberInput, changeMemberInput, createWorkspaceInput } from '@tokencraft/shared'
import { addMember, changeMemberRole, listMembers, removeMember } from '../domain/members.ts'
import { createTokenset, listTokensets } from '../domain/tokensets.ts'
import {
  createWorkspace,
  deleteWorkspace,
  getWorkspace,
  updateWorkspace,
} from '../domain/workspaces.ts'
import { createTokensetBody, updateWorkspaceBody } from './bodies.ts'
import { bodyOf, callerOf, type DomainApiDeps, jsonBody } from './respond.ts'

export function workspaceByIdRoutes(router: Router, deps: DomainApiDeps): void {
  const db = deps.prisma
  router.post('/workspaces', jsonBody, async (ctx) => {
    ctx.status = 201
    ctx.body = await createWorkspace(db, callerOf(ctx), bodyOf(ctx, createWorkspaceInput))
  })
  router.get('/workspaces/:id', async (ctx) => {
    ctx.body = await getWorkspace(db, callerOf(ctx), ctx.params.id as string)
  })
  router.patch('/workspaces/:id', jsonBody, async (ctx) => {
    const body = bodyOf(ctx, updateWorkspaceBody)
    ctx.body = await updateWorkspace(db, callerOf(ctx), {
      ...body,
      workspace_id: ctx.params.id as string,
    })
  })
  router.delete('/workspaces/:id', async (ctx) => {
    ctx.body = await deleteWorkspace(db, callerOf(ctx), ctx.params.id as string)
  })

  router.get('/workspaces/:id/tokensets', async (ctx) => {
    ctx.body = { tokensets: await listTokensets(db, callerOf(ctx), ctx.params.id as string) }
  })
  router.post('/workspaces/:id/tokensets', jsonBody, async (ctx) => {
    const body = bodyOf(ctx, createTokensetBody)
    ctx.status = 201
    ctx.body = await createTokenset(db, callerOf(ctx), {
      ...body,
      workspace_id: ctx.params.id as string,
    })
  })

  router.get('/workspaces/:id/members', async (ctx) => {
    ctx.body = { members: await listMembers(db, callerOf(ctx), ctx.params.id as string) }
  })
  router.post('/workspaces/:id/members', jsonBody, async (ctx) => {
    const body = bodyOf(ctx, addMemberInput)
    ctx.status = 201
    ctx.body = await addMember(db, callerOf(ctx), {
      ...body,
      workspace_id: ctx.params.id as string,
    })
  })
  router.patch('/workspaces/:id/members/:userId', jsonBody, async (ctx) => {
    const body = bodyOf(ctx, changeMemberInput)
    ctx.body = await changeMemberRole(db, callerOf(ctx), {
      workspace_id: ctx.params.id as string,
      user_id: ctx.params.userId as string,
      role: body.role,
    })
  })
  router.delete('/workspaces/:id/members/:userId', async (ctx) => {
    ctx.body = await removeMember(db, callerOf(ctx), {
      workspace_id: ctx.params.id as string,
      user_id: ctx.params.userId as string,
    })
  })
}
