/**
 * The authorization endpoint: GET /api/oauth/mcp/authorize (the seed's) and GET/POST
 * /mcp/authorize (the advertised `authorization_endpoint`, also the consent page). Both validate
 * a request with the same function, remember it, and send the browser to the consent page, via
 * /login when nobody is signed in. The consent form answers with a code or access_denied.
 *
 * The Figma plugin's requests are bound to the plugin window that asked (store/figma-bridge.ts):
 * one is accepted only for a sign-in the plugin started, and approved only with the user code
 * the plugin shows, so that a link someone else made cannot be approved by mistake.
 */
import Router from '@koa/router'
import type { Context, Middleware } from 'koa'
import { logAuthEvent } from '../../auth/audit.ts'
import { csrfToken, requireCsrf } from '../../auth/csrf.ts'
import { addressRateLimit } from '../../auth/rate-limit/index.ts'
import { sessionOf } from '../../auth/sessions.ts'
import { field, formBody } from '../../web/form.ts'
import { renderPage } from '../../web/render.ts'
import { isClientIdUrl, vouchingHost } from '../client-metadata/client-id-url.ts'
import { ClientMetadataError } from '../client-metadata/resolve-client.ts'
import type { OAuthDeps } from '../deps.ts'
import { OAuthError } from '../errors.ts'
import { ConsentPage } from '../pages/ConsentPage.tsx'
import { OAuthErrorPage } from '../pages/OAuthErrorPage.tsx'
import {
  type AuthorizationParams,
  authorizationResponseUri,
  checkAuthorizationRequest,
  errorResponseUri,
} from '../rules/authorization-request.ts'
import { FIGMA_CLIENT_ID } from '../rules/registration.ts'
import { userCodeMatches } from '../rules/user-code.ts'
import {
  consumePendingRequest,
  findPendingRequest,
  type PendingRequest,
  savePendingRequest,
} from '../store/authorization-requests.ts'
import { findClient } from '../store/clients.ts'
import { issueCode } from '../store/codes.ts'
import { unansweredSignIn } from '../store/figma-bridge.ts'
import { hasLiveGrant } from '../store/grants.ts'
import { bodyOf } from './respond.ts'

const CONSENT_PATH = '/mcp/authorize'

const ANSWERED = 'This authorization request has expired or was answered already.'
const FIGMA_NOT_STARTED =
  'This sign-in was not started by the Tokencraft plugin in Figma, or it has expired. ' +
  'Open the plugin in Figma and press Connect: it opens this page again, with a code to type here.'
const FIGMA_WRONG_CODE =
  'That is not the code the Tokencraft plugin shows in Figma. Type the code from the plugin ' +
  'window where you pressed Connect; if you did not press Connect, choose Deny.'

const consentUrl = (requestId: string) =>
  `${CONSENT_PATH}?${new URLSearchParams({ request_id: requestId })}`

