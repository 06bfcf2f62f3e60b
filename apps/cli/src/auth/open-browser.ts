/**
 * Opens the sign-in page in the user's browser: the command in `BROWSER` when set (as xdg-open
 * and Python's webbrowser read it: `%s` stands for the URL, else the URL is appended), else the
 * system's opener. A browser that cannot be started is not an error: the URL is printed anyway.
 */
import { spawn } from 'node:child_process'

/** The command line that opens `url`. Pure. */
export function browserCommand(url: string, env: NodeJS.ProcessEnv, platform: string): string[] {
  const configured = env.BROWSER?.trim()
  if (configured) {
    const words = configured.split(/\s+/)
    return words.includes('%s')
      ? words.map((word) => (word === '%s' ? url : word))
      : [...words, url]
  }
  if (platform === 'darwin') return ['open', url]
  // rundll32 takes the URL as one argument; `cmd /c start` would split it at every `&`
  if (platform === 'win32') return ['rundll32', 'url.dll,FileProtocolHandler', url]
  return ['xdg-open', url]
}

/** True when the opener started. */
export function openBrowser(url: string, env: NodeJS.ProcessEnv): Promise<boolean> {
  const [command, ...args] = browserCommand(url, env, process.platform)
  return new Promise((resolve) => {
    const child = spawn(command as string, args, { stdio: 'ignore', detached: true })
    child.once('error', () => resolve(false))
    child.once('spawn', () => {
      child.unref()
      resolve(true)
    })
  })
}
