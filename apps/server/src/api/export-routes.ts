/**
 * Exports for CI (SPEC §7): the whole tokenset as `{ files }`, or one mode as the file itself,
 * so that `curl -H "Authorization: Bearer tkc_…" …/modes/$MODE/export?format=css > tokens.css`
 * works.
 */
import type Router from '@koa/router'
import { exportFormatSchema } from '@tokencraft/shared'
import type { ExportFormat } from '@tokencraft/tokens'
import { z } from 'zod'
import { exportByModeName, exportModeFile } from '../domain/export.ts'
import { callerOf, type DomainApiDeps, queryOf } from './respond.ts'

export const CONTENT_TYPES: Record<ExportFormat, string> = {
  json: 'application/json; charset=utf-8',
  css: 'text/css; charset=utf-8',
  ios: 'text/x-swift; charset=utf-8',
  android: 'application/xml; charset=utf-8',
}

const exportQuery = z.object({ format: exportFormatSchema })

export function exportRoutes(router: Router, deps: DomainApiDeps): void {
  const db = deps.prisma
  router.get('/tokensets/:id/export', async (ctx) => {
    const { format } = queryOf(ctx, exportQuery)
    ctx.body = await exportByModeName(db, callerOf(ctx), {
      tokenset_id: ctx.params.id as string,
      format,
    })
  })
  router.get('/tokensets/:id/modes/:modeId/export', async (ctx) => {
    const { format } = queryOf(ctx, exportQuery)
    const file = await exportModeFile(db, callerOf(ctx), {
      tokenset_id: ctx.params.id as string,
      mode_id: ctx.params.modeId as string,
      format,
    })
    ctx.type = CONTENT_TYPES[format]
    ctx.set('Content-Disposition', `attachment; filename="${file.name}"`)
    ctx.body = file.content
  })
}
