import { planCollection, type SourceTokenset } from '@tokencraft/tokens'
import type { Progress, PullReport, TokensetLink } from '../../src/events.ts'
import type { FigmaHost } from '../../src/sync/figma-host.ts'
import { pullTokenset } from '../../src/sync/pull.ts'
import type { FakeFigma } from './fake-figma.ts'

export const host = (figma: FakeFigma) => figma as unknown as FigmaHost

export function linkFor(tokenset: SourceTokenset, tokensetId = 'ts_1'): TokensetLink {
  return {
    tokensetId,
    tokensetName: 'Brand',
    serverUrl: 'http://localhost:3000',
    modeIds: Object.fromEntries(tokenset.modes.map((m) => [m, `mode_${m}`])),
  }
}

/** Pulls through the same code path as the sandbox, recording progress and pauses. */
export async function pullInto(
  figma: FakeFigma,
  tokenset: SourceTokenset,
  tokensetId = 'ts_1',
): Promise<PullReport & { progress: Progress[]; pauses: number }> {
  const progress: Progress[] = []
  let pauses = 0
  const report = await pullTokenset(
    host(figma),
    { link: linkFor(tokenset, tokensetId), plan: planCollection(tokenset) },
    {
      onProgress: (p) => progress.push(p),
      pause: async () => {
        pauses += 1
      },
    },
  )
  return { ...report, progress, pauses }
}
