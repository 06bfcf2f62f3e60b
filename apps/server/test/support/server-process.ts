/**
 * The server as a real process (`node --import tsx apps/server/src/main.ts`, or `npm start` as
 * users run it), for what only a process shows: exit codes, start-up messages, signals, several
 * processes at once, and the program exactly as the README starts it.
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { once } from 'node:events'
import { createRequire } from 'node:module'
import { createServer } from 'node:net'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { REPO_ROOT } from '../../src/db/paths.ts'

export const MAIN = join(REPO_ROOT, 'apps/server/src/main.ts')
const READY_LINE = /Tokencraft is running at (\S+)/

export type ServerProcess = {
  child: ChildProcess
  stdout(): string
  stderr(): string
  /**
   * Resolves with the exit code once the process has ended and its output is closed (under
   * `npm start`, once the server itself, which shares npm's output, is gone too).
   */
  exited: Promise<number | null>
  /** Resolves with the printed URL once the server listens; rejects if it exits first. */
  ready: Promise<string>
  /** Sends `signal` to the server (and whatever started it). */
  stop(signal: NodeJS.Signals): void
}

/** A port free at the time of asking. */
export async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1')
  await once(server, 'listening')
  const { port } = server.address() as { port: number }
  server.close()
  await once(server, 'close')
  return port
}

const baseEnv = () => ({ PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' })

/**
 * Starts main.ts with exactly `env` (plus PATH/HOME): nothing leaks from the test's environment.
 * `cwd` (default: the repository, as `npm start`) is where relative paths such as the default
 * `./.data` land; from elsewhere, tsx is loaded by path and given the repository's tsconfig.
 */
export function spawnServer(env: Record<string, string>, cwd = REPO_ROOT): ServerProcess {
  const elsewhere = cwd !== REPO_ROOT
  const tsx = elsewhere
    ? pathToFileURL(createRequire(join(REPO_ROOT, 'package.json')).resolve('tsx')).href
    : 'tsx'
  const child = spawn(process.execPath, ['--import', tsx, MAIN], {
    cwd,
    env: {
      ...baseEnv(),
      ...(elsewhere ? { TSX_TSCONFIG_PATH: join(REPO_ROOT, 'tsconfig.json') } : {}),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  return watched(child, (signal) => child.kill(signal))
}

/**
 * Starts the server as the README tells a user to: `npm start` in the repository root, with
 * exactly `env` (plus PATH/HOME). npm runs the start script in a shell, so the server is a
 * grandchild: the three run in a process group of their own, and `stop` signals the group.
 */
export function npmStart(env: Record<string, string>): ServerProcess {
  const child = spawn('npm', ['start'], {
    cwd: REPO_ROOT,
    env: { ...baseEnv(), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  })
  return watched(child, (signal) => process.kill(-(child.pid as number), signal))
}

function watched(child: ChildProcess, stop: (signal: NodeJS.Signals) => void): ServerProcess {
  let out = ''
  let err = ''
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    out += chunk
  })
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    err += chunk
  })
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)))
  const ready = new Promise<string>((resolve, reject) => {
    const onData = () => {
      const url = READY_LINE.exec(out)?.[1]
      if (url) {
        child.stdout?.off('data', onData)
        resolve(url)
      }
    }
    child.stdout?.on('data', onData)
    exited.then((code) => reject(new Error(`server exited with ${code} before listening: ${err}`)))
  })
  ready.catch(() => {}) // observed by whoever awaits it; an exit is also visible through `exited`
  return { child, stdout: () => out, stderr: () => err, exited, ready, stop }
}

/** Ends the process if it still runs (SIGTERM) and waits for it: for `finally` blocks. */
export async function stopServer(server: ServerProcess): Promise<void> {
  if (server.child.exitCode === null && server.child.signalCode === null) server.stop('SIGTERM')
  await server.exited
}
