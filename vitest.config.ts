import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['apps/*/test/**/*.test.{ts,tsx}', 'packages/*/test/**/*.test.{ts,tsx}'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Builds the migrated embedded-database template the server test helper loads.
    globalSetup: ['apps/server/test/support/global-setup.ts'],
    // The summary reporter's `Tests: N passed, N failed, N skipped` is the last line CI reads.
    reporters: ['default', './scripts/vitest-summary-reporter.ts'],
  },
})
