/**
 * Server start-up time and idle memory, through the same entry as `npm start`
 * (`node --import tsx apps/server/src/main.ts`): from spawning the process to the printed URL
 * and to the first `/healthz` 200, then the resident set size (RSS) once it has idled.
 * Cold: an empty DATA_DIR (initdb + every migration). Warm: the same DATA_DIR again.
 * With TEST_DATABASE_URL set, also against a fresh PostgreSQL database.
 * Run: `npx tsx bench/server-startup.bench.ts` (or through `npm run bench`).
 */
import { readFileSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { pathToFileURL } from 'node:url'
import { createPostgresDatabase, TEST_DATABASE_URL } from '../apps/server/test/support/postgres.ts'
import { freePort, spawnServer } from '../apps/server/test/support/server-process.ts'

const WARM_RUNS = 5
const IDLE_MS = 2_000

type Sample = { listening: number; healthy: number; rssMiB: number }

function rssMiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8')
  const kib = Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1])
  return kib / 1024
}

async function startOnce(env: Record<string, string>): Promise<Sample> {
  const port = await freePort()
  const started = performance.now()
  const server = spawnServer({ ...env, PORT: String(port), LOG_LEVEL: 'warn' })
  let sample: Sample | undefined
  try {
    await server.ready
    const listening = performance.now() - started
    const response = await fetch(`http://127.0.0.1:${port}/healthz`)
    if (response.status !== 200) throw new Error(`/healthz answered ${response.status}`)
    const healthy = performance.now() - started
    await sleep(IDLE_MS)
    sample = { listening, healthy, rssMiB: rssMiB(server.child.pid as number) }
  } finally {
    server.child.kill('SIGTERM')
  }
  const code = await server.exited
  if (code !== 0) throw new Error(`server exited with ${code}: ${server.stderr()}`)
  return sample
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number

function row(name: string, samples: Sample[]) {
  const pick = (f: (s: Sample) => number) => median(samples.map(f))
  return {
    start: name,
    runs: samples.length,
    'to URL printed, ms': pick((s) => s.listening).toFixed(0),
    'to /healthz 200, ms': pick((s) => s.healthy).toFixed(0),
    'idle RSS, MiB': pick((s) => s.rssMiB).toFixed(1),
  }
}

export async function runServerStartupBench(): Promise<void> {
  const rows = []
  const dataDir = await mkdtemp(join(tmpdir(), 'tokencraft-bench-'))
  try {
    rows.push(row('embedded, cold (empty DATA_DIR)', [await startOnce({ DATA_DIR: dataDir })]))
    const warm: Sample[] = []
    for (let i = 0; i < WARM_RUNS; i++) warm.push(await startOnce({ DATA_DIR: dataDir }))
    rows.push(row('embedded, warm', warm))
  } finally {
    await rm(dataDir, { recursive: true, force: true })
  }
  if (TEST_DATABASE_URL) {
    const database = await createPostgresDatabase()
    try {
      const env = { DATABASE_URL: database.url }
      rows.push(row('PostgreSQL, first start (migrates)', [await startOnce(env)]))
      const warm: Sample[] = []
      for (let i = 0; i < WARM_RUNS; i++) warm.push(await startOnce(env))
      rows.push(row('PostgreSQL, warm', warm))
    } finally {
      await database.drop()
    }
  }
  console.log(`\nServer start-up and idle memory (median; idle = ${IDLE_MS} ms after /healthz)`)
  if (!TEST_DATABASE_URL) console.log('(PostgreSQL rows skipped: TEST_DATABASE_URL is not set)')
  console.table(rows)
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await runServerStartupBench()
