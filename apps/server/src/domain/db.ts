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

/** Takes the tokenset's row lock until the transaction ends (writers of one tokenset queue). */
export async function lockTokenset(tx: Tx, tokensetId: string): Promise<void> {
  await tx.$queryRaw`SELECT id FROM tokensets WHERE id = ${tokensetId} FOR UPDATE`
}
