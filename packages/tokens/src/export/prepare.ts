/**
 * What every exporter starts from: the modes to write (one, or all with the default first) and
 * the tokens resolved in each, sorted by name so that the output does not depend on the order
 * tokens were stored in.
 */
import { type ResolvedToken, resolveTokens } from '../resolve.ts'
import type { FlatToken, Result, TokenError, Tokenset } from '../types.ts'

export type ExportOptions = {
  /** Export this mode alone; every mode of the tokenset when absent. */
  mode?: string
}

export type ModeView = { mode: string; tokens: ResolvedToken[]; byName: Map<string, ResolvedToken> }

export const byName = (a: { name: string }, b: { name: string }) =>
  a.name < b.name ? -1 : a.name > b.name ? 1 : 0

/** The modes to export: the one asked for, or all of them with the default first. */
export function modesToExport(set: Tokenset, mode?: string): Result<string[]> {
  if (mode !== undefined) {
    return set.modes.includes(mode)
      ? { ok: true, value: [mode] }
      : { ok: false, errors: [{ message: `mode "${mode}" does not exist in this tokenset` }] }
  }
  return { ok: true, value: [set.defaultMode, ...set.modes.filter((m) => m !== set.defaultMode)] }
}

/** Resolves the tokens of each mode to export, falling back to the default mode's values. */
export function prepareExport(set: Tokenset, options: ExportOptions = {}): Result<ModeView[]> {
  const modes = modesToExport(set, options.mode)
  if (!modes.ok) return modes
  const sorted: FlatToken[] = [...set.tokens].sort(byName)
  const views: ModeView[] = []
  for (const mode of modes.value) {
    const resolved = resolveTokens(sorted, mode, { fallbackMode: set.defaultMode })
    if (!resolved.ok) return resolved
    views.push({ mode, tokens: [...resolved.value.values()], byName: resolved.value })
  }
  return { ok: true, value: views }
}

/** Reports two tokens that an exporter would write under the same name. */
export function nameClashes(
  tokens: readonly { name: string }[],
  outputName: (name: string) => string,
  format: string,
): TokenError[] {
  const owners = new Map<string, string>()
  const errors: TokenError[] = []
  for (const { name } of tokens) {
    const out = outputName(name)
    const owner = owners.get(out)
    if (owner !== undefined && owner !== name) {
      errors.push({ token: name, message: `has the same ${format} name "${out}" as ${owner}` })
    }
    owners.set(out, name)
  }
  return errors
}
