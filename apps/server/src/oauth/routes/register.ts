import { bodyParser } from '@koa/bodyparser'
import type { Middleware } from 'koa'
import type { OAuthDeps } from '../deps.ts'
import { OAuthError } from '../errors.ts'
import { normaliseRegistration } from '../rules/registration.ts'
import { registerClient } from '../store/clients.ts'
import { oauthJson } from './respond.ts'

const jsonOnly = bodyParser({ enableTypes: ['json'], jsonLimit: '64kb' }) as Middleware

/**
 * POST /api/oauth/mcp/register (RFC 7591 §3). The response echoes every registered field
 * (§3.2.1; the MCP SDK's client requires redirect_uris in it); a secret never expires.
 */
export function registrationEndpoint(deps: OAuthDeps): Middleware[] {
  const handler: Middleware = (ctx) =>
    oauthJson(ctx, async () => {
      if (!ctx.is('application/json')) {
        throw new OAuthError(
          'invalid_client_metadata',
          'Send the client metadata as application/json',
        )
      }
      const metadata = normaliseRegistration((ctx.request as { body?: unknown }).body)
      const registration = await registerClient(deps.prisma, metadata, deps.clock())
      const secret =
        registration.clientSecret === undefined
          ? {}
          : { client_secret: registration.clientSecret, client_secret_expires_at: 0 }
      return {
        status: 201,
        body: {
          client_id: registration.clientId,
          ...secret,
          client_id_issued_at: Math.floor(registration.issuedAt.getTime() / 1000),
          ...metadata,
        },
      }
    })
  return [jsonOnly, handler]
}
