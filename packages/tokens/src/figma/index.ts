export { codeSyntaxFor } from './code-syntax.ts'
export { fromFigmaColor, toFigmaColor } from './color.ts'
export type {
  CollectionSnapshot,
  PushPreview,
  TokenChange,
  VariableSnapshot,
} from './diff.ts'
export { diffCollection } from './diff.ts'
export { fromFigmaName, toFigmaName } from './names.ts'
export { planCollection } from './plan.ts'
export { scopesFor } from './scopes.ts'
export { fontStyleFor } from './styles.ts'
export type * from './types.ts'
export { fromFigmaLiteral, resolvedTypeFor, toFigmaLiteral } from './values.ts'
