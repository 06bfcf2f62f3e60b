/** A clock a test can stop and move: real time until `set`, then frozen; `advance` moves it. */
export type TestClock = {
  now(): Date
  /** Freezes the clock at `at`. */
  set(at: Date | string | number): void
  /** Moves the clock forward (frozen or not) by `ms`. */
  advance(ms: number): void
  /** Back to real time. */
  reset(): void
}

export function createTestClock(): TestClock {
  let frozen: number | undefined
  let offset = 0
  return {
    now: () => new Date(frozen ?? Date.now() + offset),
    set(at) {
      frozen = new Date(at).getTime()
    },
    advance(ms) {
      if (frozen === undefined) offset += ms
      else frozen += ms
    },
    reset() {
      frozen = undefined
      offset = 0
    },
  }
}
