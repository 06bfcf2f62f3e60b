import { isScope, SCOPES, type Scope } from '@tokencraft/shared'
import { OAuthError } from '../errors.ts'

/** What a request for no scope at all is given (SPEC §3). */
export const DEFAULT_SCOPES: readonly Scope[] = ['read:tokens']

/**
 * The `scope` parameter (RFC 6749 §3.3: space-delimited, case-sensitive, order-free), in the
 * order SCOPES lists them. Absent or blank: the default. An unknown scope is `invalid_scope`.
 */
export function parseScope(scope: string | undefined): Scope[] {
  const requested = (scope ?? '').split(' ').filter((s) => s !== '')
  if (requested.length === 0) return [...DEFAULT_SCOPES]
  const unknown = requested.filter((s) => !isScope(s))
  if (unknown.length > 0) {
    throw new OAuthError(
      'invalid_scope',
      `Unknown scope ${unknown.join(', ')}; this server offers ${SCOPES.join(', ')}`,
    )
  }
  return SCOPES.filter((s) => requested.includes(s))
}

export function formatScope(scopes: readonly string[]): string {
  return scopes.join(' ')
}
