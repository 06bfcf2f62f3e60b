/**
 * Figma caps the modes of a collection by plan (1 on Starter, 4 on Professional, more on
 * Organization and Enterprise) and says so only by throwing from `addMode` (as in "in addMode:
 * Limited to 4 modes only"). Any `addMode` error that speaks of a limit is taken for it; the
 * limit is the number in the message, or else the modes the collection already has.
 */
export function modeLimitFromError(error: unknown, modesNow: number): number | null {
  const message = error instanceof Error ? error.message : String(error)
  if (!/limit|maximum|upgrade/i.test(message)) return null
  const stated = /(\d+)\s*modes?/i.exec(message)
  return stated ? Number(stated[1]) : modesNow
}

export type ModeMapping = {
  /** Figma mode id per Tokencraft mode name. */
  byName: Map<string, string>
  created: number
  notPulled: string[]
  limit: number | null
}

/**
 * Gives the collection one Figma mode per token mode: an existing mode is found by the id an
 * earlier pull stored, then by name; a fresh collection's "Mode 1" takes the first name; the
 * rest are added until Figma's plan limit stops it.
 */
export function mapModes(
  collection: VariableCollection,
  modes: readonly string[],
  figmaModes: Record<string, string>,
  freshCollection: boolean,
): ModeMapping {
  const byName = new Map<string, string>()
  const result: ModeMapping = { byName, created: 0, notPulled: [], limit: null }
  const existing = collection.modes
  for (const mode of existing) {
    const stored = figmaModes[mode.modeId]
    if (stored !== undefined && modes.includes(stored)) byName.set(stored, mode.modeId)
  }
  for (const mode of existing) {
    if (
      !byName.has(mode.name) &&
      figmaModes[mode.modeId] === undefined &&
      modes.includes(mode.name)
    ) {
      byName.set(mode.name, mode.modeId)
    }
  }
  for (const [index, name] of modes.entries()) {
    if (byName.has(name)) continue
    if (freshCollection && index === 0) {
      collection.renameMode(collection.defaultModeId, name)
      byName.set(name, collection.defaultModeId)
      continue
    }
    if (result.limit !== null) {
      result.notPulled.push(name)
      continue
    }
    try {
      byName.set(name, collection.addMode(name))
      result.created += 1
    } catch (error) {
      const limit = modeLimitFromError(error, collection.modes.length)
      if (limit === null) throw error
      result.limit = limit
      result.notPulled.push(name)
    }
  }
  return result
}
