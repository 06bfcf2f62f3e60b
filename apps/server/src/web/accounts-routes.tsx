import Router from '@koa/router'
import type { Context } from 'koa'
import {
  authenticate,
  createAccount,
  isPlausibleEmail,
  MAX_PASSWORD_LENGTH,
  MIN_PASSWORD_LENGTH,
} from '../auth/accounts.ts'
import { csrfToken, requireCsrf } from '../auth/csrf.ts'
import { addressRateLimit } from '../auth/rate-limit/index.ts'
import { endSession, sessionOf, startSession } from '../auth/sessions.ts'
import type { WebDeps } from './deps.ts'
import { field, formBody } from './form.ts'
import { localNextPath } from './next-path.ts'
import { AccountForm } from './pages/AccountForm.tsx'
import { LogoutPage } from './pages/LogoutPage.tsx'
import { renderPage } from './render.ts'

/** `next` from the form, else from the query string; always a local path. */
function nextOf(ctx: Context): string {
  return localNextPath(field(ctx, 'next') || ctx.query.next)
}

/** /signup, /login, /logout (SPEC §2). */
export function accountsRouter(deps: WebDeps): Router {
  const router = new Router()
  const guarded = [formBody(), requireCsrf()] as const

  function showForm(ctx: Context, mode: 'signup' | 'login', status = 200, error?: string) {
    const page = (
      <AccountForm
        mode={mode}
        csrf={csrfToken(deps, ctx)}
        next={nextOf(ctx)}
        email={field(ctx, 'email')}
        error={error}
      />
    )
    renderPage(ctx, page, status)
  }

  for (const mode of ['signup', 'login'] as const) {
    router.get(`/${mode}`, (ctx) => {
      if (sessionOf(ctx)) return ctx.redirect(nextOf(ctx))
      showForm(ctx, mode)
    })
  }

  router.post('/signup', addressRateLimit(deps, 'signup'), ...guarded, async (ctx) => {
    const email = field(ctx, 'email').trim()
    const password = field(ctx, 'password')
    if (!isPlausibleEmail(email))
      return showForm(ctx, 'signup', 422, 'Enter a valid email address.')
    if (password.length < MIN_PASSWORD_LENGTH || password.length > MAX_PASSWORD_LENGTH) {
      const message = `Choose a password of ${MIN_PASSWORD_LENGTH} to ${MAX_PASSWORD_LENGTH} characters.`
      return showForm(ctx, 'signup', 422, message)
    }
    const account = await createAccount(deps.prisma, email, password)
    if (!account) {
      return showForm(
        ctx,
        'signup',
        409,
        'An account with this email already exists. Log in instead.',
      )
    }
    await startSession(deps, ctx, account.id)
    ctx.status = 303
    ctx.redirect(nextOf(ctx))
  })

  router.post('/login', addressRateLimit(deps, 'login'), ...guarded, async (ctx) => {
    const password = field(ctx, 'password')
    const account =
      password.length <= MAX_PASSWORD_LENGTH
        ? await authenticate(deps.prisma, field(ctx, 'email'), password)
        : undefined
    if (!account) return showForm(ctx, 'login', 401, 'Email or password is incorrect.')
    await startSession(deps, ctx, account.id)
    ctx.status = 303
    ctx.redirect(nextOf(ctx))
  })

  router.get('/logout', (ctx) => {
    const session = sessionOf(ctx)
    if (!session) return ctx.redirect('/login')
    renderPage(ctx, <LogoutPage email={session.user.email} csrf={session.csrfSecret} />)
  })

  router.post('/logout', ...guarded, async (ctx) => {
    await endSession(deps, ctx)
    ctx.status = 303
    ctx.redirect('/login')
  })

  return router
}
