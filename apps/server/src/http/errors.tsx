/**
 * The one way an error becomes an answer, for every surface: REST and OAuth JSON, web pages
 * and MCP results.
 *
 * `knownAnswer` maps each kind of failure the server expects to a status, a message for the
 * client and headers: domain refusals by kind, OAuth errors (RFC 6749 §5.2), values PostgreSQL
 * cannot store, and Koa's HTTP errors (`ctx.throw`, body parsers). Anything else is a defect: it
 * is answered 500 with a generic message naming a request id, and its details (stack, database
 * message) go to the log under that id only. The renderers below turn an answer into JSON, an
 * RFC 6749 error body, a page (ErrorPage) or an MCP result; `errorResponses` is the app-wide
 * middleware that picks the renderer by path.
 */
import { randomUUID } from 'node:crypto'
import { STATUS_CODES } from 'node:http'
import { type CallToolResult, ErrorCode, McpError } from '@modelcontextprotocol/sdk/types.js'
import type { Context, Middleware, Next } from 'koa'
import { refusedValue } from '../db/errors.ts'
import { DomainError, type DomainErrorKind } from '../domain/errors.ts'
import type { Logger } from '../logger.ts'
import { OAuthError, type OAuthErrorCode } from '../oauth/errors.ts'
import { ErrorPage } from '../web/pages/ErrorPage.tsx'
import { renderPage } from '../web/render.ts'

export type ErrorAnswer = {
  status: number
  /** What the client is told; never internal text. */
  message: string
  headers: Record<string, string>
  /** The RFC 6749 §5.2 `error` code, for OAuth errors. */
  oauthError?: OAuthErrorCode
}

/** The status of each domain refusal: 403, 404, 409, 422 as fits. */
export const DOMAIN_ERROR_STATUS: Readonly<Record<DomainErrorKind, number>> = {
  not_found: 404,
  insufficient_scope: 403,
  forbidden: 403,
  invalid: 422,
  conflict: 409,
}

const reason = (status: number) => STATUS_CODES[status] ?? 'Error'

function domainAnswer(error: unknown): ErrorAnswer | undefined {
  if (!(error instanceof DomainError)) return undefined
  // RFC 6750 §3.1: tell the client which scope would do
  const headers: Record<string, string> =
    error.kind === 'insufficient_scope' && error.scope
      ? { 'WWW-Authenticate': `Bearer error="insufficient_scope", scope="${error.scope}"` }
      : {}
  return { status: DOMAIN_ERROR_STATUS[error.kind], message: error.message, headers }
}

function oauthAnswer(error: unknown): ErrorAnswer | undefined {
  if (!(error instanceof OAuthError)) return undefined
  return {
    status: error.status,
    message: error.description,
    headers: {},
    oauthError: error.code,
  }
}

/** A value the database refused (a NUL character, a number out of range): the client's input. */
function storedValueAnswer(error: unknown): ErrorAnswer | undefined {
  const message = refusedValue(error)
  return message === undefined ? undefined : { status: 422, message, headers: {} }
}

/**
 * Koa's HTTP errors: a 4xx keeps its status, and its message when made to be shown (`expose`:
 * `ctx.throw(4xx, …)`); a 4xx not made to be shown (co-body's unreadable JSON) says only its
 * status. Headers it carries (`WWW-Authenticate`, `Allow`) are sent.
 */
function httpAnswer(error: unknown): ErrorAnswer | undefined {
  const http = error as { status?: unknown; expose?: unknown; message?: unknown; headers?: unknown }
  const status = http?.status
  if (typeof status !== 'number' || status < 400 || status > 499) return undefined
  const headers =
    http.headers && typeof http.headers === 'object'
      ? Object.fromEntries(Object.entries(http.headers).map(([k, v]) => [k, String(v)]))
      : {}
  const message = http.expose === true ? String(http.message) : reason(status)
  return { status, message, headers }
}

/**
 * Every failure the server expects, in order: the first that recognizes the error answers it.
 * A new kind of expected failure (say, the database being unreachable) is one more entry here.
 */
const KNOWN: readonly ((error: unknown) => ErrorAnswer | undefined)[] = [
  domainAnswer,
  oauthAnswer,
  storedValueAnswer,
  httpAnswer,
]

/** The answer to a failure the server expects, or undefined for a defect. */
export function knownAnswer(error: unknown): ErrorAnswer | undefined {
  for (const answer of KNOWN) {
    const known = answer(error)
    if (known) return known
  }
  return undefined
}

/**
 * The answer to any error: a known failure's, or for a defect a 500 (or the 5xx it carries)
 * whose message names a fresh request id, with the details logged under that id only.
 */
