/**
 * The `tokencraft` binary as people run it: `node_modules/.bin/tokencraft`, the link npm makes
 * for the workspace's bin, started as a child process with exactly the environment given (plus
 * PATH), so that nothing of the test's own environment (CI, a real config directory) leaks in.
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { onTestFinished } from 'vitest'

export const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url))
export const BIN = join(REPO_ROOT, 'node_modules/.bin/tokencraft')

/**
 * For a test that runs the CLI up to four times: each run is a new Node process loading tsx and
 * zod, about half a second alone, several seconds on a loaded 2-core machine shared by suites.
 */
export const CLI_TEST_TIMEOUT_MS = 120_000

export type CliResult = { code: number | null; stdout: string; stderr: string }

export type RunningCli = {
  child: ChildProcess
  stdout(): string
  stderr(): string
  done: Promise<CliResult>
}

export type CliOptions = {
  env?: Record<string, string>
  cwd?: string
  /** how to start it: the binary itself unless given, e.g. ['npx', 'tokencraft'] */
  command?: readonly string[]
}

export function startCli(args: string[], options: CliOptions = {}): RunningCli {
  const [program, ...leading] = options.command ?? [BIN]
  const child = spawn(program as string, [...leading, ...args], {
    cwd: options.cwd ?? REPO_ROOT,
    env: { PATH: process.env.PATH ?? '', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let stdout = ''
  let stderr = ''
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk
  })
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk
  })
  const done = new Promise<CliResult>((resolve, reject) => {
    child.on('error', reject)
    child.on('close', (code) => resolve({ code, stdout, stderr }))
  })
  // a test that fails or times out leaves no CLI behind (a login waits minutes for its browser)
  onTestFinished(() => {
    if (child.exitCode === null && child.signalCode === null) child.kill()
  })
  return { child, stdout: () => stdout, stderr: () => stderr, done }
}

export function runCli(args: string[], options: CliOptions = {}): Promise<CliResult> {
  return startCli(args, options).done
}

/** The one JSON document `--json` prints on stdout. */
export function jsonOf(result: CliResult): Record<string, unknown> {
  return JSON.parse(result.stdout) as Record<string, unknown>
}

/** A temporary directory, removed by the returned function. */
export async function temporaryDirectory(prefix: string) {
  const dir = await mkdtemp(join(tmpdir(), `tokencraft-cli-${prefix}-`))
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) }
}

/** Polls `read` until it returns something (a file another process writes). */
export async function eventually<T>(
  read: () => Promise<T | undefined>,
  what: string,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = await read()
    if (value !== undefined) return value
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

export const readIfPresent = (path: string) => readFile(path, 'utf8').catch(() => undefined)
