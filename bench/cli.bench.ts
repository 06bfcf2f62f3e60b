/**
 * The `tokencraft` command as a CI job runs it: wall time of the real binary as a child process,
 * from spawn to exit, against a server in this process (a tokenset of 1,000 tokens in two modes,
 * rate limits raised). Cold: tsx's compile cache off (TSX_DISABLE_CACHE=1), as on a fresh CI
 * machine. Warm: the cache filled, median of 5 runs.
 * Run: `npx tsx bench/cli.bench.ts` (or `npm run bench -- cli`).
 */
import { spawn } from 'node:child_process'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { userKey } from '../apps/server/test/support/fixtures.ts'
import { startTestServer } from '../apps/server/test/support/server.ts'
import { raisedRateLimits } from './support.ts'

const BIN = join(import.meta.dirname, '../node_modules/.bin/tokencraft')
const WARM_RUNS = 5
const TOKENS = 1_000
const FORMATS = ['css', 'ios', 'android', 'json'] as const

function document(mode: number) {
  const colors: Record<string, unknown> = { $type: 'color' }
  for (let i = 0; i < TOKENS; i++) {
    colors[`c${i}`] = { $value: { colorSpace: 'srgb', components: [(i % 100) / 100, mode, 0.5] } }
  }
  return { colors }
}

function timeRun(args: string[], cwd: string, env: Record<string, string>): Promise<number> {
  const started = performance.now()
  const child = spawn(BIN, args, { cwd, env: { PATH: process.env.PATH ?? '', ...env } })
  let stderr = ''
  child.stderr.on('data', (chunk) => {
    stderr += chunk
  })
  child.stdout.resume()
  return new Promise((resolve, reject) =>
    child.on('close', (code) =>
      code === 0
        ? resolve(performance.now() - started)
        : reject(new Error(`tokencraft ${args.join(' ')} exited ${code}: ${stderr}`)),
    ),
  )
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number

export async function runCliBench(): Promise<void> {
  const server = await startTestServer({ context: { rateLimits: raisedRateLimits() } })
  const dir = await mkdtemp(join(tmpdir(), 'tokencraft-cli-bench-'))
  try {
    const { key, userId } = await userKey(server.prisma, 'bench@example.com')
    const workspace = await server.prisma.workspace.create({
      data: { name: 'Bench', memberships: { create: { userId, role: 'owner' } } },
    })
    const headers = { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' }
    const created = await fetch(`${server.url}/api/v1/workspaces/${workspace.id}/tokensets`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ name: 'Brand', modes: ['Light', 'Dark'] }),
    })
    const tokenset = (await created.json()) as { id: string; modes: { id: string }[] }
    for (const [i, mode] of tokenset.modes.entries()) {
      const put = `${server.url}/api/v1/tokensets/${tokenset.id}/modes/${mode.id}/document`
      const answer = await fetch(put, { method: 'PUT', headers, body: JSON.stringify(document(i)) })
      if (!answer.ok) throw new Error(`import answered ${answer.status}`)
    }
    const outputs = FORMATS.flatMap((format) =>
      ['Light', 'Dark'].map((mode) => ({ format, mode, file: `out/${mode}.${format}` })),
    )
    await writeFile(
      join(dir, 'tokencraft.config.json'),
      JSON.stringify({ tokensets: [{ tokenset: 'Brand', outputs }] }),
    )

    const env = { HOME: dir, TOKENCRAFT_TOKEN: key, TOKENCRAFT_URL: server.url }
    const commands: [string, string[]][] = [
      ['--version (start only)', ['--version']],
      ['ls', ['ls']],
      [`pull, ${outputs.length} files unchanged`, ['pull']],
      [`pull --check, ${outputs.length} files`, ['pull', '--check']],
    ]
    await timeRun(['pull'], dir, env) // the files exist from here on, as in a checkout
    const rows = []
    for (const [name, args] of commands) {
      const cold = await timeRun(args, dir, { ...env, TSX_DISABLE_CACHE: '1' })
      const warm: number[] = []
      for (let i = 0; i < WARM_RUNS; i++) warm.push(await timeRun(args, dir, env))
      rows.push({
        command: name,
        'cold, ms': cold.toFixed(0),
        'warm median, ms': median(warm).toFixed(0),
        'warm min, ms': Math.min(...warm).toFixed(0),
      })
    }
    console.log(`tokencraft, ${TOKENS} tokens × 2 modes, ${outputs.length} outputs`)
    console.table(rows)
  } finally {
    await rm(dir, { recursive: true, force: true })
    await server.close()
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await runCliBench()
