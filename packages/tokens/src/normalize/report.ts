/**
 * What the normalizer changed, per token: every write answer lists these, so that a person or a
 * model sees how what they sent was stored.
 */

/**
 * `$extensions` key under which a token's members that DTCG does not define (Primer's `alpha`,
 * Style Dictionary's `attributes`, Tokens Studio's `id`…) are kept exactly as given.
 */
export const KEPT_MEMBERS_KEY = 'dev.tokencraft.members'

export const CHANGE_KINDS = ['normalized', 'inferred', 'kept', 'filled', 'skipped'] as const

/**
 * - normalized: a value or type name rewritten into its DTCG form (`"#06f"` → a color object)
 * - inferred: a type the token did not state, taken from an alias target, its value or its name
 * - kept: members DTCG does not define, kept under `$extensions["dev.tokencraft.members"]`
 * - filled: a new token's default-mode value, taken from the mode it was given in
 * - skipped: not imported (only with `skip_invalid`), or parts of the input that are no tokens
 */
export type ChangeKind = (typeof CHANGE_KINDS)[number]

export type Change = { token: string; mode?: string; kind: ChangeKind; message: string }
