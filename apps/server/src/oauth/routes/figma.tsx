/**
 * The Figma plugin's polling bridge: `POST /api/oauth/figma-plugin/start`, where the plugin
 * starts a sign-in; `/mcp/figma-callback`, where the browser lands with the code; and
 * `POST /api/oauth/figma-plugin/poll`, where the plugin collects it with its poll secret.
 */
import { bodyParser } from '@koa/bodyparser'
import Router from '@koa/router'
import type { Context, Middleware } from 'koa'
import { addressRateLimit } from '../../auth/rate-limit/index.ts'
import { sha256Hex } from '../../auth/secrets.ts'
import { renderPage } from '../../web/render.ts'
import type { OAuthDeps } from '../deps.ts'
import { AnswerSignal } from '../figma-wait.ts'
import { FIGMA_POLL_ENTRY_LIFETIME_MS, MAX_POLL_WAIT_S } from '../lifetimes.ts'
import { FigmaCallbackPage } from '../pages/FigmaCallbackPage.tsx'
import { FIGMA_CLIENT_ID } from '../rules/registration.ts'
import { clientOfCode } from '../store/codes.ts'
import {
  ANSWER_CHANNEL,
  type BridgeAnswer,
  fileAnswer,
  startSignIn,
  takeAnswer,
} from '../store/figma-bridge.ts'
import { bodyOf, oauthJson } from './respond.ts'

const text = (value: unknown) => (typeof value === 'string' && value !== '' ? value : undefined)

const formOnly = bodyParser({ enableTypes: ['form'], formLimit: '4kb' }) as Middleware

/** `wait=N`: whole seconds, at most MAX_POLL_WAIT_S; absent means answer at once. */
export function parseWait(value: unknown): number | undefined {
  if (value === undefined) return 0
  if (typeof value !== 'string' || !/^\d{1,6}$/.test(value)) return undefined
  return Math.min(Number(value), MAX_POLL_WAIT_S)
}

export function figmaBridgeRouter(deps: OAuthDeps): Router {
  const router = new Router()
  const signal = new AnswerSignal()
  const limited = addressRateLimit(deps, 'oauth')
  // answers filed by any process (NOTIFY in fileAnswer) wake this process's waiting polls
  deps.db
    .listen(ANSWER_CHANNEL, (stateHash) => signal.notify(stateHash))
    .catch((error: unknown) => deps.logger.warn({ err: error }, 'cannot listen for answers'))

  // The plugin's first request, made before it opens the browser (as a device authorization
  // request, RFC 8628 §3.1-3.2): the poll secret and user code exist only in this answer.
  router.post('/api/oauth/figma-plugin/start', limited, (ctx) =>
    oauthJson(ctx, async () => {
      const started = await startSignIn(deps.prisma, deps.clock())
      return {
        status: 200,
        body: {
          state: started.state,
          poll_secret: started.pollSecret,
          user_code: started.userCode,
          expires_in: FIGMA_POLL_ENTRY_LIFETIME_MS / 1000,
        },
      }
    }),
  )

  router.get('/mcp/figma-callback', limited, async (ctx) => {
    const state = text(ctx.query.state)
    const code = text(ctx.query.code)
    const error = text(ctx.query.error)
    const iss = text(ctx.query.iss)
    // RFC 9207 §2.4: an answer that says it comes from another issuer is not ours to pass on
    if (!state || (!code && !error) || (iss !== undefined && iss !== deps.config.publicUrl)) {
      return renderPage(ctx, <FigmaCallbackPage outcome="failed" />, 400)
    }
    // The bridge carries the Figma plugin's codes only: another client that registered this
    // page as its redirect URI cannot have its code collected through the plugin's poll.
    if (code && (await clientOfCode(deps.prisma, code)) !== FIGMA_CLIENT_ID) {
      return renderPage(ctx, <FigmaCallbackPage outcome="failed" />, 400)
    }
    const answer: BridgeAnswer = code
      ? { status: 'ready', code }
      : { status: 'error', error: error as string }
    // no sign-in waits for this state (never started, expired, or answered already)
    if (!(await fileAnswer(deps.prisma, state, answer, deps.clock()))) {
      return renderPage(ctx, <FigmaCallbackPage outcome="failed" />, 400)
    }
    renderPage(
      ctx,
      <FigmaCallbackPage
        outcome={code ? 'approved' : error === 'access_denied' ? 'denied' : 'failed'}
      />,
    )
  })

  router.post('/api/oauth/figma-plugin/poll', limited, formOnly, async (ctx: Context) => {
    ctx.set('Cache-Control', 'no-store')
    const params = bodyOf(ctx)
    const state = text(params.state)
    const pollSecret = text(params.poll_secret)
    const wait = parseWait(params.wait)
    if (!state || !pollSecret || wait === undefined) {
      ctx.status = 400
      ctx.body = {
        error: 'invalid_request',
        error_description:
          'Send state and poll_secret (from /api/oauth/figma-plugin/start) as a form; wait is a number of seconds up to 25',
      }
      return
    }
    const gone = new AbortController()
    ctx.res.once('close', () => gone.abort())
    // a process shutting down answers at once ("pending"): the plugin polls again, elsewhere
    const answer = await signal.waitFor(
      sha256Hex(state),
      () => takeAnswer(deps.prisma, state, pollSecret, deps.clock()),
      Date.now() + wait * 1000,
      gone.signal,
      deps.stopping,
    )
    if (!answer) {
      // an unknown state, or a wrong poll secret, looks exactly like a pending sign-in
      ctx.status = 202
      ctx.body = { status: 'pending' }
      return
    }
    ctx.status = 200
    ctx.body = answer.status === 'ready' ? { status: 'ready', code: answer.code, state } : answer
  })
  return router
}
