/**
 * Refusals of the domain, each with a message that tells the caller what to change. The edges
 * map `kind` to a status (REST) or an `isError` tool result (MCP).
 */
export type DomainErrorKind =
  /** Unknown id or name, or a workspace the caller is not a member of (SPEC §4: same answer). */
  | 'not_found'
  /** The token lacks the scope: the MCP endpoint answers with the step-up 403 before this. */
  | 'insufficient_scope'
  /** The caller's role does not allow it. */
  | 'forbidden'
  /** The request is well formed but its content is refused (invalid value, dangling alias). */
  | 'invalid'
  /** It clashes with the current state (a name in use, a stale version). */
  | 'conflict'

export class DomainError extends Error {
  readonly kind: DomainErrorKind
  /** For `insufficient_scope`: the scope that would allow it. */
  readonly scope: string | undefined

  constructor(kind: DomainErrorKind, message: string, scope?: string) {
    super(message)
    this.name = 'DomainError'
    this.kind = kind
    this.scope = scope
  }
}

export const notFound = (what: string) =>
  new DomainError('not_found', `${what} was not found (or you are not a member of its workspace)`)

export const invalid = (message: string) => new DomainError('invalid', message)

export const conflict = (message: string) => new DomainError('conflict', message)
