import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

/** The foundation's helper that starts the real server on a fresh database (apps/server/test/support). */
const HELPER = new URL('../../../server/test/support/server.ts', import.meta.url)

export const serverHelperAvailable = existsSync(fileURLToPath(HELPER))

export type RunningServer = {
  url: string
  /** Moves the server's clock (token expiry) forward by `ms`; `resetClock` goes back to real time. */
  advanceClock: (ms: number) => void
  resetClock: () => void
  close: () => Promise<void>
}

export async function startTokencraft(): Promise<RunningServer> {
  const helper = await import(HELPER.href)
  const server = await helper.startTestServer()
  return {
    url: server.url,
    advanceClock: (ms) => server.clock.advance(ms),
    resetClock: () => server.clock.reset(),
    close: () => server.close(),
  }
}

/** A browser session signed up on the server, as a designer would be in their own browser. */
export { signedUpContext as signedUpBrowser } from '../../../server/test/oauth/chromium.ts'
