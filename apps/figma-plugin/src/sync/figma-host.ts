/**
 * The part of the `figma` global that syncing uses. Passing it in (instead of reaching for the
 * global) lets the tests run the same code against an in-memory Figma.
 */
export type FigmaHost = Pick<
  PluginAPI,
  | 'variables'
  | 'getLocalTextStylesAsync'
  | 'getLocalEffectStylesAsync'
  | 'createTextStyle'
  | 'createEffectStyle'
  | 'loadFontAsync'
>

/** Figma's limit of variables in one collection. */
export const MAX_VARIABLES_PER_COLLECTION = 5000

/** Namespace of the plugin data the sync stores on collections, variables and styles. */
export const PLUGIN_DATA_NAMESPACE = 'tokencraft'

/** Plugin data on each variable: the token it holds, to match it on the next pull and push. */
export const TOKEN_NAME_KEY = 'tokenName'
export const TOKEN_TYPE_KEY = 'tokenType'
