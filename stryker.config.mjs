/**
 * Mutation testing of the security-critical modules, run by `npm run mutate` (scripts/mutate.ts;
 * not part of `npm test`: it takes hours on two cores). The modules come in groups
 * (mutation-groups.json), each checked against the tests written for it: a mutant that runs
 * while a module loads (a constant, a table of rules) must be checked against every test of its
 * run, so a run's tests are kept to the group's. MUTATE_GROUP names the group of this run.
 * Results are kept between runs (incremental): a run after a small change re-tests only what
 * the change touched.
 */
import { readFileSync } from 'node:fs'

const groups = JSON.parse(readFileSync(new URL('./mutation-groups.json', import.meta.url), 'utf8'))
const name = process.env.MUTATE_GROUP ?? ''
const group = groups[name]
if (!group) {
  throw new Error(`MUTATE_GROUP must be one of ${Object.keys(groups).join(', ')} (npm run mutate)`)
}
const reports = `reports/mutation/${name}`

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  // the group's tests only (vitest.mutate.config.ts reads MUTATE_GROUP too)
  vitest: { configFile: 'vitest.mutate.config.ts', related: false },
  coverageAnalysis: 'perTest',
  // a shared two-core machine: at most one mutant per core
  concurrency: 2,
  mutate: group.mutate,
  // the first run covers every test of the group, one file at a time
  dryRunTimeoutMinutes: 60,
  // what a group's tests take per mutant here, with room for a loaded machine
  timeoutMS: 60_000,
  timeoutFactor: 2,
  incremental: true,
  incrementalFile: `${reports}/stryker-incremental.json`,
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: `${reports}/index.html` },
  jsonReporter: { fileName: `${reports}/mutation.json` },
  clearTextReporter: { allowColor: false, logTests: false, reportScoreTable: true },
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
  ignorePatterns: ['reports', 'coverage', '.data', '.turbo', 'apps/figma-plugin/build'],
}
