/**
 * The Figma plugin's polling bridge (SPEC §8): `/mcp/figma-callback`, where the browser lands
 * with the code, and `GET /api/oauth/figma-plugin/poll`, where the plugin collects it.
 */
import Router from '@koa/router'
import type { Context } from 'koa'
import { addressRateLimit } from '../../auth/rate-limit/index.ts'
import { sha256Hex } from '../../auth/secrets.ts'
import { renderPage } from '../../web/render.ts'
import type { OAuthDeps } from '../deps.ts'
import { AnswerSignal } from '../figma-wait.ts'
import { MAX_POLL_WAIT_S } from '../lifetimes.ts'
import { FigmaCallbackPage } from '../pages/FigmaCallbackPage.tsx'
import { ANSWER_CHANNEL, type BridgeAnswer, fileAnswer, takeAnswer } from '../store/figma-bridge.ts'

const text = (value: unknown) => (typeof value === 'string' && value !== '' ? value : undefined)

/** `wait=N`: whole seconds, at most MAX_POLL_WAIT_S; absent means answer at once. */
export function parseWait(value: unknown): number | undefined {
  if (value === undefined) return 0
  if (typeof value !== 'string' || !/^\d{1,6}$/.test(value)) return undefined
  return Math.min(Number(value), MAX_POLL_WAIT_S)
}

export function figmaBridgeRouter(deps: OAuthDeps): Router {
  const router = new Router()
  const signal = new AnswerSignal()
  // answers filed by any process (NOTIFY in fileAnswer) wake this process's waiting polls
  deps.db
    .listen(ANSWER_CHANNEL, (stateHash) => signal.notify(stateHash))
    .catch((error: unknown) => deps.logger.warn({ err: error }, 'cannot listen for answers'))

  router.get('/mcp/figma-callback', async (ctx) => {
    const state = text(ctx.query.state)
    const code = text(ctx.query.code)
    const error = text(ctx.query.error)
    const iss = text(ctx.query.iss)
    // RFC 9207 §2.4: an answer that says it comes from another issuer is not ours to pass on
    if (!state || (!code && !error) || (iss !== undefined && iss !== deps.config.publicUrl)) {
      return renderPage(ctx, <FigmaCallbackPage outcome="failed" />, 400)
    }
    const answer: BridgeAnswer = code
      ? { status: 'ready', code }
      : { status: 'error', error: error as string }
    await fileAnswer(deps.prisma, state, answer, deps.clock())
    renderPage(
      ctx,
      <FigmaCallbackPage
        outcome={code ? 'approved' : error === 'access_denied' ? 'denied' : 'failed'}
      />,
    )
  })

  router.get(
    '/api/oauth/figma-plugin/poll',
    addressRateLimit(deps, 'oauth'),
    async (ctx: Context) => {
      ctx.set('Cache-Control', 'no-store')
      const state = text(ctx.query.state)
      const wait = parseWait(ctx.query.wait)
      if (!state || wait === undefined) {
        ctx.status = 400
        ctx.body = {
          error: 'invalid_request',
          error_description: 'state is required; wait is a number of seconds up to 25',
        }
        return
      }
      const gone = new AbortController()
      ctx.res.once('close', () => gone.abort())
      const answer = await signal.waitFor(
        sha256Hex(state),
        () => takeAnswer(deps.prisma, state, deps.clock()),
        Date.now() + wait * 1000,
        gone.signal,
      )
      if (!answer) {
        // an unknown state looks exactly like a pending one (SPEC §8)
        ctx.status = 202
        ctx.body = { status: 'pending' }
        return
      }
      ctx.status = 200
      ctx.body = answer.status === 'ready' ? { status: 'ready', code: answer.code, state } : answer
    },
  )
  return router
}
