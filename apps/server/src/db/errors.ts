/**
 * What a database error means, read from the PostgreSQL SQLSTATE that Prisma's driver adapters
 * keep on the errors they raise (PGlite and node-postgres alike).
 */

/** The SQLSTATE behind a Prisma error (e.g. `22021`), or undefined for any other error. */
export function sqlState(error: unknown): string | undefined {
  const meta = (error as { meta?: { driverAdapterError?: { cause?: { originalCode?: unknown } } } })
    ?.meta
  const code = meta?.driverAdapterError?.cause?.originalCode
  return typeof code === 'string' ? code : undefined
}

/**
 * Why PostgreSQL refused a value the request carried (SQLSTATE class 22, "data exception"), in
 * words for the client; undefined for errors of any other class. Nothing of the database's own
 * message is repeated.
 */
export function refusedValue(error: unknown): string | undefined {
  const state = sqlState(error)
  if (!state?.startsWith('22')) return undefined
  switch (state) {
    case '22021': // character_not_in_repertoire: U+0000 in a text parameter
    case '22P05': // untranslatable_character: \u0000 in a jsonb value
      return 'Text cannot contain the NUL character (\\u0000).'
    case '22001': // string_data_right_truncation
      return 'A value is longer than allowed.'
    case '22003': // numeric_value_out_of_range
      return 'A number is out of range.'
    default:
      return 'A value in the request cannot be stored.'
  }
}
