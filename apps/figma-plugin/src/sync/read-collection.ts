import {
  type CollectionSnapshot,
  type FigmaModeValue,
  isTokenType,
  type VariableSnapshot,
} from '@tokencraft/tokens'
import { type FigmaHost, TOKEN_TYPE_KEY } from './figma-host.ts'
import { findLinkedCollection, type StoredLink } from './link.ts'

type SnapshotValue = VariableSnapshot['valuesByMode'][string]

function isAlias(value: VariableValue): value is VariableAlias {
  return (
    typeof value === 'object' &&
    value !== null &&
    'type' in value &&
    value.type === 'VARIABLE_ALIAS'
  )
}

function isColor(value: VariableValue): value is RGB | RGBA {
  return typeof value === 'object' && value !== null && 'r' in value && 'g' in value && 'b' in value
}

function snapshotValue(value: VariableValue, names: Map<string, string>): SnapshotValue {
  if (isAlias(value)) {
    const target = names.get(value.id)
    return target === undefined
      ? { kind: 'foreign', reason: 'alias to a variable of another collection or library' }
      : ({ kind: 'alias', target } satisfies FigmaModeValue)
  }
  if (isColor(value)) {
    return {
      kind: 'literal',
      value: { r: value.r, g: value.g, b: value.b, a: 'a' in value ? value.a : 1 },
    }
  }
  if (typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean') {
    return { kind: 'literal', value }
  }
  return {
    kind: 'foreign',
    reason: 'a value Tokencraft has no type for (composed colour or easing)',
  }
}

/**
 * The linked collection as plain data, for the push: modes named as in Tokencraft, aliases
 * named by their target variable.
 */
export async function readCollection(
  figma: FigmaHost,
  tokensetId: string,
): Promise<{ link: StoredLink; snapshot: CollectionSnapshot } | null> {
  const found = await findLinkedCollection(figma, tokensetId)
  if (!found) return null
  const { collection, link } = found
  const variables = (await figma.variables.getLocalVariablesAsync()).filter(
    (v) => v.variableCollectionId === collection.id,
  )
  const names = new Map(variables.map((v) => [v.id, v.name]))
  const modeName = (modeId: string, fallback: string) => link.figmaModes[modeId] ?? fallback
  const modes = collection.modes.map((m) => ({ id: m.modeId, name: modeName(m.modeId, m.name) }))
  const snapshot: CollectionSnapshot = {
    modes: modes.map((m) => m.name),
    variables: variables.map((variable) => {
      const valuesByMode: VariableSnapshot['valuesByMode'] = {}
      for (const mode of modes) {
        const value = variable.valuesByMode[mode.id]
        if (value !== undefined) valuesByMode[mode.name] = snapshotValue(value, names)
      }
      const tokenType = variable.getPluginData(TOKEN_TYPE_KEY)
      return {
        name: variable.name,
        ...(isTokenType(tokenType) ? { tokenType } : {}),
        resolvedType: variable.resolvedType as VariableSnapshot['resolvedType'],
        description: variable.description,
        scopes: [...variable.scopes] as VariableSnapshot['scopes'],
        valuesByMode,
      }
    }),
  }
  return { link, snapshot }
}
