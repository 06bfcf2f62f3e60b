import { tokensToDocument } from '../export/json.ts'
import { normalizeValue } from '../normalize/value.ts'
import type { FlatToken, JsonObject, JsonValue, TokenType } from '../types.ts'
import { fromFigmaName } from './names.ts'
import type {
  CollectionPlan,
  FigmaLiteral,
  FigmaModeValue,
  FigmaResolvedType,
  FigmaScope,
  SourceToken,
  Unsupported,
} from './types.ts'
import { fromFigmaLiteral } from './values.ts'

/** A variable as the plugin reads it back from Figma; aliases are named by their target. */
export type VariableSnapshot = {
  name: string
  /** The token type the last pull stored on the variable, if it came from Tokencraft. */
  tokenType?: TokenType
  resolvedType: FigmaResolvedType
  description: string
  scopes: FigmaScope[]
  valuesByMode: Record<string, FigmaModeValue | { kind: 'foreign'; reason: string }>
}

export type CollectionSnapshot = { modes: string[]; variables: VariableSnapshot[] }

export type TokenChange = {
  tokenName: string
  mode: string
  kind: 'added' | 'changed' | 'description'
  before?: string
  after: string
}

export type PushPreview = {
  changes: TokenChange[]
  /** Per mode name: the DTCG document of the tokens to upsert in that mode. */
  documents: Record<string, JsonObject>
  notPushed: Unsupported[]
}

const EPSILON = 1e-4

function sameLiteral(a: FigmaLiteral, b: FigmaLiteral): boolean {
  if (typeof a === 'number' && typeof b === 'number') return Math.abs(a - b) < EPSILON
  if (typeof a === 'object' && typeof b === 'object') {
    return (['r', 'g', 'b', 'a'] as const).every((k) => Math.abs(a[k] - b[k]) < 1 / 512)
  }
  return a === b
}

function sameValue(a: FigmaModeValue | undefined, b: FigmaModeValue): boolean {
  if (!a || a.kind !== b.kind) return false
  if (a.kind === 'alias' && b.kind === 'alias') return a.target === b.target
  if (a.kind === 'literal' && b.kind === 'literal') return sameLiteral(a.value, b.value)
  return false
}

function show(value: FigmaModeValue | undefined): string | undefined {
  if (!value) return undefined
  if (value.kind === 'alias') return `{${fromFigmaName(value.target)}}`
  const v = value.value
  if (typeof v === 'object') {
    const hex = (n: number) =>
      Math.round(n * 255)
        .toString(16)
        .padStart(2, '0')
    return `#${hex(v.r)}${hex(v.g)}${hex(v.b)}${v.a < 1 ? hex(v.a) : ''}`
  }
  return typeof v === 'number' ? String(Math.round(v * 10000) / 10000) : JSON.stringify(v)
}

/** The token type of a variable made in Figma, guessed from what it is offered for. */
function tokenTypeOf(variable: VariableSnapshot): TokenType {
  if (variable.tokenType) return variable.tokenType
  switch (variable.resolvedType) {
    case 'COLOR':
      return 'color'
    case 'STRING':
      return variable.scopes.includes('FONT_FAMILY') ? 'fontFamily' : 'string'
    case 'BOOLEAN':
      return 'boolean'
    default: {
      const s = variable.scopes
      if (s.length === 1 && s[0] === 'FONT_SIZE') return 'fontSize'
      if (s.length === 1 && s[0] === 'FONT_WEIGHT') return 'fontWeight'
      if (s.some((x) => x === 'WIDTH_HEIGHT' || x === 'CORNER_RADIUS' || x === 'GAP'))
        return 'dimension'
      return 'number'
    }
  }
}

/**
 * What a push would change: every variable value that differs from what Tokencraft holds
 * (compared in Figma's terms, so a `rem` or a P3 colour that nobody touched is not rewritten),
 * and per mode a DTCG document of the changed tokens for the bulk upsert. `server` is the plan
 * of the tokenset as Tokencraft holds it now; `tokens` its source tokens.
 */
