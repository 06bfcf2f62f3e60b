/** search_tokens: tokens of a workspace whose name, description or value contain every word. */
import { Prisma } from '../generated/prisma/client.ts'
import { workspaceRole } from './access.ts'
import type { Caller } from './caller.ts'
import type { Db } from './db.ts'
import { selectTokens, type TokenRow, tokenView } from './views.ts'

const MAX_RESULTS = 100

/** A LIKE pattern matching `word` literally anywhere (`%`, `_` and `\` escaped). */
const containing = (word: string) => `%${word.replace(/[\\%_]/g, (c) => `\\${c}`)}%`

export async function searchTokens(
  db: Db,
  caller: Caller,
  input: { workspace_id: string; query: string },
) {
  await workspaceRole(db, caller, input.workspace_id, 'read')
  const words = input.query.split(/\s+/).filter(Boolean)
  const conditions = words.map((word) => {
    const pattern = containing(word)
    return Prisma.sql`(t.name ILIKE ${pattern} OR t.description ILIKE ${pattern}
      OR EXISTS (SELECT 1 FROM token_values v WHERE v.token_id = t.id AND v.value::text ILIKE ${pattern}))`
  })
  const hits = await db.$queryRaw<{ id: string; tokensetId: string; tokensetName: string }[]>`
    SELECT t.id, s.id AS "tokensetId", s.name AS "tokensetName"
    FROM tokens t JOIN tokensets s ON s.id = t.tokenset_id
    WHERE s.workspace_id = ${input.workspace_id} AND ${Prisma.join(conditions, ' AND ')}
    ORDER BY s.name, t.name
    LIMIT ${MAX_RESULTS}`
  if (hits.length === 0) return { tokens: [] }
  const ids = Prisma.join(hits.map((h) => h.id))
  const rows = new Map(
    (await selectTokens(db, Prisma.sql`t.id IN (${ids})`)).map((row) => [row.id, row]),
  )
  return {
    tokens: hits.map((hit) => ({
      ...tokenView(rows.get(hit.id) as TokenRow),
      tokenset_id: hit.tokensetId,
      tokenset_name: hit.tokensetName,
    })),
  }
}
