/**
 * The Figma polling bridge's sign-ins (`figma_poll_entries`). The plugin starts one and receives
 * a `state` for its authorization request, a user code for the person to type on the consent
 * page, and a poll secret that never leaves the plugin. The callback files the code (or a
 * denial) under the state; only a poll presenting the poll secret takes it, once (the device
 * code of RFC 8628 §3.4 plays this part there). State, poll secret and user code are stored as
 * SHA-256 hashes; a sign-in is forgotten when its answer is handed out and after 10 minutes.
 */
import { sha256Hex } from '../../auth/secrets.ts'
import type { PrismaClient } from '../../generated/prisma/client.ts'
import { FIGMA_POLL_ENTRY_LIFETIME_MS } from '../lifetimes.ts'
import { generateUserCode, userCodeHash } from '../rules/user-code.ts'
import { generateOpaque } from '../secrets.ts'

export type BridgeAnswer = { status: 'ready'; code: string } | { status: 'error'; error: string }

/** The NOTIFY channel of filed answers; the payload is the answer's state hash. */
export const ANSWER_CHANNEL = 'tokencraft_figma_answer'

export type StartedSignIn = {
  state: string
  pollSecret: string
  /** as shown, e.g. `WDJB-MJHT` */
  userCode: string
  expiresAt: Date
}

/** A new sign-in; expired ones are swept on the way, so the table holds live sign-ins only. */
export async function startSignIn(prisma: PrismaClient, now: Date): Promise<StartedSignIn> {
  const started: StartedSignIn = {
    state: generateOpaque(),
    pollSecret: generateOpaque(),
    userCode: generateUserCode(),
    expiresAt: new Date(now.getTime() + FIGMA_POLL_ENTRY_LIFETIME_MS),
  }
  await prisma.$transaction([
    prisma.figmaPollEntry.deleteMany({ where: { expiresAt: { lte: now } } }),
    prisma.figmaPollEntry.create({
      data: {
        stateHash: sha256Hex(started.state),
        pollSecretHash: sha256Hex(started.pollSecret),
        userCodeHash: userCodeHash(started.userCode),
        createdAt: now,
        expiresAt: started.expiresAt,
      },
    }),
  ])
  return started
}

/** The live sign-in started with `state` that has no answer yet (its user code's hash), or null. */
export function unansweredSignIn(
  prisma: PrismaClient,
  state: string | undefined,
  now: Date,
): Promise<{ userCodeHash: string } | null> {
  if (state === undefined) return Promise.resolve(null)
  return prisma.figmaPollEntry.findFirst({
    where: { stateHash: sha256Hex(state), expiresAt: { gt: now }, code: null, error: null },
    select: { userCodeHash: true },
  })
}

/**
 * Files the browser's answer for `state`; false when no live sign-in waits for one. The first
 * answer stands: a second callback with the same state (a replay) cannot replace the code the
 * plugin will collect.
 */
export async function fileAnswer(
  prisma: PrismaClient,
  state: string,
  answer: BridgeAnswer,
  now: Date,
): Promise<boolean> {
  const stateHash = sha256Hex(state)
  const filed = await prisma.figmaPollEntry.updateMany({
    where: { stateHash, expiresAt: { gt: now }, code: null, error: null },
    data: {
      code: answer.status === 'ready' ? answer.code : null,
      error: answer.status === 'error' ? answer.error : null,
    },
  })
  if (filed.count === 0) return false
  // wakes the polls waiting in every process (figma-wait.ts)
  await prisma.$executeRaw`SELECT pg_notify(${ANSWER_CHANNEL}, ${stateHash})`
  return true
}

/**
 * Takes the answer for `state`, once, for the poll that presents the sign-in's poll secret: of
 * several concurrent polls (in any process) only the one whose delete removes the row hands it
 * out. Undefined while nothing (live) is filed, and for a wrong poll secret alike.
 */
export async function takeAnswer(
  prisma: PrismaClient,
  state: string,
  pollSecret: string,
  now: Date,
): Promise<BridgeAnswer | undefined> {
  const rows = await prisma.$queryRaw<{ code: string | null; error: string | null }[]>`
    DELETE FROM figma_poll_entries
    WHERE state_hash = ${sha256Hex(state)} AND poll_secret_hash = ${sha256Hex(pollSecret)}
      AND expires_at > ${now} AND (code IS NOT NULL OR error IS NOT NULL)
    RETURNING code, error`
  const row = rows[0]
  if (!row) return undefined
  if (row.code !== null) return { status: 'ready', code: row.code }
  return { status: 'error', error: row.error ?? 'server_error' }
}
