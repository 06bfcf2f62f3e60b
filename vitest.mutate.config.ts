/**
 * The tests StrykerJS runs against each mutant (`npm run mutate`, stryker.config.mjs): the
 * server's tests that run in one process. Left out: tests of spawned server processes (a
 * mutant lives in the Stryker process only) and the Chromium ones (slow, and they reach the same
 * code through the same routes as the fetch-based tests).
 */
import { defineConfig, mergeConfig } from 'vitest/config'
import base from './vitest.config.ts'

export default mergeConfig(
  base,
  defineConfig({
    test: {
      include: ['apps/server/test/**/*.test.ts'],
      exclude: [
        'apps/server/test/foundation/process.test.ts',
        'apps/server/test/foundation/deployed-process.test.ts',
        'apps/server/test/web/browser.test.ts',
        'apps/server/test/oauth/full-flow.test.ts',
      ],
      reporters: ['default'],
    },
  }),
)
