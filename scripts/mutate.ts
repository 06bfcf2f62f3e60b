/**
 * `npm run mutate [group …]`: StrykerJS on each group of security-critical modules
 * (mutation-groups.json, stryker.config.mjs), one group after the other, then the score of each
 * module: the share of its mutants that a test noticed (killed, or timed out), of those that
 * ran (survived and uncovered count against it; mutants that do not compile do not count).
 */
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'

type Groups = Record<string, { mutate: string[]; tests: string[] }>
type Report = { files: Record<string, { mutants: { status: string }[] }> }

const groups = JSON.parse(readFileSync('mutation-groups.json', 'utf8')) as Groups
const asked = process.argv.slice(2)
const unknown = asked.filter((name) => !(name in groups))
if (unknown.length > 0) {
  console.error(`unknown group ${unknown.join(', ')}; groups: ${Object.keys(groups).join(', ')}`)
  process.exit(2)
}

for (const name of asked.length > 0 ? asked : Object.keys(groups)) {
  console.log(`\n== mutation testing: ${name}`)
  const run = spawnSync('npx', ['stryker', 'run'], {
    stdio: 'inherit',
    env: { ...process.env, MUTATE_GROUP: name },
  })
  if (run.status !== 0) process.exit(run.status ?? 1)
}

const DETECTED = new Set(['Killed', 'Timeout'])
const UNDETECTED = new Set(['Survived', 'NoCoverage'])
const rows: string[][] = []
for (const name of Object.keys(groups)) {
  const file = `reports/mutation/${name}/mutation.json`
  if (!existsSync(file)) continue
  const report = JSON.parse(readFileSync(file, 'utf8')) as Report
  for (const [path, { mutants }] of Object.entries(report.files)) {
    const detected = mutants.filter((m) => DETECTED.has(m.status)).length
    const undetected = mutants.filter((m) => UNDETECTED.has(m.status)).length
    const valid = detected + undetected
    const score = valid === 0 ? 'n/a' : `${((100 * detected) / valid).toFixed(1)}%`
    rows.push([path, String(detected), String(undetected), score])
  }
}
const header = ['module', 'detected', 'undetected', 'score']
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)))
const line = (cells: string[]) =>
  `| ${cells.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join(' | ')} |`
console.log(`\n${line(header)}\n${line(widths.map((w) => '-'.repeat(w)))}`)
for (const row of rows) console.log(line(row))
