import Router from '@koa/router'
import type { Context } from 'koa'
import { authenticate, createAccount, isPlausibleEmail, normalizeEmail } from '../auth/accounts.ts'
import { logAuthEvent } from '../auth/audit.ts'
import { csrfToken, requireCsrf } from '../auth/csrf.ts'
import { MAX_PASSWORD_LENGTH, passwordProblem } from '../auth/password-policy.ts'
import { accountRateLimit, addressRateLimit } from '../auth/rate-limit/index.ts'
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

/** The account a log-in attempt names, as accounts are keyed. */
const attemptedAccount = (ctx: Context) => normalizeEmail(field(ctx, 'email'))

/** /signup, /login, /logout (docs/security.md: passwords, throttling, sessions). */
export function accountsRouter(deps: WebDeps): Router {
  const router = new Router()
  const guarded = [formBody(), requireCsrf(deps)] as const

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
    const problem = passwordProblem(password, { email })
    if (problem) return showForm(ctx, 'signup', 422, problem)
    const account = await createAccount(deps.prisma, email, password)
    if (!account) {
      return showForm(
        ctx,
        'signup',
        409,
        'An account with this email already exists. Log in instead.',
      )
    }
    logAuthEvent(deps.logger, ctx, { event: 'sign_up', userId: account.id })
    await startSession(deps, ctx, account.id)
    ctx.status = 303
    ctx.redirect(nextOf(ctx))
  })

  const throttledAccount = accountRateLimit(deps, attemptedAccount, (ctx) =>
    logAuthEvent(deps.logger, ctx, {
      event: 'sign_in_failed',
      email: attemptedAccount(ctx),
      reason: 'throttled',
    }),
  )
  router.post(
    '/login',
    addressRateLimit(deps, 'login'),
    ...guarded,
    throttledAccount,
    async (ctx) => {
      const password = field(ctx, 'password')
      const account =
        password.length <= MAX_PASSWORD_LENGTH
          ? await authenticate(deps.prisma, field(ctx, 'email'), password)
          : undefined
      if (!account) {
        logAuthEvent(deps.logger, ctx, {
          event: 'sign_in_failed',
          email: attemptedAccount(ctx),
          reason: 'bad_credentials',
        })
        return showForm(ctx, 'login', 401, 'Email or password is incorrect.')
      }
      logAuthEvent(deps.logger, ctx, { event: 'sign_in', userId: account.id })
      await startSession(deps, ctx, account.id)
      ctx.status = 303
      ctx.redirect(nextOf(ctx))
    },
  )

  router.get('/logout', (ctx) => {
    const session = sessionOf(ctx)
    if (!session) return ctx.redirect('/login')
    renderPage(ctx, <LogoutPage email={session.user.email} csrf={session.csrfSecret} />)
  })

  router.post('/logout', ...guarded, async (ctx) => {
    const session = sessionOf(ctx)
    if (session) logAuthEvent(deps.logger, ctx, { event: 'sign_out', userId: session.user.id })
    await endSession(deps, ctx)
    ctx.status = 303
    ctx.redirect('/login')
  })

  return router
}
