import type { FigmaModeValue, Unsupported, VariablePlan } from '@tokencraft/tokens'
import type { Progress, PullReport, PullRequest } from '../events.ts'
import {
  type FigmaHost,
  MAX_VARIABLES_PER_COLLECTION,
  PLUGIN_DATA_NAMESPACE,
  TOKEN_NAME_KEY,
  TOKEN_TYPE_KEY,
} from './figma-host.ts'
import { findLinkedCollection, writeLink } from './link.ts'
import { mapModes } from './modes.ts'
import { applyStyles } from './styles.ts'

/** Variables written between two pauses: small enough for the UI to keep drawing progress. */
export const BATCH_SIZE = 250

export type PullOptions = {
  onProgress: (progress: Progress) => void
  /** Lets Figma deliver messages to the UI between batches (a macrotask in the plugin). */
  pause: () => Promise<void>
}

export class PullError extends Error {}

function literalFor(value: FigmaModeValue & { kind: 'literal' }): VariableValue {
  return value.value as VariableValue
}

/**
 * Pulls a planned tokenset into one variable collection, creating it or updating the one an
 * earlier pull linked (never a second copy): primitives first, then aliases, in batches.
 */
export async function pullTokenset(
  figma: FigmaHost,
  request: PullRequest,
  options: PullOptions,
): Promise<PullReport> {
  const { link, plan } = request
  const found = await findLinkedCollection(figma, link.tokensetId)
  const existing = found ? await variablesOf(figma, found.collection) : new Map<string, Variable>()
  const foreign = found ? found.collection.variableIds.length - countOurs(existing) : 0
  if (plan.variables.length + foreign > MAX_VARIABLES_PER_COLLECTION) {
    throw new PullError(
      `This tokenset needs ${plan.variables.length.toLocaleString('en')} variables, but a Figma collection holds at most ${MAX_VARIABLES_PER_COLLECTION.toLocaleString('en')}` +
        (foreign > 0 ? ` (${foreign} are already used by variables not from Tokencraft)` : '') +
        '. Split the tokenset in Tokencraft, then pull each part.',
    )
  }

  const collection =
    found?.collection ?? figma.variables.createVariableCollection(link.tokensetName)
  const modes = mapModes(collection, plan.modes, found?.link.figmaModes ?? {}, !found)
  const figmaModes: Record<string, string> = {}
  for (const [name, id] of modes.byName) figmaModes[id] = name
  writeLink(collection, { ...link, figmaModes })

  const report: PullReport = {
    collectionName: collection.name,
    collectionCreated: !found,
    modesCreated: modes.created,
    variablesCreated: 0,
    variablesUpdated: 0,
    variablesRemoved: 0,
    textStyles: 0,
    effectStyles: 0,
    unsupported: [...plan.unsupported],
    modesNotPulled: modes.notPulled,
    warnings: [],
  }
  if (modes.limit !== null) {
    report.warnings.push(
      `Your Figma plan allows ${modes.limit} modes per collection, so ${modes.notPulled.join(', ')} ${modes.notPulled.length === 1 ? 'was' : 'were'} not pulled.`,
    )
  }

  const total = plan.variables.length * 2 + plan.textStyles.length + plan.effectStyles.length
  let done = 0
  const step = async (phase: string, count: number) => {
    done += count
    options.onProgress({ phase, done, total })
    await options.pause()
  }

  await step('Preparing the collection', 0)
  const byName = new Map<string, Variable>()
  for (let i = 0; i < plan.variables.length; i += BATCH_SIZE) {
    const batch = plan.variables.slice(i, i + BATCH_SIZE)
    for (const planned of batch) {
      const variable = upsertVariable(figma, collection, existing, planned, report)
      byName.set(planned.name, variable)
      writeValues(variable, planned, modes.byName, 'literal', byName, report.unsupported)
    }
    await step('Creating variables', batch.length)
  }
  for (let i = 0; i < plan.variables.length; i += BATCH_SIZE) {
    const batch = plan.variables.slice(i, i + BATCH_SIZE)
    for (const planned of batch) {
      const variable = byName.get(planned.name)
      if (variable)
        writeValues(variable, planned, modes.byName, 'alias', byName, report.unsupported)
    }
    await step('Linking aliases', batch.length)
  }

  // What is left of the earlier pull's variables was deleted in Tokencraft; variables a
  // designer made in the collection ("figma:" keys) stay.
  for (const [key, variable] of existing) {
    if (!key.startsWith('figma:')) {
      variable.remove()
      report.variablesRemoved += 1
    }
  }

  const styles = await applyStyles(figma, link.tokensetId, plan, report.unsupported)
  report.textStyles = styles.textStyles
  report.effectStyles = styles.effectStyles
  await step('Styles', plan.textStyles.length + plan.effectStyles.length)
  return report
}

