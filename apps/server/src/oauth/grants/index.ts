import type { GRANT_TYPES_SUPPORTED } from '../metadata.ts'
import { exchangeRefreshToken } from '../refresh/refresh-grant.ts'
import { exchangeAuthorizationCode } from './authorization-code.ts'
import type { GrantHandler } from './types.ts'

export type { GrantHandler, GrantRequest, TokenResponse } from './types.ts'

/**
 * The token endpoint's grant types, one handler each. Keyed by the advertised list, so a grant
 * type cannot be advertised (and granted at registration) without a handler, nor the reverse.
 */
export const GRANT_HANDLERS: Record<(typeof GRANT_TYPES_SUPPORTED)[number], GrantHandler> = {
  authorization_code: exchangeAuthorizationCode,
  refresh_token: exchangeRefreshToken,
}
