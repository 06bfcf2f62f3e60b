/** search_tokens: tokens of a workspace whose name, description or value contain every word. */
import { Prisma } from '../generated/prisma/client.ts'
import { workspaceRole } from './access.ts'
import type { Caller } from './caller.ts'
import type { Db } from './db.ts'
import { TOKEN_SELECT, tokenView } from './views.ts'

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
  const hits = await db.$queryRaw<{ id: string }[]>`
    SELECT t.id FROM tokens t JOIN tokensets s ON s.id = t.tokenset_id
    WHERE s.workspace_id = ${input.workspace_id} AND ${Prisma.join(conditions, ' AND ')}
    ORDER BY s.name, t.name
    LIMIT ${MAX_RESULTS}`
  const rows = await db.token.findMany({
    where: { id: { in: hits.map((h) => h.id) } },
    select: {
      ...TOKEN_SELECT,
      tokenset: { select: { id: true, name: true, modes: { select: { id: true, name: true } } } },
    },
  })
  const order = new Map(hits.map((h, i) => [h.id, i]))
  rows.sort((a, b) => (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0))
  return {
    tokens: rows.map((row) => ({
      ...tokenView(row, new Map(row.tokenset.modes.map((m) => [m.id, m.name]))),
      tokenset_id: row.tokenset.id,
      tokenset_name: row.tokenset.name,
    })),
  }
}
