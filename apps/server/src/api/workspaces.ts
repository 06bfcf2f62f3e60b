import type Router from '@koa/router'
import { listWorkspaces } from '../domain/workspaces.ts'
import type { PrismaClient } from '../generated/prisma/client.ts'
import { callerOf } from './respond.ts'

/** GET /api/v1/workspaces: the caller's workspaces, each with the caller's role. */
export function workspaceRoutes(router: Router, deps: { prisma: PrismaClient }): void {
  router.get('/workspaces', async (ctx) => {
    ctx.body = { workspaces: await listWorkspaces(deps.prisma, callerOf(ctx)) }
  })
}
