/** What the token browser shows of a tokenset: each token's raw and resolved value per mode. */
import type { JsonValue } from '@tokencraft/tokens'
import { tokensetAccess } from './access.ts'
import type { Caller } from './caller.ts'
import type { Db } from './db.ts'
import { tokensetSnapshot } from './snapshot.ts'

export type BrowsedToken = {
  name: string
  type: string
  description: string | null
  /** mode name → the stored value (undefined: falls back to the default mode) and its resolution */
  values: Record<string, { raw: JsonValue | undefined; resolved: JsonValue | undefined }>
}

export async function browseTokenset(db: Db, caller: Caller, tokensetId: string) {
  const access = await tokensetAccess(db, caller, tokensetId, 'read')
  const snapshot = await tokensetSnapshot(db, access)
  const tokens: BrowsedToken[] = snapshot.tokens.map((token) => ({
    name: token.name,
    type: token.type,
    description: token.description ?? null,
    values: Object.fromEntries(
      snapshot.modes.map((mode) => [
        mode.name,
        {
          raw: token.values[mode.name],
          resolved: snapshot.resolved.get(mode.name)?.get(token.name)?.value,
        },
      ]),
    ),
  }))
  return { modes: snapshot.modes.map((m) => ({ name: m.name, isDefault: m.isDefault })), tokens }
}
