export { type DtcgColor, type Rgba8, toRgba8 } from './color.ts'
export { ANDROID_FILE, androidName, exportAndroid } from './export/android.ts'
export { CSS_FILE, type CssOptions, cssVariableName, exportCss } from './export/css.ts'
export { EXPORT_FORMATS, type ExportFormat, exportTokenset } from './export/index.ts'
export { exportIos, IOS_FILE, swiftName } from './export/ios.ts'
export {
  exportJson,
  type ImportJsonOptions,
  importJson,
  JSON_FILE,
  MODES_KEY,
  tokensetFromDocuments,
  tokensToDocument,
} from './export/json.ts'
export type { ExportOptions } from './export/prepare.ts'
export {
  exportResolver,
  importResolver,
  RESOLVER_FILE,
  type ResolverExportOptions,
} from './export/resolver.ts'
export * from './figma/index.ts'
export * from './normalize/index.ts'
export {
  DEFAULT_MODE,
  type DocumentToken,
  type LenientToken,
  MAX_GROUP_DEPTH,
  mergeGroups,
  type ParseOptions,
  parseDocument,
  readDocument,
  readDocumentLeniently,
  readDocumentTokens,
  toFlatToken,
} from './parse.ts'
export {
  aliasOf,
  aliasTarget,
  isAlias,
  isPointerRef,
  modeNameProblem,
  nameSegmentProblem,
  parsePointer,
  pointerOf,
  tokenNameProblem,
} from './references.ts'
export { type ResolvedToken, type ResolveOptions, rawValue, resolveTokens } from './resolve.ts'
export { flatTokenSchema, tokensetSchema, tokenTypeSchema } from './schema.ts'
export {
  DTCG_TYPES,
  EXTRA_TYPES,
  type ExportFile,
  type FlatToken,
  formatTokenError,
  isTokenType,
  type JsonObject,
  type JsonValue,
  type Result,
  TOKEN_TYPES,
  type TokenError,
  type Tokenset,
  type TokenType,
} from './types.ts'
export { type ValidateOptions, validateTokens, validateTokenValue } from './validate.ts'
export {
  COLOR_SPACES,
  COMPOSITE_FIELDS,
  type ColorSpace,
  checkValue,
  FONT_WEIGHT_NAMES,
  isCompatibleType,
  STROKE_STYLES,
  type ValueProblem,
  type ValueReference,
} from './values.ts'
