import type { Prisma, PrismaClient } from '../generated/prisma/client.ts'

/** The Prisma client the domain runs on (from the AppContext). */
export type Db = PrismaClient
/** A client inside `db.$transaction(async (tx) => …)`. */
export type Tx = Prisma.TransactionClient

/**
 * Runs a write in one transaction. Writes to a tokenset lock its row first (`lockTokenset`), so
 * that checks made on what the transaction read (aliases resolve, one default mode) still hold
 * when it commits; waiting for a lock is bounded by `maxWait`/`timeout`.
 */
export function inTransaction<T>(db: Db, work: (tx: Tx) => Promise<T>): Promise<T> {
  return db.$transaction(work, { maxWait: 15_000, timeout: 30_000 })
}

/**
 * Takes the tokenset's row lock until the transaction ends (writers of one tokenset queue) and
 * bumps its revision, so that what readers cached under the old revision is not served again
 * once this write commits (and is served again if it rolls back).
 */
export async function lockTokenset(tx: Tx, tokensetId: string): Promise<void> {
  await tx.$executeRaw`UPDATE tokensets SET revision = revision + 1 WHERE id = ${tokensetId}`
}

/**
 * Takes the workspace's row lock until the transaction ends, so that changes to its members
 * queue: each one's checks (the caller's role, whether the person is a member already) then see
 * what the one before it committed.
 */
export async function lockWorkspace(tx: Tx, workspaceId: string): Promise<void> {
  await tx.$executeRaw`SELECT 1 FROM workspaces WHERE id = ${workspaceId} FOR UPDATE`
}
