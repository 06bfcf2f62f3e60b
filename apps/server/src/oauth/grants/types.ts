import type { OAuthDeps } from '../deps.ts'
import type { OAuthClientRecord } from '../store/clients.ts'

/** The successful token response (RFC 6749 §5.1). */
export type TokenResponse = {
  access_token: string
  token_type: 'Bearer'
  expires_in: number
  scope: string
  refresh_token?: string
}

export type GrantRequest = {
  deps: OAuthDeps
  /** the client, authenticated already */
  client: OAuthClientRecord
  /** the form parameters of the token request */
  params: Record<string, unknown>
  now: Date
}

/** One grant type of the token endpoint; refusals are thrown as OAuthError. */
export type GrantHandler = (request: GrantRequest) => Promise<TokenResponse>
