import type Router from '@koa/router'
import { bearerAuthOf } from '../auth/bearer.ts'
import { listWorkspaces } from '../domain/workspaces.ts'
import type { PrismaClient } from '../generated/prisma/client.ts'

/** GET /api/v1/workspaces: the caller's workspaces, each with the caller's role. */
export function workspaceRoutes(router: Router, deps: { prisma: PrismaClient }): void {
  router.get('/workspaces', async (ctx) => {
    const auth = bearerAuthOf(ctx)
    const workspaces = await listWorkspaces(deps.prisma, {
      userId: auth.user.id,
      scopes: auth.scopes,
    })
    ctx.body = { workspaces }
  })
}