/** The collection's variables that an earlier pull made, by token name. */
async function variablesOf(figma: FigmaHost, collection: VariableCollection) {
  const ours = new Map<string, Variable>()
  for (const variable of await figma.variables.getLocalVariablesAsync()) {
    if (variable.variableCollectionId !== collection.id) continue
    const tokenName = variable.getPluginData(TOKEN_NAME_KEY)
    ours.set(tokenName || `figma:${variable.name}`, variable)
  }
  return ours
}

function countOurs(existing: Map<string, Variable>): number {
  let count = 0
  for (const key of existing.keys()) if (!key.startsWith('figma:')) count += 1
  return count
}

function upsertVariable(
  figma: FigmaHost,
  collection: VariableCollection,
  existing: Map<string, Variable>,
  planned: VariablePlan,
  report: PullReport,
): Variable {
  let variable = existing.get(planned.tokenName) ?? existing.get(`figma:${planned.name}`)
  if (variable && variable.resolvedType !== planned.resolvedType) {
    // Figma cannot change a variable's type: the old one goes, a new one takes its name.
    variable.remove()
    variable = undefined
  }
  if (variable) {
    report.variablesUpdated += 1
    if (variable.name !== planned.name) variable.name = planned.name
  } else {
    variable = figma.variables.createVariable(planned.name, collection, planned.resolvedType)
    report.variablesCreated += 1
  }
  existing.delete(planned.tokenName)
  existing.delete(`figma:${planned.name}`)
  variable.setPluginData(TOKEN_NAME_KEY, planned.tokenName)
  variable.setPluginData(TOKEN_TYPE_KEY, planned.tokenType)
  variable.setSharedPluginData(PLUGIN_DATA_NAMESPACE, TOKEN_NAME_KEY, planned.tokenName)
  variable.description = planned.description
  if (planned.resolvedType !== 'BOOLEAN') variable.scopes = planned.scopes
  variable.setVariableCodeSyntax('WEB', planned.codeSyntax.WEB)
  variable.setVariableCodeSyntax('ANDROID', planned.codeSyntax.ANDROID)
  variable.setVariableCodeSyntax('iOS', planned.codeSyntax.iOS)
  return variable
}

function writeValues(
  variable: Variable,
  planned: VariablePlan,
  modeIds: Map<string, string>,
  kind: FigmaModeValue['kind'],
  byName: Map<string, Variable>,
  unsupported: Unsupported[],
) {
  for (const [mode, value] of Object.entries(planned.valuesByMode)) {
    const modeId = modeIds.get(mode)
    if (modeId === undefined || value.kind !== kind) continue
    try {
      if (value.kind === 'literal') {
        variable.setValueForMode(modeId, literalFor(value))
        continue
      }
      const target = byName.get(value.target)
      if (!target) {
        unsupported.push({
          tokenName: planned.tokenName,
          mode,
          reason: `alias target ${value.target} was not pulled`,
        })
        continue
      }
      variable.setValueForMode(modeId, { type: 'VARIABLE_ALIAS', id: target.id })
    } catch (error) {
      unsupported.push({
        tokenName: planned.tokenName,
        mode,
        reason: `Figma refused the value: ${error instanceof Error ? error.message : String(error)}`,
      })
    }
  }
}