export function diffCollection(
  server: CollectionPlan,
  tokens: readonly SourceToken[],
  figma: CollectionSnapshot,
): PushPreview {
  const planned = new Map(server.variables.map((v) => [v.name, v]))
  const source = new Map(tokens.map((t) => [t.name, t]))
  const changes: TokenChange[] = []
  const changed = new Map<string, FlatToken>()
  const notPushed: Unsupported[] = []
  const serverModes = new Set(server.modes)

  for (const mode of figma.modes) {
    if (!serverModes.has(mode)) {
      notPushed.push({
        tokenName: '*',
        mode,
        reason: `mode ${mode} does not exist in Tokencraft; add it there, then push again`,
      })
    }
  }

  for (const variable of figma.variables) {
    const tokenName = fromFigmaName(variable.name)
    const before = planned.get(variable.name)
    const previous = source.get(tokenName)
    const tokenType = previous?.type ?? tokenTypeOf(variable)
    for (const mode of figma.modes) {
      if (!serverModes.has(mode)) continue
      const value = variable.valuesByMode[mode]
      if (!value) continue
      if (value.kind === 'foreign') {
        notPushed.push({ tokenName, mode, reason: value.reason })
        continue
      }
      const old = before?.valuesByMode[mode]
      if (!old && previous && mode in previous.values) {
        // The pull could not show Tokencraft's value here, so Figma holds a placeholder that
        // must not overwrite it.
        notPushed.push({
          tokenName,
          mode,
          reason: 'Tokencraft holds a value Figma cannot show (see the pull summary); not pushed',
        })
        continue
      }
      if (sameValue(old, value)) continue
      // A literal goes through the input normalizer, as every write does (a STRING variable
      // "Inter, sans-serif" becomes a font list); what it cannot read is not pushed.
      const normalized =
        value.kind === 'alias'
          ? { ok: true as const, value: `{${fromFigmaName(value.target)}}` }
          : normalizeValue(
              tokenType,
              fromFigmaLiteral(tokenType, value.value, previous?.values[mode]),
            )
      if (!normalized.ok) {
        notPushed.push({ tokenName, mode, reason: normalized.problem })
        continue
      }
      const dtcgValue = normalized.value
      let token = changed.get(tokenName)
      if (!token) {
        token = { name: tokenName, type: tokenType, values: {} }
        const description = variable.description || previous?.description
        if (description) token.description = description
        changed.set(tokenName, token)
      }
      token.values[mode] = dtcgValue as JsonValue
      const change: TokenChange = {
        tokenName,
        mode,
        kind: before || previous ? 'changed' : 'added',
        after: show(value) ?? '',
      }
      const shown = show(old)
      if (shown !== undefined) change.before = shown
      changes.push(change)
    }
    const defaultMode = server.modes[0]
    const described = previous?.description ?? ''
    if (
      previous &&
      defaultMode !== undefined &&
      !changed.has(tokenName) &&
      variable.description !== described &&
      previous.values[defaultMode] !== undefined
    ) {
      // Only the description changed: upsert the token with Tokencraft's own value.
      const token: FlatToken = {
        ...previous,
        values: { [defaultMode]: previous.values[defaultMode] },
      }
      token.description = variable.description
      changed.set(tokenName, token)
      changes.push({
        tokenName,
        mode: defaultMode,
        kind: 'description',
        before: described,
        after: variable.description,
      })
    }
  }

  const inFigma = new Set(figma.variables.map((v) => v.name))
  for (const variable of server.variables) {
    if (!inFigma.has(variable.name)) {
      notPushed.push({
        tokenName: variable.tokenName,
        reason:
          'deleted in Figma; a push adds and updates only, so delete it in Tokencraft if it should go',
      })
    }
  }
  const documents: Record<string, JsonObject> = {}
  for (const mode of new Set(changes.map((c) => c.mode))) {
    documents[mode] = tokensToDocument([...changed.values()], mode)
  }
  return { changes, documents, notPushed }
}
