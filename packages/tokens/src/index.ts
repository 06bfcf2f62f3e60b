export * from './figma/index.ts'
export { DEFAULT_MODE, type ParseOptions, parseDocument } from './parse.ts'
export {
  aliasOf,
  aliasTarget,
  isAlias,
  isPointerRef,
  nameSegmentProblem,
  parsePointer,
  pointerOf,
  tokenNameProblem,
} from './references.ts'
export { type ResolvedToken, type ResolveOptions, rawValue, resolveTokens } from './resolve.ts'
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
  type ColorSpace,
  checkValue,
  FONT_WEIGHT_NAMES,
  isCompatibleType,
  STROKE_STYLES,
  type ValueProblem,
  type ValueReference,
} from './values.ts'
