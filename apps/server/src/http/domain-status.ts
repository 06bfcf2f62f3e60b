/**
 * The HTTP status of each domain refusal (domain/errors.ts), the same for the REST API's JSON
 * errors and the web pages that show a refusal (SPEC §7: 403, 404, 409, 422 as fits).
 */
import type { DomainErrorKind } from '../domain/errors.ts'

export const DOMAIN_ERROR_STATUS: Readonly<Record<DomainErrorKind, number>> = {
  not_found: 404,
  insufficient_scope: 403,
  forbidden: 403,
  invalid: 422,
  conflict: 409,
}