export function answerFor(
  error: unknown,
  logger: Logger,
  where: Record<string, unknown>,
): ErrorAnswer {
  const known = knownAnswer(error)
  if (known) return known
  const requestId = randomUUID()
  logger.error({ err: error, requestId, ...where }, 'request failed')
  const carried = (error as { status?: unknown } | null)?.status
  const status = typeof carried === 'number' && carried >= 500 && carried <= 599 ? carried : 500
  return {
    status,
    message: `${reason(status)} (request id ${requestId})`,
    headers: {},
  }
}

// ---- renderers ---------------------------------------------------------------------------

/** `{"error": "…"}`: REST v1, MCP's HTTP answers, every JSON endpoint under /api/. */
function renderJson(ctx: Context, answer: ErrorAnswer): void {
  ctx.status = answer.status
  ctx.body = { error: answer.message }
}

/**
 * RFC 6749 §5.2 (and RFC 7591 §3.2.2, RFC 7009 §2.2.1): `{"error", "error_description"}`, never
 * cached (§5.1). Failures that are not OAuth errors take the nearest code: `invalid_request` for
 * the client's, `server_error` for the server's. `invalid_client` after an attempt with HTTP Basic
 * is a 401 with a Basic challenge (§5.2).
 */
function renderOAuth(ctx: Context, answer: ErrorAnswer): void {
  const error = answer.oauthError ?? (answer.status < 500 ? 'invalid_request' : 'server_error')
  ctx.set('Cache-Control', 'no-store')
  ctx.set('Pragma', 'no-cache')
  if (error === 'invalid_client' && /^Basic\s/i.test(ctx.get('Authorization'))) {
    ctx.set('WWW-Authenticate', 'Basic realm="Tokencraft OAuth", charset="UTF-8"')
  }
  ctx.status = answer.status
  ctx.body = { error, error_description: answer.message }
}

/** A page in the site's layout (ErrorPage), for what a browser opened. */
function renderErrorPage(ctx: Context, answer: ErrorAnswer): void {
  renderPage(ctx, <ErrorPage status={answer.status} message={answer.message} />, answer.status)
}

/** Which answer a path gets: the OAuth endpoints' JSON, other JSON under /api/, else a page. */
function rendererFor(path: string): (ctx: Context, answer: ErrorAnswer) => void {
  if (path.startsWith('/api/oauth/')) return renderOAuth
  if (path === '/api' || path.startsWith('/api/')) return renderJson
  return renderErrorPage
}

const NOT_FOUND: ErrorAnswer = { status: 404, message: 'Not found', headers: {} }

/**
 * App-wide: answers every error thrown below it, and every route nothing answered (404), in
 * the form its path calls for.
 */
export function errorResponses(logger: Logger): Middleware {
  return async (ctx: Context, next: Next) => {
    try {
      await next()
      if (ctx.status === 404 && ctx.body == null) rendererFor(ctx.path)(ctx, NOT_FOUND)
    } catch (error) {
      const answer = answerFor(error, logger, { method: ctx.method, path: ctx.path })
      if (ctx.headerSent) return // a stream broke after the answer started: logged above if a defect
      ctx.set(answer.headers)
      rendererFor(ctx.path)(ctx, answer)
    }
  }
}

// ---- MCP ---------------------------------------------------------------------------------

/** JSON-RPC error code for an unknown resource (MCP specification, resources: error handling). */
export const RESOURCE_NOT_FOUND = -32002

/** A defect inside an MCP handler: JSON-RPC's internal error, saying only the request id. */
function internalError(error: unknown, logger: Logger, where: Record<string, unknown>): McpError {
  return new McpError(ErrorCode.InternalError, answerFor(error, logger, where).message)
}

/**
 * A tool call's failure as its answer: a known failure is an `isError` result saying what to
 * change (MCP tools: errors the model can act on); a defect is thrown as an internal error.
 */
export function toolFailure(
  error: unknown,
  logger: Logger,
  where: Record<string, unknown>,
): CallToolResult {
  const known = knownAnswer(error)
  if (!known) throw internalError(error, logger, where)
  return { content: [{ type: 'text', text: known.message }], isError: true }
}

/** A resource read's failure as a JSON-RPC error (resources have no `isError` result). */
export function resourceFailure(
  error: unknown,
  logger: Logger,
  where: Record<string, unknown>,
): McpError {
  if (error instanceof McpError) return error
  const known = knownAnswer(error)
  if (!known) return internalError(error, logger, where)
  const code = known.status === 404 ? RESOURCE_NOT_FOUND : ErrorCode.InvalidRequest
  return new McpError(code, known.message)
}
