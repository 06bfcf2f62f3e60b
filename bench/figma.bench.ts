/**
 * The Figma plugin's pull of a 5,000-token, 4-mode tokenset (a quarter of it aliases) into the
 * in-memory Figma, through the same code the sandbox runs: plan, first pull (creates),
 * second pull (updates in place), and the push preview (read back + diff). "Longest step" is
 * the longest stretch between two pauses, during which Figma could not update the UI.
 * Run: `npx tsx bench/figma.bench.ts` (or through `npm run bench`).
 */
import { performance } from 'node:perf_hooks'
import { pathToFileURL } from 'node:url'
import { diffCollection, planCollection } from '@tokencraft/tokens'
import type { FigmaHost } from '../apps/figma-plugin/src/sync/figma-host.ts'
import { pullTokenset } from '../apps/figma-plugin/src/sync/pull.ts'
import { readCollection } from '../apps/figma-plugin/src/sync/read-collection.ts'
import { FakeFigma } from '../apps/figma-plugin/test/support/fake-figma.ts'
import { generatedTokenset } from '../apps/figma-plugin/test/support/tokensets.ts'

const TOKENS = 5000
const MODES = ['light', 'dark', 'dim', 'contrast']
const RUNS = 5

type Sample = { plan: number; first: number; second: number; preview: number; longestStep: number }

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number

async function once(): Promise<Sample> {
  const tokenset = generatedTokenset(TOKENS, MODES)
  const figma = new FakeFigma({ modeLimit: MODES.length })
  const host = figma as unknown as FigmaHost
  const link = {
    tokensetId: 'bench',
    tokensetName: 'Bench',
    serverUrl: 'http://localhost:3000',
    modeIds: Object.fromEntries(MODES.map((m) => [m, m])),
  }
  let last = 0
  let longestStep = 0
  const options = {
    onProgress: () => {},
    pause: async () => {
      const now = performance.now()
      longestStep = Math.max(longestStep, now - last)
      last = now
    },
  }
  let t = performance.now()
  const plan = planCollection(tokenset)
  const planMs = performance.now() - t

  t = last = performance.now()
  const report = await pullTokenset(host, { link, plan }, options)
  const first = performance.now() - t
  if (report.variablesCreated !== TOKENS) throw new Error(`created ${report.variablesCreated}`)

  const again = planCollection(tokenset)
  t = last = performance.now()
  await pullTokenset(host, { link, plan: again }, options)
  const second = performance.now() - t

  t = performance.now()
  const read = await readCollection(host, 'bench')
  if (!read) throw new Error('collection not found')
  const preview = diffCollection(plan, tokenset.tokens, read.snapshot)
  const previewMs = performance.now() - t
  if (preview.changes.length !== 0) throw new Error(`${preview.changes.length} spurious changes`)
  return { plan: planMs, first, second, preview: previewMs, longestStep }
}

export async function runFigmaBench(): Promise<void> {
  await once() // warm-up
  const samples: Sample[] = []
  for (let i = 0; i < RUNS; i++) samples.push(await once())
  const row = (name: string, pick: (s: Sample) => number) => {
    const values = samples.map(pick)
    return {
      step: name,
      'median ms': median(values).toFixed(1),
      'min ms': Math.min(...values).toFixed(1),
      'max ms': Math.max(...values).toFixed(1),
    }
  }
  console.log(
    `\nFigma plugin: pull of ${TOKENS.toLocaleString('en')} tokens × ${MODES.length} modes (${RUNS} runs)`,
  )
  console.table([
    row('plan (tokens → Figma plan)', (s) => s.plan),
    row('first pull (create)', (s) => s.first),
    row('second pull (update in place)', (s) => s.second),
    row('push preview (read + diff)', (s) => s.preview),
    row('longest step between UI pauses', (s) => s.longestStep),
  ])
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await runFigmaBench()
