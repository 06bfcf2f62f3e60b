import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { DataDirInUseError, LOCK_FILE, lockDataDir } from '../../src/db/data-dir-lock.ts'

let dir: string
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tokencraft-lock-'))
})
afterEach(() => rm(dir, { recursive: true, force: true }))

const alive = () => true
const dead = () => false

describe('the DATA_DIR lock', () => {
  it('is held by one process at a time, and free again once given back', async () => {
    const release = await lockDataDir(dir, { pid: 100, host: 'here', exists: alive })
    expect(await readFile(join(dir, LOCK_FILE), 'utf8')).toBe('100 here\n')
    await expect(lockDataDir(dir, { pid: 200, host: 'here', exists: alive })).rejects.toThrow(
      /in use by another Tokencraft process \(pid 100\).*DATABASE_URL/,
    )
    await release()
    const again = await lockDataDir(dir, { pid: 200, host: 'here', exists: alive })
    await again()
  })

  it('refuses a second open in the same process', async () => {
    const release = await lockDataDir(dir)
    await expect(lockDataDir(dir)).rejects.toThrow(/in use by this process/)
    await release()
  })

  it('takes over the lock of a process that is gone, also one that had our pid', async () => {
    await writeFile(join(dir, LOCK_FILE), '100 here\n')
    const release = await lockDataDir(dir, { pid: 200, host: 'here', exists: dead })
    expect(await readFile(join(dir, LOCK_FILE), 'utf8')).toBe('200 here\n')
    await release()
    await writeFile(join(dir, LOCK_FILE), '1 here\n') // a container restarted: pid 1 both times
    await (await lockDataDir(dir, { pid: 1, host: 'here', exists: alive }))()
  })

  it('refuses a lock written on another host, which it cannot check', async () => {
    await writeFile(join(dir, LOCK_FILE), '100 elsewhere\n')
    const refused = lockDataDir(dir, { pid: 200, host: 'here', exists: dead })
    await expect(refused).rejects.toBeInstanceOf(DataDirInUseError)
    await expect(refused).rejects.toThrow(/a process on elsewhere \(pid 100\).*delete/)
  })
})
