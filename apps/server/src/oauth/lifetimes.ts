/** Lifetimes of the seed (mcp-oauth-docs) and SPEC §3 and §8. */
const MINUTE_MS = 60 * 1000

/** "Authorization codes expire after 10 minutes and are single-use." */
export const CODE_LIFETIME_MS = 10 * MINUTE_MS
/** "Access tokens expire after 30 days." */
export const ACCESS_TOKEN_LIFETIME_S = 30 * 24 * 60 * 60
/** A validated authorization request waits this long for log-in and consent. */
export const AUTHORIZATION_REQUEST_LIFETIME_MS = 30 * MINUTE_MS
/** SPEC §8: a bridge entry is forgotten after 10 minutes. */
export const FIGMA_POLL_ENTRY_LIFETIME_MS = 10 * MINUTE_MS
/** SPEC §8: `wait` ≤ 25 seconds. */
export const MAX_POLL_WAIT_S = 25
