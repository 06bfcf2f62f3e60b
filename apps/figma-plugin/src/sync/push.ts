import type { ModeView as Mode } from '@tokencraft/shared'
import {
  type CollectionSnapshot,
  diffCollection,
  type PushPreview,
  planCollection,
} from '@tokencraft/tokens'
import type { TokencraftApi } from '../api/rest.ts'

/** Mode names with the default first: the order a collection's modes take. */
export function orderedModes(modes: Mode[]): Mode[] {
  return [...modes].sort((a, b) => Number(b.is_default) - Number(a.is_default))
}

/** What a push of the Figma collection would change in Tokencraft, against the server's state now. */
export async function previewPush(
  api: TokencraftApi,
  tokensetId: string,
  snapshot: CollectionSnapshot,
): Promise<{ preview: PushPreview; modes: Mode[] }> {
  const [modes, { tokens }] = await Promise.all([api.modes(tokensetId), api.tokens(tokensetId)])
  const ordered = orderedModes(modes)
  const plan = planCollection({ modes: ordered.map((m) => m.name), tokens })
  return { preview: diffCollection(plan, tokens, snapshot), modes: ordered }
}

export type PushReport = {
  pushedModes: string[]
  changes: number
  failures: { mode: string; message: string }[]
}

/**
 * Sends each mode's document through the bulk route (`PUT …/modes/{modeId}/document`): one
 * request per changed mode, each all or nothing on the server.
 */
export async function runPush(
  api: TokencraftApi,
  tokensetId: string,
  preview: PushPreview,
  modes: Mode[],
  onProgress: (done: number, total: number) => void,
): Promise<PushReport> {
  const report: PushReport = { pushedModes: [], changes: 0, failures: [] }
  const entries = Object.entries(preview.documents)
  for (const [index, [modeName, document]] of entries.entries()) {
    const mode = modes.find((m) => m.name === modeName)
    if (!mode) {
      report.failures.push({ mode: modeName, message: 'this mode no longer exists in Tokencraft' })
      continue
    }
    try {
      await api.putDocument(tokensetId, mode.id, document)
      report.pushedModes.push(modeName)
      report.changes += preview.changes.filter((c) => c.mode === modeName).length
    } catch (error) {
      report.failures.push({
        mode: modeName,
        message: error instanceof Error ? error.message : String(error),
      })
    }
    onProgress(index + 1, entries.length)
  }
  return report
}
