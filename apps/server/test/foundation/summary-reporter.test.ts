import { spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { expect, it } from 'vitest'
import { REPO_ROOT } from '../../src/db/paths.ts'

it('ends a vitest run with "Tests: N passed, N failed, N skipped" as its last line', () => {
  const vitest = join(REPO_ROOT, 'node_modules/vitest/vitest.mjs')
  const root = fileURLToPath(new URL('./fixtures/summary/', import.meta.url))
  const run = spawnSync(process.execPath, [vitest, 'run', '--root', root], {
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', NO_COLOR: '1' },
  })
  expect(run.status).toBe(1)
  const lines = run.stdout.trimEnd().split('\n')
  // 2 passed; 1 failed test + 1 file that failed to load; 1 skipped + 1 todo.
  expect(lines.at(-1)).toBe('Tests: 2 passed, 2 failed, 2 skipped')
})
