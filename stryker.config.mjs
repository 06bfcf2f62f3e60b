/**
 * Mutation testing of the security-critical modules: `npm run mutate` (not part of `npm test`:
 * a run takes hours on two cores). Each mutant is checked against the tests that cover it
 * (coverage per test), through vitest.mutate.config.ts. Results are kept between runs
 * (incremental), so a run after a small change re-tests only what the change touched.
 * @type {import('@stryker-mutator/api/core').PartialStrykerOptions}
 */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.mutate.config.ts', related: true },
  coverageAnalysis: 'perTest',
  // a shared two-core machine: one mutant at a time per core at most
  concurrency: 2,
  mutate: [
    // OAuth rules and grants
    'apps/server/src/oauth/rules/*.ts',
    'apps/server/src/oauth/grants/authorization-code.ts',
    'apps/server/src/oauth/refresh/*.ts',
    // bearer tokens, sessions, CSRF, passwords
    'apps/server/src/auth/bearer.ts',
    'apps/server/src/auth/sessions.ts',
    'apps/server/src/auth/csrf.ts',
    'apps/server/src/auth/password.ts',
    // access checks and the import path
    'apps/server/src/domain/access.ts',
    'apps/server/src/domain/import.ts',
  ],
  // what a full suite takes per mutant here, with room for a loaded machine
  timeoutMS: 60_000,
  timeoutFactor: 2,
  incremental: true,
  incrementalFile: 'reports/mutation/stryker-incremental.json',
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/index.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  clearTextReporter: { allowColor: false, logTests: false, reportScoreTable: true },
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
  ignorePatterns: ['reports', 'coverage', '.data', '.turbo', 'apps/figma-plugin/build'],
}
