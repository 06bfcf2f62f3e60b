/**
 * The token engine against Style Dictionary 5 on the same input: a generated 10,000-token,
 * 3-mode set, 40% of it aliases, as DTCG JSON text (one document per mode for Style Dictionary,
 * the same documents under `$modes` for Tokencraft). Each format row is the whole build from
 * text: parse, resolve and write one file per mode. Medians of a few runs after a warm-up.
 * Run: `npx tsx bench/tokens.bench.ts` (or through `npm run bench`).
 */
import { performance } from 'node:perf_hooks'
import { pathToFileURL } from 'node:url'
import {
  type ExportFile,
  exportAndroid,
  exportCss,
  exportIos,
  importJson,
  type Result,
  resolveTokens,
  type Tokenset,
} from '@tokencraft/tokens'
import StyleDictionary from 'style-dictionary'
import { generateDocuments } from '../packages/tokens/test/support/generate.ts'

const TOKENS = 10_000
const MODES = ['light', 'dark', 'contrast']
/** Style Dictionary builds are slow: fewer runs of them; ours run more to steady the median. */
const RUNS = 3
const OUR_RUNS = 9

const documents = generateDocuments({ count: TOKENS, modes: MODES, aliasRatio: 0.4, seed: 11 })
const oursText = JSON.stringify({ $modes: documents })
const theirText = Object.fromEntries(MODES.map((m) => [m, JSON.stringify(documents[m])]))

type Platform = 'css' | 'ios' | 'android'
const PLATFORMS = {
  css: { transformGroup: 'css', files: [{ destination: 'tokens.css', format: 'css/variables' }] },
  ios: {
    transformGroup: 'ios-swift',
    files: [
      {
        destination: 'DesignTokens.swift',
        format: 'ios-swift/class.swift',
        options: { className: 'DesignTokens' },
      },
    ],
  },
  android: {
    transformGroup: 'android',
    files: [{ destination: 'tokens.xml', format: 'android/resources' }],
  },
}
const EXPORTERS = { css: exportCss, ios: exportIos, android: exportAndroid }

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number

function time<T>(run: () => T): [T, number] {
  const start = performance.now()
  const value = run()
  return [value, performance.now() - start]
}
async function timeAsync<T>(run: () => Promise<T>): Promise<[T, number]> {
  const start = performance.now()
  const value = await run()
  return [value, performance.now() - start]
}

function ourImport(): Tokenset {
  const set = importJson(oursText)
  if (!set.ok) throw new Error(JSON.stringify(set.errors.slice(0, 3)))
  return set.value
}

const unwrap = (result: Result<ExportFile[]>) => {
  if (!result.ok) throw new Error(JSON.stringify(result.errors.slice(0, 3)))
  return result.value
}

/** Tokencraft: parse + validate, then resolve every mode. */
function oursParse(): number {
  const set = ourImport()
  let count = 0
  for (const mode of MODES) {
    const resolved = resolveTokens(set.tokens, mode, { fallbackMode: set.defaultMode })
    if (!resolved.ok) throw new Error('unresolved')
    count += resolved.value.size
  }
  return count
}

/** Tokencraft: from text to one file per mode. */
function oursBuild(platform: Platform): string[] {
  const set = ourImport()
  return MODES.flatMap((mode) => unwrap(EXPORTERS[platform](set, { mode })).map((f) => f.content))
}

function dictionary(mode: string): StyleDictionary {
  return new StyleDictionary({
    tokens: JSON.parse(theirText[mode] as string),
    log: { verbosity: 'silent', warnings: 'disabled' },
    platforms: PLATFORMS,
  })
}

/** Style Dictionary: parse, resolve and transform each mode (no formatting). */
async function theirParse(): Promise<number> {
  let count = 0
  for (const mode of MODES) {
    const tokens = await dictionary(mode).getPlatformTokens('css')
    count += tokens.allTokens.length
  }
  return count
}

/** Style Dictionary: from text to one file per mode. */
async function theirBuild(platform: Platform): Promise<string[]> {
  const out: string[] = []
  for (const mode of MODES) {
    const [file] = await dictionary(mode).formatPlatform(platform)
    out.push(file?.output as string)
  }
  return out
}

/** The two outputs hold the same number of entries (the values are checked by the tests). */
function entryCount(platform: Platform, text: string): number {
  const pattern = {
    css: /^\s*--[\w-]+:/gm,
    ios: /static let /g,
    android: /<(?:color|dimen|string|integer|bool|item) name=/g,
  }
  return text.match(pattern[platform])?.length ?? 0
}

export async function runTokensBench(): Promise<void> {
  // Warm-up of both engines.
  oursParse()
  await theirParse()
  const rows: { step: string; ours: number[]; theirs: number[]; note?: string }[] = [
    { step: 'parse + validate + resolve (3 modes)', ours: [], theirs: [] },
    ...(['css', 'ios', 'android'] as const).map((p) => ({
      step: `${p}: text → 3 files`,
      ours: [],
      theirs: [],
    })),
  ]
  const checks: string[] = []
  for (let run = 0; run < RUNS; run++) {
    const [ourCount, ourParse] = time(oursParse)
    const [theirCount, theirParseMs] = await timeAsync(theirParse)
    rows[0]?.ours.push(ourParse)
    rows[0]?.theirs.push(theirParseMs)
    if (run === 0)
      checks.push(`tokens resolved: Tokencraft ${ourCount}, Style Dictionary ${theirCount}`)
    for (const [i, platform] of (['css', 'ios', 'android'] as const).entries()) {
      const [ourFiles, ourMs] = time(() => oursBuild(platform))
      const [theirFiles, theirMs] = await timeAsync(() => theirBuild(platform))
      rows[i + 1]?.ours.push(ourMs)
      rows[i + 1]?.theirs.push(theirMs)
      if (run === 0) {
        const ours = ourFiles.map((f) => entryCount(platform, f)).join('/')
        const theirs = theirFiles.map((f) => entryCount(platform, f)).join('/')
        checks.push(`${platform} entries per mode: Tokencraft ${ours}, Style Dictionary ${theirs}`)
      }
    }
  }
  console.log(
    `\nToken engine: ${TOKENS.toLocaleString('en')} tokens × ${MODES.length} modes, 40% aliases (median of ${OUR_RUNS} runs of Tokencraft, ${RUNS} of Style Dictionary)`,
  )
  console.table(
    rows.map((r) => ({
      step: r.step,
      'Tokencraft ms': median(r.ours).toFixed(1),
      'Style Dictionary ms': median(r.theirs).toFixed(1),
      'SD / Tokencraft': `${(median(r.theirs) / median(r.ours)).toFixed(1)}×`,
    })),
  )
  for (const line of checks) console.log(`  ${line}`)
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await runTokensBench()
