/** How long codes, tokens, requests and bridge sign-ins live (README "Connect an MCP client"). */
import { FIGMA_CLIENT_ID } from './rules/registration.ts'

const MINUTE_MS = 60 * 1000

/** "Authorization codes expire after 10 minutes and are single-use." */
export const CODE_LIFETIME_MS = 10 * MINUTE_MS
/** "Access tokens expire after 30 days." */
export const ACCESS_TOKEN_LIFETIME_S = 30 * 24 * 60 * 60
/**
 * The Figma plugin's access tokens live 1 hour; it renews them with its refresh token, rotated
 * on every use (OAuth 2.1 §4.3.1), so that a token taken from a designer's machine or obtained
 * by a phished consent is short-lived, and a stolen refresh token shows itself when reused.
 */
export const FIGMA_ACCESS_TOKEN_LIFETIME_S = 60 * 60
/** A validated authorization request waits this long for log-in and consent. */
export const AUTHORIZATION_REQUEST_LIFETIME_MS = 30 * MINUTE_MS
/** A sign-in the Figma plugin started, and the answer filed for it, are forgotten after 10 minutes. */
export const FIGMA_POLL_ENTRY_LIFETIME_MS = 10 * MINUTE_MS
/** A poll may wait at most 25 seconds (`wait`). */
export const MAX_POLL_WAIT_S = 25

/** The lifetime of an access token issued to `clientId`, in seconds. */
export function accessTokenLifetimeS(clientId: string): number {
  return clientId === FIGMA_CLIENT_ID ? FIGMA_ACCESS_TOKEN_LIFETIME_S : ACCESS_TOKEN_LIFETIME_S
}
