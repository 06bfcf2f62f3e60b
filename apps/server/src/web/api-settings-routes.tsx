import Router from '@koa/router'
import { isScope, type Scope } from '@tokencraft/shared'
import type { Context, Next } from 'koa'
import { createManualToken, deleteToken, listTokens } from '../auth/api-tokens.ts'
import { logAuthEvent } from '../auth/audit.ts'
import { requireCsrf } from '../auth/csrf.ts'
import { tokenHint } from '../auth/secrets.ts'
import { sessionOf, type WebSession } from '../auth/sessions.ts'
import type { WebDeps } from './deps.ts'
import { field, fields, formBody } from './form.ts'
import { ApiSettingsPage, EXPIRY_CHOICES } from './pages/ApiSettingsPage.tsx'
import { renderPage } from './render.ts'

const DAY_MS = 24 * 60 * 60 * 1000

/** Pages for signed-in users only: others are sent to log in and brought back. */
async function requireSession(ctx: Context, next: Next) {
  if (!sessionOf(ctx)) {
    ctx.status = 303
    return ctx.redirect(`/login?next=${encodeURIComponent('/settings/api')}`)
  }
  await next()
}

type CreateForm = { name: string; scopes: string[]; expiresInDays: string }

/** Why the create form is refused, or undefined when it is fine. */
export function createFormError(form: CreateForm): string | undefined {
  if (form.name.length === 0 || form.name.length > 255)
    return 'Give the token a name (up to 255 characters).'
  if (form.scopes.length === 0 || !form.scopes.every(isScope)) return 'Choose at least one scope.'
  if (!(EXPIRY_CHOICES as readonly string[]).includes(form.expiresInDays))
    return 'Choose an expiry from the list.'
  return undefined
}

/** /settings/api: list, create and delete the user's API tokens (SPEC §2). */
export function apiSettingsRouter(deps: WebDeps): Router {
  const router = new Router({ prefix: '/settings/api' })
  router.use(requireSession)

  async function show(
    ctx: Context,
    extra: { newToken?: string; error?: string; form?: CreateForm } = {},
    status = 200,
  ) {
    const session = sessionOf(ctx) as WebSession
    const tokens = await listTokens(deps.prisma, session.user.id)
    const page = (
      <ApiSettingsPage
        email={session.user.email}
        csrf={session.csrfSecret}
        tokens={tokens}
        {...extra}
      />
    )
    renderPage(ctx, page, status)
  }

  router.get('/', (ctx) => show(ctx))

  router.post('/tokens', formBody(), requireCsrf(deps), async (ctx) => {
    const session = sessionOf(ctx) as WebSession
    const form: CreateForm = {
      name: field(ctx, 'name').trim(),
      scopes: [...new Set(fields(ctx, 'scopes'))],
      expiresInDays: field(ctx, 'expires_in_days'),
    }
    const error = createFormError(form)
    if (error) return show(ctx, { error, form }, 422)
    const now = deps.clock()
    const days = Number(form.expiresInDays)
    const newToken = await createManualToken(deps.prisma, {
      userId: session.user.id,
      name: form.name,
      scopes: form.scopes as Scope[],
      expiresAt: form.expiresInDays === '' ? null : new Date(now.getTime() + days * DAY_MS),
      now,
    })
    logAuthEvent(deps.logger, ctx, {
      event: 'api_token_created',
      userId: session.user.id,
      name: form.name,
      hint: tokenHint(newToken),
      scopes: form.scopes,
    })
    // rendered, not redirected: the secret is shown once and kept nowhere
    await show(ctx, { newToken }, 201)
  })

  router.post('/tokens/:id/delete', formBody(), requireCsrf(deps), async (ctx) => {
    const session = sessionOf(ctx) as WebSession
    const tokenId = ctx.params.id ?? ''
    const deleted = await deleteToken(deps.prisma, {
      userId: session.user.id,
      tokenId,
      now: deps.clock(),
    })
    if (deleted) {
      logAuthEvent(deps.logger, ctx, {
        event: 'api_token_deleted',
        userId: session.user.id,
        tokenId,
      })
    }
    ctx.status = 303
    ctx.redirect('/settings/api')
  })

  return router
}
