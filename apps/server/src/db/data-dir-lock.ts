/**
 * One process per embedded database. PGlite is PostgreSQL inside this process: a second process
 * opening the same DATA_DIR would write the same files with no locking between them and corrupt
 * the database. The lock is a file holding the owner's pid, created exclusively; a lock whose
 * process is gone (a crash, kill -9) is taken over. Several processes belong on PostgreSQL.
 */
import { readFile, rename, unlink, writeFile } from 'node:fs/promises'
import { hostname } from 'node:os'
import { join } from 'node:path'

export const LOCK_FILE = 'tokencraft.pid'

export class DataDirInUseError extends Error {}

/** True while a process with this pid exists (EPERM: it exists, owned by someone else). */
export function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

type Owner = { pid: number; host: string }

async function ownerOf(file: string): Promise<Owner | undefined> {
  const [pid, host = ''] = (await readFile(file, 'utf8').catch(() => '')).trim().split(' ')
  const number = Number.parseInt(pid ?? '', 10)
  return Number.isInteger(number) && number > 0 ? { pid: number, host } : undefined
}

/** Lock files this process holds now (a second open in this process is refused too). */
const held = new Set<string>()

export type LockOptions = {
  pid?: number
  host?: string
  exists?: (pid: number) => boolean
}

/**
 * Takes the directory's lock, or throws DataDirInUseError naming the process that holds it.
 * A lock written on another host (a container sharing the volume) cannot be checked, so it is
 * refused too. Resolves with the function that gives the lock back.
 */
export async function lockDataDir(
  dataDir: string,
  { pid = process.pid, host = hostname(), exists = processExists }: LockOptions = {},
): Promise<() => Promise<void>> {
  const file = join(dataDir, LOCK_FILE)
  const inUse = (by: string) =>
    new DataDirInUseError(
      `${dataDir} is in use by ${by}; the embedded database serves one process: stop that one, or run several against PostgreSQL (DATABASE_URL). If no such process is running, delete ${file}.`,
    )
  for (let attempt = 0; ; attempt++) {
    try {
      await writeFile(file, `${pid} ${host}\n`, { flag: 'wx' })
      held.add(file)
      return async () => {
        held.delete(file)
        const owner = await ownerOf(file)
        if (owner?.pid === pid && owner.host === host) await unlink(file).catch(() => {})
      }
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
    }
    const owner = await ownerOf(file)
    if (owner && owner.host !== host) throw inUse(`a process on ${owner.host} (pid ${owner.pid})`)
    if (owner && owner.pid !== pid && exists(owner.pid)) {
      throw inUse(`another Tokencraft process (pid ${owner.pid})`)
    }
    if (held.has(file)) throw inUse('this process')
    if (attempt > 0) throw inUse('a process that took the lock at the same time')
    // stale (its process is gone): moved aside rather than deleted, so that of two processes
    // taking it over at once only one creates the new lock
    await rename(file, `${file}.stale-${pid}`).catch(() => {})
    await unlink(`${file}.stale-${pid}`).catch(() => {})
  }
}
