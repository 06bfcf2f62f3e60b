/**
 * The local files the CLI reads and writes: a failure becomes a CliError naming the file. Outputs
 * are written through a temporary file and a rename, so that a build never reads half a file.
 */
import { mkdir, readFile, rename, unlink, writeFile } from 'node:fs/promises'
import { dirname } from 'node:path'
import { CliError, EXIT } from './errors.ts'

export const filesError = (doing: string, path: string, error: unknown) =>
  new CliError(
    EXIT.files,
    'local_file',
    `cannot ${doing} ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`,
  )

/** The file's bytes, or undefined when it does not exist. */
export async function readIfExists(path: string): Promise<Uint8Array | undefined> {
  try {
    return await readFile(path)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw filesError('read', path, error)
  }
}

export async function readInput(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8')
  } catch (error) {
    throw filesError('read', path, error)
  }
}

/** @param mode the new file's permissions (e.g. 0o600), else the default less the umask */
export async function writeAtomically(
  path: string,
  content: Uint8Array | string,
  mode?: number,
): Promise<void> {
  const temporary = `${path}.${process.pid}.tmp`
  try {
    await mkdir(dirname(path), { recursive: true })
    // a new file gets `mode` (less the umask, which can only narrow it)
    await writeFile(temporary, content, mode === undefined ? {} : { mode })
    await rename(temporary, path)
  } catch (error) {
    await unlink(temporary).catch(() => {})
    throw filesError('write', path, error)
  }
}
