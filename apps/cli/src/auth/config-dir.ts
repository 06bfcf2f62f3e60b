/**
 * Where the CLI keeps its sign-ins: `TOKENCRAFT_CONFIG_DIR` when set (tests, several accounts),
 * else `$XDG_CONFIG_HOME/tokencraft`, else `~/.config/tokencraft` (XDG Base Directory
 * Specification: a relative XDG_CONFIG_HOME is invalid and ignored). Pure.
 */
import { isAbsolute, join, resolve } from 'node:path'

export function configDir(env: NodeJS.ProcessEnv, home: string, cwd: string): string {
  if (env.TOKENCRAFT_CONFIG_DIR) return resolve(cwd, env.TOKENCRAFT_CONFIG_DIR)
  const xdg = env.XDG_CONFIG_HOME
  if (xdg && isAbsolute(xdg)) return join(xdg, 'tokencraft')
  return join(home, '.config', 'tokencraft')
}
