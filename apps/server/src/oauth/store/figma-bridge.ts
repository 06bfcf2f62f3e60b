/**
 * The Figma polling bridge's entries (`figma_poll_entries`, SPEC §8): the callback files a code
 * or a denial under the SHA-256 of its `state`; the plugin's poll takes it once. Entries are
 * forgotten when handed out and after 10 minutes.
 */
import { sha256Hex } from '../../auth/secrets.ts'
import type { PrismaClient } from '../../generated/prisma/client.ts'
import { FIGMA_POLL_ENTRY_LIFETIME_MS } from '../lifetimes.ts'

export type BridgeAnswer = { status: 'ready'; code: string } | { status: 'error'; error: string }

/**
 * Files the browser's answer for `state`. The first answer for a state stands: a second
 * callback with the same state (a replay) cannot replace the code the plugin will collect.
 */
/** The NOTIFY channel of filed answers; the payload is the answer's state hash. */
export const ANSWER_CHANNEL = 'tokencraft_figma_answer'

export async function fileAnswer(
  prisma: PrismaClient,
  state: string,
  answer: BridgeAnswer,
  now: Date,
): Promise<void> {
  await prisma.$transaction([
    prisma.figmaPollEntry.deleteMany({ where: { expiresAt: { lte: now } } }),
    prisma.figmaPollEntry.createMany({
      data: {
        stateHash: sha256Hex(state),
        code: answer.status === 'ready' ? answer.code : null,
        error: answer.status === 'error' ? answer.error : null,
        createdAt: now,
        expiresAt: new Date(now.getTime() + FIGMA_POLL_ENTRY_LIFETIME_MS),
      },
      skipDuplicates: true,
    }),
    // delivered when the transaction commits, to every process that listens (figma-wait.ts)
    prisma.$executeRaw`SELECT pg_notify(${ANSWER_CHANNEL}, ${sha256Hex(state)})`,
  ])
}

/**
 * Takes the answer for `state`, once: of several concurrent polls (in any process) only the one
 * whose delete removes the row hands it out. Undefined while nothing (live) is filed.
 */
export async function takeAnswer(
  prisma: PrismaClient,
  state: string,
  now: Date,
): Promise<BridgeAnswer | undefined> {
  const stateHash = sha256Hex(state)
  const rows = await prisma.$queryRaw<{ code: string | null; error: string | null }[]>`
    DELETE FROM figma_poll_entries WHERE state_hash = ${stateHash} AND expires_at > ${now}
    RETURNING code, error`
  const row = rows[0]
  if (!row) return undefined
  if (row.code !== null) return { status: 'ready', code: row.code }
  return { status: 'error', error: row.error ?? 'server_error' }
}
