import { aliasTarget } from '../references.ts'
import { rawValue } from '../resolve.ts'
import { codeSyntaxFor } from './code-syntax.ts'
import { toFigmaName } from './names.ts'
import { scopesFor } from './scopes.ts'
import { compositeStyles } from './styles.ts'
import type {
  CollectionPlan,
  FigmaModeValue,
  SourceToken,
  SourceTokenset,
  Unsupported,
  VariablePlan,
} from './types.ts'
import { resolvedTypeFor, toFigmaLiteral } from './values.ts'

/** A unitless line height is a multiplier, which no Figma line-height field takes. */
function scopesForValue(token: SourceToken, defaultValue: unknown) {
  if (token.type === 'lineHeight' && typeof defaultValue === 'number') return []
  return scopesFor(token.type)
}

/**
 * How a tokenset becomes one Figma variable collection plus text and effect styles: every
 * token a variable holds, with its values per mode, aliases kept as aliases; what Figma
 * cannot hold is listed in `unsupported` with the reason, never dropped silently.
 */
export function planCollection(tokenset: SourceTokenset): CollectionPlan {
  const byName = new Map(tokenset.tokens.map((t) => [t.name, t]))
  const unsupported: Unsupported[] = []
  const primitives: VariablePlan[] = []
  const withAliases: VariablePlan[] = []
  const defaultMode = tokenset.modes[0]

  for (const token of tokenset.tokens) {
    const resolvedType = resolvedTypeFor(token.type)
    if (resolvedType === null) {
      if (token.type !== 'typography' && token.type !== 'shadow') {
        unsupported.push({
          tokenName: token.name,
          reason: `Figma variables cannot hold ${token.type} tokens`,
        })
      }
      continue
    }
    const valuesByMode: Record<string, FigmaModeValue> = {}
    let hasAlias = false
    for (const mode of tokenset.modes) {
      // A mode without its own value shows the default mode's, as every export does.
      const raw = rawValue(token, mode, defaultMode)
      if (raw === undefined) continue
      const target = aliasTarget(raw)
      if (target !== undefined) {
        const targetToken = byName.get(target)
        const targetType = targetToken ? resolvedTypeFor(targetToken.type) : null
        if (targetType !== resolvedType) {
          unsupported.push({
            tokenName: token.name,
            mode,
            reason: targetToken
              ? `alias to ${target} (${targetToken.type}) which Figma cannot link from a ${token.type} variable`
              : `alias to ${target}, which is not in this tokenset`,
          })
          continue
        }
        valuesByMode[mode] = { kind: 'alias', target: toFigmaName(target) }
        hasAlias = true
        continue
      }
      const literal = toFigmaLiteral(token.type, raw)
      if (literal.ok) valuesByMode[mode] = { kind: 'literal', value: literal.value }
      else unsupported.push({ tokenName: token.name, mode, reason: literal.reason })
    }
    const plan: VariablePlan = {
      name: toFigmaName(token.name),
      tokenName: token.name,
      tokenType: token.type,
      resolvedType,
      description: token.description ?? '',
      scopes: scopesForValue(
        token,
        defaultMode === undefined ? undefined : token.values[defaultMode],
      ),
      codeSyntax: codeSyntaxFor(token.name, token.type),
      valuesByMode,
    }
    ;(hasAlias ? withAliases : primitives).push(plan)
  }

  const styles = compositeStyles(tokenset)
  return {
    modes: [...tokenset.modes],
    variables: [...primitives, ...orderAliases(withAliases)],
    textStyles: styles.textStyles,
    effectStyles: styles.effectStyles,
    unsupported: [...unsupported, ...styles.unsupported],
  }
}

/**
 * Alias variables ordered so that a variable comes after every alias variable it points to.
 * Figma only needs the target to exist, but this order lets a batch be applied on its own.
 */
function orderAliases(plans: VariablePlan[]): VariablePlan[] {
  const byName = new Map(plans.map((p) => [p.name, p]))
  const done = new Set<string>()
  const ordered: VariablePlan[] = []
  const visit = (plan: VariablePlan, path: Set<string>) => {
    if (done.has(plan.name) || path.has(plan.name)) return
    path.add(plan.name)
    for (const value of Object.values(plan.valuesByMode)) {
      const dep = value.kind === 'alias' ? byName.get(value.target) : undefined
      if (dep) visit(dep, path)
    }
    done.add(plan.name)
    ordered.push(plan)
  }
  for (const plan of plans) visit(plan, new Set())
  return ordered
}
