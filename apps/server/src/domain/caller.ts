/** Who is asking: the user behind a bearer token (or a session) and what the token allows. */
export type Caller = {
  userId: string
  /** The token's scopes; a browser session acts with every scope (its limits are the role's). */
  scopes: readonly string[]
}
