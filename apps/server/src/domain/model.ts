/**
 * A stored tokenset as the token engine's flat model, and the check every token write runs:
 * the whole set after the change must validate (values match types, aliases resolve without
 * cycles in every mode), so that nothing stored can break an export.
 */
import {
  type FlatToken,
  formatTokenError,
  isTokenType,
  type JsonObject,
  type JsonValue,
  type KnownToken,
  type TokenError,
  type Tokenset,
  validateTokens,
} from '@tokencraft/tokens'
import { Prisma } from '../generated/prisma/client.ts'
import type { Db, Tx } from './db.ts'
import { invalid } from './errors.ts'
import { MODE_ORDER, MODE_SELECT, type ModeRow, selectTokens, type TokenRow } from './views.ts'

export type StoredTokenset = {
  modes: ModeRow[]
  defaultMode: ModeRow
  rows: TokenRow[]
  /** The flat model, one entry per row, in the same order. */
  tokens: FlatToken[]
  modeIds: Map<string, string>
}

export function flatToken(row: TokenRow): FlatToken {
  const values = { ...row.values } as Record<string, JsonValue>
  const token: FlatToken = { name: row.name, type: row.type as FlatToken['type'], values }
  if (row.description !== null) token.description = row.description
  if (row.deprecated !== null && row.deprecated !== undefined) {
    token.deprecated = row.deprecated as boolean | string
  }
  if (row.extensions !== null && row.extensions !== undefined) {
    token.extensions = row.extensions as JsonObject
  }
  return token
}

export async function loadTokenset(db: Db | Tx, tokensetId: string): Promise<StoredTokenset> {
  const [modes, rows] = await Promise.all([
    db.mode.findMany({
      where: { tokensetId },
      select: MODE_SELECT,
      orderBy: MODE_ORDER,
    }),
    selectTokens(db, Prisma.sql`t.tokenset_id = ${tokensetId}`),
  ])
  const defaultMode = modes.find((m) => m.isDefault) ?? modes[0]
  if (!defaultMode) throw invalid('this tokenset has no mode: create one with create_mode')
  const modeIds = new Map(modes.map((m) => [m.name, m.id]))
  return {
    modes,
    defaultMode,
    rows,
    tokens: rows.map(flatToken),
    modeIds,
  }
}

/** The engine's view of a stored tokenset, for exports and resolution. */
export const engineTokenset = (stored: StoredTokenset): Tokenset => ({
  modes: stored.modes.map((m) => m.name),
  defaultMode: stored.defaultMode.name,
  tokens: stored.tokens,
})

/**
 * The stored tokens as the input normalizer looks them up: type, and value in a mode (the
 * default mode's when the token has none there).
 */
export function knownTokens(
  stored: StoredTokenset,
): (name: string, mode: string) => KnownToken | undefined {
  const byName = new Map(stored.tokens.map((t) => [t.name, t]))
  return (name, mode) => {
    const token = byName.get(name)
    if (!token) return undefined
    return { type: token.type, value: token.values[mode] ?? token.values[stored.defaultMode.name] }
  }
}

const MAX_LISTED = 20

/** A refusal listing what to fix (the first MAX_LISTED errors), then `advice`. */
export function refusal(what: string, errors: readonly TokenError[], advice?: string) {
  const listed = errors.slice(0, MAX_LISTED).map(formatTokenError)
  const more = errors.length > MAX_LISTED ? ` (and ${errors.length - MAX_LISTED} more)` : ''
  return invalid(`${what}; fix these${advice ? `, ${advice}` : ''}: ${listed.join('; ')}${more}`)
}

/** Refuses a write whose resulting set does not validate, listing what to fix. */
export function requireValid(
  tokens: readonly FlatToken[],
  modes: readonly string[],
  defaultMode: string,
): void {
  for (const token of tokens) {
    if (!isTokenType(token.type)) {
      throw invalid(
        `${token.name}: unknown type "${token.type}"; use one of the DTCG types (color, dimension, …) or fontSize, lineHeight, letterSpacing, string, boolean`,
      )
    }
  }
  const errors = validateTokens(tokens, { modes, defaultMode })
  if (errors.length > 0) throw refusal('nothing was changed', errors)
}
