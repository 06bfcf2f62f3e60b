/**
 * OAuth errors as values: the error codes of RFC 6749 §4.1.2.1 (authorization responses) and
 * §5.2 (token endpoint), RFC 7591 §3.2.2 (registration), RFC 8707 §2 (`invalid_target`) and
 * RFC 7009 §2.2.1. http/errors.tsx answers them with the JSON body of RFC 6749 §5.2.
 */
export type OAuthErrorCode =
  | 'invalid_request'
  | 'invalid_client'
  | 'invalid_grant'
  | 'unauthorized_client'
  | 'unsupported_grant_type'
  | 'unsupported_response_type'
  | 'unsupported_token_type'
  | 'invalid_scope'
  | 'access_denied'
  | 'server_error'
  | 'invalid_target'
  | 'invalid_redirect_uri'
  | 'invalid_client_metadata'

export class OAuthError extends Error {
  constructor(
    readonly code: OAuthErrorCode,
    readonly description: string,
  ) {
    super(description)
  }

  /**
   * RFC 6749 §5.2: 400 for every error, except `invalid_client`, which is 401 (the server
   * "MAY" answer 400 when the client did not try the Authorization header; 401 is always safe).
   */
  get status(): number {
    return this.code === 'invalid_client' ? 401 : 400
  }
}
