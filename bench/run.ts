/**
 * `npm run bench [-- <name filter>…]`: runs every bench/*.bench.ts, one after another in its own
 * process (so one benchmark's memory and JIT state cannot colour the next), each printing its
 * own table. Exits 1 if any benchmark failed.
 */
import { spawnSync } from 'node:child_process'
import { readdirSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const here = dirname(fileURLToPath(import.meta.url))
const filters = process.argv.slice(2)
const benches = readdirSync(here)
  .filter((file) => file.endsWith('.bench.ts'))
  .filter((file) => filters.length === 0 || filters.some((f) => file.includes(f)))
  .sort()

if (benches.length === 0) {
  console.error(`no benchmark matches ${filters.join(', ') || '(none found)'}`)
  process.exit(1)
}

const failed: string[] = []
for (const file of benches) {
  console.log(`\n━━ ${file} ━━`)
  const { status } = spawnSync(process.execPath, ['--import', 'tsx', join(here, file)], {
    stdio: 'inherit',
  })
  if (status !== 0) failed.push(file)
}
if (failed.length > 0) {
  console.error(`\nfailed: ${failed.join(', ')}`)
  process.exit(1)
}
