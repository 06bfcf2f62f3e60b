import { randomBytes } from 'node:crypto'

/** Seed: "OAuth tokens are 64-character hex strings (no tkc_ prefix)": 256 random bits. */
export function generateAccessToken(): string {
  return randomBytes(32).toString('hex')
}

/** Authorization codes, client ids and secrets, request ids: 256 random bits, base64url. */
export function generateOpaque(): string {
  return randomBytes(32).toString('base64url')
}

/** Seed: tokens are "named MCP OAuth — {client name}" (the column holds 255 characters). */
export function oauthTokenName(clientName: string): string {
  return `MCP OAuth — ${clientName}`.slice(0, 255)
}
