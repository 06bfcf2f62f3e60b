/**
 * How normalized tokens join a stored tokenset: by name, the new fields and the given modes'
 * values replacing the stored ones, and the mode rule for new tokens (see `fillDefaultMode`).
 * The merged set must validate; with `skipInvalid` the tokens that keep it from validating are
 * left out (and named), then the rest is checked again, until it validates.
 */
import type { FlatToken, TokenError, Tokenset } from '../types.ts'
import { validateTokens } from '../validate.ts'
import type { ModeTokens } from './document.ts'
import type { Change } from './report.ts'

/**
 * The mode rule: a token has a value in the default mode, which every mode without its own
 * value uses (exports, resolution, the Figma pull). A new token given values only in other modes
 * gets, in the default mode, the value of the first of them in the tokenset's mode order — as
 * Figma gives a new variable one value in every mode. Sets it on `token` and says so.
 */
export function fillDefaultMode(
  token: FlatToken,
  modes: readonly string[],
  defaultMode: string,
): Change | undefined {
  if (token.values[defaultMode] !== undefined) return undefined
  const from = modes.find((m) => token.values[m] !== undefined)
  if (from === undefined) return undefined
  token.values[defaultMode] = token.values[from] as FlatToken['values'][string]
  return {
    token: token.name,
    mode: defaultMode,
    kind: 'filled',
    message: `a new token with no value in the default mode "${defaultMode}": it takes the value given in "${from}"`,
  }
}

export type Touched = { token: FlatToken; modes: string[] }

export type MergeResult =
  | { ok: true; touched: Touched[]; created: string[]; updated: string[]; changes: Change[] }
  | { ok: false; errors: TokenError[] }

/**
 * Merges the tokens of each mode into `stored` (whose `modes` already include every mode
 * written). `problems` are tokens the normalizer could not read: with `skipInvalid` they are
 * reported as skipped, otherwise nothing is merged.
 */
export function mergeImport(
  stored: Tokenset,
  imported: readonly ModeTokens[],
  problems: readonly TokenError[],
  skipInvalid: boolean,
): MergeResult {
  if (problems.length > 0 && !skipInvalid) return { ok: false, errors: [...problems] }
  const changes: Change[] = problems.map((p) => ({
    token: p.token ?? '(document)',
    ...(p.mode !== undefined ? { mode: p.mode } : {}),
    kind: 'skipped' as const,
    message: p.message,
  }))
  const before = new Map(stored.tokens.map((t) => [t.name, t]))
  const merged = new Map(before)
  const written = new Map<string, Set<string>>()
  for (const { mode, tokens } of imported) {
    for (const token of tokens) {
      const known = merged.get(token.name)
      merged.set(token.name, {
        ...(known ?? {}),
        ...token,
        values: { ...(known?.values ?? {}), ...token.values },
      })
      const modes = written.get(token.name) ?? new Set<string>()
      modes.add(mode)
      written.set(token.name, modes)
    }
  }
  for (const [name, modes] of written) {
    if (before.has(name)) continue
    const token = merged.get(name) as FlatToken
    const copy = { ...token, values: { ...token.values } }
    const filled = fillDefaultMode(copy, stored.modes, stored.defaultMode)
    if (filled === undefined) continue
    merged.set(name, copy)
    modes.add(stored.defaultMode)
    changes.push(filled)
  }
  for (;;) {
    const errors = validateTokens([...merged.values()], {
      modes: stored.modes,
      defaultMode: stored.defaultMode,
    })
    if (errors.length === 0) break
    const bad = new Set(errors.map((e) => e.token).filter((n) => n !== undefined && written.has(n)))
    if (!skipInvalid || bad.size === 0) return { ok: false, errors }
    for (const name of bad as Set<string>) {
      const first = errors.find((e) => e.token === name) as TokenError
      const old = before.get(name)
      if (old) merged.set(name, old)
      else merged.delete(name)
      written.delete(name)
      changes.push({
        token: name,
        ...(first.mode !== undefined ? { mode: first.mode } : {}),
        kind: 'skipped',
        message: first.message,
      })
    }
  }
  const touched = [...written].map(([name, modes]) => ({
    token: merged.get(name) as FlatToken,
    modes: stored.modes.filter((m) => modes.has(m)),
  }))
  return {
    ok: true,
    touched,
    created: touched.filter((t) => !before.has(t.token.name)).map((t) => t.token.name),
    updated: touched.filter((t) => before.has(t.token.name)).map((t) => t.token.name),
    changes,
  }
}
