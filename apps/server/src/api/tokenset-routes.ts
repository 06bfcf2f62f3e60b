/**
 * REST v1 routes of tokensets, their modes and tokens, and the bulk document upload (SPEC §7).
 * Mode-scoped token routes read and write that one mode's values.
 */
import type Router from '@koa/router'
import type { Context } from 'koa'
import { type Action, modeOfTokenset } from '../domain/access.ts'
import { importModeDocument } from '../domain/import.ts'
import { createMode, deleteMode, listModes, updateMode } from '../domain/modes.ts'
import { createToken, deleteToken, getToken, listTokens, updateToken } from '../domain/tokens.ts'
import { deleteTokenset, getTokenset, updateTokenset } from '../domain/tokensets.ts'
import {
  createModeBody,
  createModeTokenBody,
  documentBody,
  documentQuery,
  pageQuery,
  updateModeBody,
  updateModeTokenBody,
  updateTokensetBody,
} from './bodies.ts'
import { bodyOf, callerOf, type DomainApiDeps, jsonBody, queryOf } from './respond.ts'

export function tokensetRoutes(router: Router, deps: DomainApiDeps): void {
  const db = deps.prisma
  const id = (params: Record<string, string | undefined>) => params.id as string
  /** The path's mode, checked to belong to the path's tokenset, for the caller and `action`. */
  const modeOf = (ctx: Context, action: Action) =>
    modeOfTokenset(db, callerOf(ctx), id(ctx.params), ctx.params.modeId as string, action)

  router.get('/tokensets/:id', async (ctx) => {
    ctx.body = await getTokenset(db, callerOf(ctx), id(ctx.params))
  })
  router.patch('/tokensets/:id', jsonBody, async (ctx) => {
    const body = bodyOf(ctx, updateTokensetBody)
    ctx.body = await updateTokenset(db, callerOf(ctx), { ...body, tokenset_id: id(ctx.params) })
  })
  router.delete('/tokensets/:id', async (ctx) => {
    ctx.body = await deleteTokenset(db, callerOf(ctx), id(ctx.params))
  })

  router.get('/tokensets/:id/modes', async (ctx) => {
    ctx.body = { modes: await listModes(db, callerOf(ctx), id(ctx.params)) }
  })
  router.post('/tokensets/:id/modes', jsonBody, async (ctx) => {
    const body = bodyOf(ctx, createModeBody)
    ctx.status = 201
    ctx.body = await createMode(db, callerOf(ctx), { ...body, tokenset_id: id(ctx.params) })
  })
  router.patch('/tokensets/:id/modes/:modeId', jsonBody, async (ctx) => {
    const body = bodyOf(ctx, updateModeBody)
    const caller = callerOf(ctx)
    await modeOf(ctx, 'write')
    ctx.body = await updateMode(db, caller, { ...body, mode_id: ctx.params.modeId as string })
  })
  router.delete('/tokensets/:id/modes/:modeId', async (ctx) => {
    const caller = callerOf(ctx)
    await modeOf(ctx, 'write')
    ctx.body = await deleteMode(db, caller, ctx.params.modeId as string)
  })

  router.get('/tokensets/:id/tokens', async (ctx) => {
    const query = queryOf(ctx, pageQuery)
    ctx.body = await listTokens(db, callerOf(ctx), { ...query, tokenset_id: id(ctx.params) })
  })

  router.get('/tokensets/:id/modes/:modeId/tokens', async (ctx) => {
    const query = queryOf(ctx, pageQuery)
    const caller = callerOf(ctx)
    const mode = await modeOf(ctx, 'read')
    ctx.body = await listTokens(db, caller, { ...query, tokenset_id: mode.id, mode: mode.modeName })
  })
  router.post('/tokensets/:id/modes/:modeId/tokens', jsonBody, async (ctx) => {
    const body = bodyOf(ctx, createModeTokenBody)
    const caller = callerOf(ctx)
    const mode = await modeOf(ctx, 'write')
    const { token, changes } = await createToken(db, caller, {
      ...body,
      tokenset_id: mode.id,
      mode_id: mode.modeId,
    })
    ctx.status = 201
    ctx.body = { ...token, changes }
  })
  router.get('/tokensets/:id/modes/:modeId/tokens/:name', async (ctx) => {
    const caller = callerOf(ctx)
    const mode = await modeOf(ctx, 'read')
    const detail = await getToken(db, caller, {
      tokenset_id: mode.id,
      name: ctx.params.name as string,
    })
    ctx.body = {
      token: { ...detail.token, values: pick(detail.token.values, mode.modeName) },
      modes: detail.modes.filter((m) => m.mode === mode.modeName),
    }
  })
  router.patch('/tokensets/:id/modes/:modeId/tokens/:name', jsonBody, async (ctx) => {
    const body = bodyOf(ctx, updateModeTokenBody)
    const caller = callerOf(ctx)
    const mode = await modeOf(ctx, 'write')
    const { token, changes } = await updateToken(db, caller, {
      ...body,
      tokenset_id: mode.id,
      name: ctx.params.name as string,
      ...(body.value !== undefined || body.alias_to !== undefined ? { mode_id: mode.modeId } : {}),
    })
    ctx.body = { ...token, changes }
  })
  router.delete('/tokensets/:id/modes/:modeId/tokens/:name', async (ctx) => {
    const caller = callerOf(ctx)
    const mode = await modeOf(ctx, 'write')
    ctx.body = await deleteToken(db, caller, {
      tokenset_id: mode.id,
      name: ctx.params.name as string,
    })
  })

  router.put('/tokensets/:id/modes/:modeId/document', jsonBody, async (ctx) => {
    const document = bodyOf(ctx, documentBody)
    const options = queryOf(ctx, documentQuery)
    ctx.body = await importModeDocument(db, callerOf(ctx), {
      ...options,
      tokenset_id: id(ctx.params),
      mode_id: ctx.params.modeId as string,
      document,
    })
  })
}

const pick = (values: Record<string, unknown>, mode: string) =>
  mode in values ? { [mode]: values[mode] } : {}