/** @param clientsReady awaited before a client is looked up (the pre-registered ones exist) */
export function authorizeRouter(deps: OAuthDeps, clientsReady: Middleware): Router {
  const router = new Router()
  const issuer = deps.config.publicUrl

  function showError(ctx: Context, message: string, status = 400) {
    renderPage(ctx, <OAuthErrorPage message={message} />, status)
  }

  /**
   * RFC 9700 §4.11.2: an error goes back to the redirect URI automatically only when the person
   * is signed in and the URI is trusted, else anyone could register a phishing page as a redirect
   * URI and send people there through this server with a malformed request. Trusted: the
   * pre-registered clients' (this server's own pages) and those of a client this person has
   * authorized and not revoked. Everyone else sees the error page.
   */
  async function errorRedirectTrusted(ctx: Context, clientId: string): Promise<boolean> {
    const session = sessionOf(ctx)
    if (!session) return false
    if (clientId === FIGMA_CLIENT_ID) return true
    return hasLiveGrant(deps.prisma, session.user.id, clientId)
  }

  /** Validates an authorization request and hands it to the consent page. */
  async function startAuthorization(ctx: Context, params: AuthorizationParams) {
    const clientId = typeof params.client_id === 'string' ? params.client_id : undefined
    let client: Awaited<ReturnType<typeof findClient>>
    try {
      // an https client_id names a Client ID Metadata Document, fetched and checked first
      client =
        clientId !== undefined && isClientIdUrl(clientId)
          ? await deps.clientMetadata.resolve(clientId)
          : await findClient(deps.prisma, clientId)
    } catch (error) {
      if (!(error instanceof ClientMetadataError)) throw error
      // the page says what went wrong in words; the system's error code goes to the log only
      if (error.cause !== undefined) {
        deps.logger.info({ err: error.cause, clientId }, 'client metadata document refused')
      }
      return showError(ctx, error.message)
    }
    const check = checkAuthorizationRequest(params, client ?? undefined, issuer)
    if (check.kind === 'error_page') return showError(ctx, check.message)
    if (check.kind === 'error_redirect') {
      if (await errorRedirectTrusted(ctx, check.clientId)) {
        return ctx.redirect(errorResponseUri(check.redirectUri, check.error, check.state, issuer))
      }
      return showError(ctx, `${check.error.description} (${check.error.code}).`)
    }
    const now = deps.clock()
    if (
      check.request.clientId === FIGMA_CLIENT_ID &&
      !(await unansweredSignIn(deps.prisma, check.request.state, now))
    ) {
      return showError(ctx, FIGMA_NOT_STARTED)
    }
    const requestId = await savePendingRequest(deps.prisma, check.request, now)
    ctx.redirect(consentUrl(requestId))
  }

  /** The consent page of a remembered request; log-in first when nobody is signed in. */
  async function showConsent(ctx: Context, requestId: string) {
    const pending = await findPendingRequest(deps.prisma, requestId, deps.clock())
    if (!pending) return showError(ctx, ANSWERED)
    const session = sessionOf(ctx)
    if (!session) {
      return ctx.redirect(`/login?${new URLSearchParams({ next: consentUrl(requestId) })}`)
    }
    renderConsent(ctx, pending, session.user.email)
  }

  function renderConsent(ctx: Context, pending: PendingRequest, email: string, error?: string) {
    const page = (
      <ConsentPage
        requestId={pending.id}
        clientName={pending.client.name}
        vouchedBy={isClientIdUrl(pending.clientId) ? vouchingHost(pending.clientId) : undefined}
        redirectUri={pending.redirectUri}
        scopes={pending.scopes}
        email={email}
        csrf={csrfToken(deps, ctx)}
        askUserCode={pending.clientId === FIGMA_CLIENT_ID}
        error={error}
      />
    )
    renderPage(ctx, page, error ? 400 : 200)
  }

  /** The user's answer: a code for the client, or access_denied (RFC 6749 §4.1.2, §4.1.2.1). */
  async function answer(ctx: Context, requestId: string) {
    const session = sessionOf(ctx)
    if (!session)
      return ctx.redirect(`/login?${new URLSearchParams({ next: consentUrl(requestId) })}`)
    const decision = field(ctx, 'decision')
    if (decision !== 'approve' && decision !== 'deny') {
      return showError(ctx, 'Choose Approve or Deny.')
    }
    const now = deps.clock()
    const pending = await findPendingRequest(deps.prisma, requestId, now)
    if (!pending) return showError(ctx, ANSWERED)
    if (decision === 'approve' && pending.clientId === FIGMA_CLIENT_ID) {
      // approved only with the code of the plugin window that started this sign-in
      const signIn = await unansweredSignIn(deps.prisma, pending.state, now)
      if (!signIn) return showError(ctx, FIGMA_NOT_STARTED)
      if (!userCodeMatches(field(ctx, 'user_code'), signIn.userCodeHash)) {
        return renderConsent(ctx, pending, session.user.email, FIGMA_WRONG_CODE)
      }
    }
    if (!(await consumePendingRequest(deps.prisma, requestId, now))) {
      return showError(ctx, ANSWERED)
    }
    ctx.status = 303
    logAuthEvent(deps.logger, ctx, {
      event: 'oauth_consent',
      userId: session.user.id,
      clientId: pending.clientId,
      scopes: pending.scopes,
      decision,
    })
    // a denial goes back to the client even when untrusted: the consent page named the
    // redirect's host, so the person decided knowing where they would be sent (RFC 9700 §4.11.2)
    if (decision === 'deny') {
      const denied = new OAuthError('access_denied', 'The user denied the request')
      return ctx.redirect(errorResponseUri(pending.redirectUri, denied, pending.state, issuer))
    }
    const code = await issueCode(deps.prisma, pending, session.user.id, now)
    ctx.redirect(
      authorizationResponseUri(pending.redirectUri, { code, state: pending.state }, issuer),
    )
  }

  // per client address: each request may store a pending request and fetch a metadata document
  const limited = addressRateLimit(deps, 'oauth')
  router.get('/api/oauth/mcp/authorize', limited, clientsReady, (ctx) =>
    startAuthorization(ctx, ctx.query),
  )
  router.get(CONSENT_PATH, limited, clientsReady, (ctx) => {
    const requestId = ctx.query.request_id
    if (typeof requestId === 'string') return showConsent(ctx, requestId)
    return startAuthorization(ctx, ctx.query)
  })
  router.post(
    CONSENT_PATH,
    limited,
    clientsReady,
    formBody(),
    async (ctx, next) => {
      // a consent answer names its request and carries the CSRF token; anything else is an
      // authorization request sent as a form (OAuth 2.1 §4.1.1 allows POST), validated like a GET
      if (field(ctx, 'request_id') === '') return startAuthorization(ctx, bodyOf(ctx))
      await next()
    },
    requireCsrf(deps),
    (ctx) => answer(ctx, field(ctx, 'request_id')),
  )
  return router
}
