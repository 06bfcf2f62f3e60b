/** The three OAuth / API-token scopes (SPEC §4), in the order consent and settings pages list them. */
export const SCOPES = ['read:tokens', 'write:tokens', 'export:tokens'] as const

export type Scope = (typeof SCOPES)[number]

/** Plain-word descriptions, shown on the consent page and API Settings. */
export const SCOPE_DESCRIPTIONS: Record<Scope, string> = {
  'read:tokens': 'See your workspaces, tokensets, modes and tokens',
  'write:tokens': 'Create, change and delete tokensets, modes and tokens (as your role allows)',
  'export:tokens': 'Export tokensets and modes as JSON, CSS, iOS or Android files',
}

export function isScope(value: string): value is Scope {
  return (SCOPES as readonly string[]).includes(value)
}

/** Workspace roles from the most to the least powerful. */
export const ROLES = ['owner', 'admin', 'editor', 'viewer'] as const

export type Role = (typeof ROLES)[number]

/** True when `role` is `minimum` or more powerful. */
export function roleAtLeast(role: Role, minimum: Role): boolean {
  return ROLES.indexOf(role) <= ROLES.indexOf(minimum)
}
