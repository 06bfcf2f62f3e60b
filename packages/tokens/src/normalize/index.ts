export { parseCssColor } from './css-color.ts'
export {
  type KnownToken,
  type ModeTokens,
  type NormalizedImport,
  type NormalizeImportOptions,
  normalizeImport,
} from './document.ts'
export {
  detectFormat,
  IMPORT_FORMATS,
  type ImportFormat,
  tokensStudioFiles,
} from './formats.ts'
export { inferType, typeFromName } from './infer.ts'
export { evaluate } from './math.ts'
export { fillDefaultMode, type MergeResult, mergeImport, type Touched } from './merge.ts'
export { CHANGE_KINDS, type Change, type ChangeKind, KEPT_MEMBERS_KEY } from './report.ts'
export {
  type NormalizedToken,
  normalizeToken,
  type TokenInput,
  tokenType,
  tokenValues,
} from './token.ts'
export { normalizeValue, type ValueContext, type ValueResult } from './value.ts'
