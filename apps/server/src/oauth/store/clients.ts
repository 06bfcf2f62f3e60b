/**
 * Registered OAuth clients in `oauth_clients`: dynamic registrations (RFC 7591) with their secret
 * stored as a SHA-256 hash, and the pre-registered ones (the Figma plugin, the CLI).
 */
import { CLI_CLIENT_ID, CLI_CLIENT_NAME, CLI_REDIRECT_URI } from '@tokencraft/shared'
import { sha256Hex } from '../../auth/secrets.ts'
import type { Prisma, PrismaClient } from '../../generated/prisma/client.ts'
import {
  FIGMA_CLIENT_ID,
  FIGMA_CLIENT_NAME,
  type RegisteredMetadata,
} from '../rules/registration.ts'
import { generateOpaque } from '../secrets.ts'

export type OAuthClientRecord = {
  id: string
  name: string
  secretHash: string | null
  redirectUris: string[]
  grantTypes: string[]
}

const CLIENT_FIELDS = {
  id: true,
  name: true,
  secretHash: true,
  redirectUris: true,
  grantTypes: true,
} as const

export function findClient(
  prisma: PrismaClient,
  clientId: string | undefined,
): Promise<OAuthClientRecord | null> {
  if (!clientId) return Promise.resolve(null)
  return prisma.oAuthClient.findUnique({ where: { id: clientId }, select: CLIENT_FIELDS })
}

export type Registration = {
  clientId: string
  /** Shown once in the registration response; only its hash is stored. */
  clientSecret: string | undefined
  issuedAt: Date
}

/** Stores a client; a secret is issued unless it authenticates with `none` (RFC 7591 §3.2.1). */
export async function registerClient(
  prisma: PrismaClient,
  metadata: RegisteredMetadata,
  now: Date,
): Promise<Registration> {
  const clientId = generateOpaque()
  const clientSecret = metadata.token_endpoint_auth_method === 'none' ? undefined : generateOpaque()
  await prisma.oAuthClient.create({
    data: {
      id: clientId,
      secretHash: clientSecret === undefined ? null : sha256Hex(clientSecret),
      name: metadata.client_name,
      redirectUris: metadata.redirect_uris,
      grantTypes: metadata.grant_types,
      tokenEndpointAuthMethod: metadata.token_endpoint_auth_method,
      metadata: metadata as Prisma.InputJsonObject,
      createdAt: now,
    },
  })
  return { clientId, clientSecret, issuedAt: now }
}

/**
 * The Figma plugin's registration: public, redirecting to the polling bridge, and renewing its
 * short-lived access tokens with rotating refresh tokens (lifetimes.ts).
 */
export function figmaClientMetadata(publicUrl: string): RegisteredMetadata {
  return {
    client_name: FIGMA_CLIENT_NAME,
    redirect_uris: [`${publicUrl}/mcp/figma-callback`],
    token_endpoint_auth_method: 'none',
    grant_types: ['authorization_code', 'refresh_token'],
    response_types: ['code'],
    application_type: 'native',
  }
}

/**
 * The command-line client's registration: a public native client (RFC 8252 §8.4: it cannot keep
 * a secret) whose code comes back to a loopback listener on any port (RFC 8252 §7.3), and which
 * keeps its sign-in alive with refresh tokens.
 */
export function cliClientMetadata(): RegisteredMetadata {
  return {
    client_name: CLI_CLIENT_NAME,
    redirect_uris: [CLI_REDIRECT_URI],
    token_endpoint_auth_method: 'none',
    grant_types: ['authorization_code', 'refresh_token'],
    response_types: ['code'],
    application_type: 'native',
  }
}

/** Every client a server has without registration, by client_id. */
export function preRegisteredClients(publicUrl: string): Record<string, RegisteredMetadata> {
  return {
    [FIGMA_CLIENT_ID]: figmaClientMetadata(publicUrl),
    [CLI_CLIENT_ID]: cliClientMetadata(),
  }
}

/**
 * Creates or refreshes the pre-registered clients (the Figma plugin's redirect URI follows
 * PUBLIC_URL). Idempotent and safe when several processes start at once: upserts, which
 * PostgreSQL serialises on the key.
 */
export async function ensurePreRegisteredClients(
  prisma: PrismaClient,
  publicUrl: string,
): Promise<void> {
  for (const [id, metadata] of Object.entries(preRegisteredClients(publicUrl))) {
    const fields = {
      secretHash: null,
      name: metadata.client_name,
      redirectUris: metadata.redirect_uris,
      grantTypes: metadata.grant_types,
      tokenEndpointAuthMethod: metadata.token_endpoint_auth_method,
      metadata: metadata as Prisma.InputJsonObject,
    }
    await prisma.oAuthClient.upsert({ where: { id }, create: { id, ...fields }, update: fields })
  }
}
