/** Finds, reads and validates `tokencraft.config.json`, with errors naming the file and field. */
import { readFile } from 'node:fs/promises'
import { dirname, resolve } from 'node:path'
import { CliError, EXIT, usageError } from '../errors.ts'
import { CONFIG_FILE, type Config, configSchema } from './schema.ts'

export type LoadedConfig = {
  config: Config
  /** The file read, absolute. */
  path: string
  /** Output files are relative to this directory (the file's). */
  dir: string
}

/** `tokensets[0].outputs[1].format` */
function fieldPath(path: readonly PropertyKey[]): string {
  return path
    .map((key, i) => (typeof key === 'number' ? `[${key}]` : `${i === 0 ? '' : '.'}${String(key)}`))
    .join('')
}

export async function loadConfig(cwd: string, given: string | undefined): Promise<LoadedConfig> {
  const path = resolve(cwd, given ?? CONFIG_FILE)
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'ENOENT') {
      throw usageError(
        given
          ? `${path} does not exist`
          : `no ${CONFIG_FILE} in ${cwd}: create one (see tokencraft --help) or pass --config FILE`,
      )
    }
    throw new CliError(EXIT.files, 'config_file', `cannot read ${path}: ${code ?? String(error)}`)
  }
  let data: unknown
  try {
    data = JSON.parse(text)
  } catch (error) {
    throw usageError(`${path} is not valid JSON: ${(error as Error).message}`)
  }
  const parsed = configSchema.safeParse(data)
  if (!parsed.success) {
    const problems = parsed.error.issues.map(
      (issue) => `  ${fieldPath(issue.path) || '(the file)'}: ${issue.message}`,
    )
    throw usageError(`${path} is not a valid config:\n${problems.join('\n')}`)
  }
  return { config: parsed.data, path, dir: dirname(path) }
}
