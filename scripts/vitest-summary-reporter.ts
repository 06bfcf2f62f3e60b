/**
 * Prints, as the very last line of a vitest run, `Tests: N passed, N failed, N skipped`: the one
 * line CI reads. A test file that could not even be collected, and an error thrown outside any
 * test, each count as one failure, so that the line never reports a broken run as clean.
 */
import type { Reporter, SerializedError, TestModule } from 'vitest/node'

export type Tally = { passed: number; failed: number; skipped: number }

export function tally(
  modules: ReadonlyArray<TestModule>,
  unhandledErrors: ReadonlyArray<SerializedError>,
): Tally {
  const counts: Tally = { passed: 0, failed: unhandledErrors.length, skipped: 0 }
  for (const module of modules) {
    let failedTests = 0
    for (const test of module.children.allTests()) {
      const { state } = test.result()
      if (state === 'passed') counts.passed++
      else if (state === 'failed') failedTests++
      // A test that never finished (the run was cut short) did not pass either.
      else if (state === 'pending') failedTests++
      else counts.skipped++
    }
    counts.failed += failedTests
    if (failedTests === 0 && module.state() === 'failed') counts.failed++
  }
  return counts
}

export function summaryLine({ passed, failed, skipped }: Tally): string {
  return `Tests: ${passed} passed, ${failed} failed, ${skipped} skipped`
}

export default class SummaryReporter implements Reporter {
  onTestRunEnd(
    modules: ReadonlyArray<TestModule>,
    unhandledErrors: ReadonlyArray<SerializedError>,
  ): void {
    process.stdout.write(`\n${summaryLine(tally(modules, unhandledErrors))}\n`)
  }
}
