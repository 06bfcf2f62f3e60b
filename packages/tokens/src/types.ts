/**
 * The flat token model: the one exchange format between the DTCG parser, the resolver, the
 * exporters and the server's storage (tokens: name, type, description, deprecated, extensions;
 * token_values: one JSON value per mode).
 */

export type JsonPrimitive = string | number | boolean | null
export type JsonValue = JsonPrimitive | JsonValue[] | { [key: string]: JsonValue }
export type JsonObject = { [key: string]: JsonValue }

/** DTCG 2025.10 types (Format Module §8 and §9). */
export const DTCG_TYPES = [
  'color',
  'dimension',
  'fontFamily',
  'fontWeight',
  'duration',
  'cubicBezier',
  'number',
  'strokeStyle',
  'border',
  'transition',
  'shadow',
  'gradient',
  'typography',
] as const

/** Types of the hosted product beyond DTCG. */
export const EXTRA_TYPES = ['fontSize', 'lineHeight', 'letterSpacing', 'string', 'boolean'] as const

export const TOKEN_TYPES = [...DTCG_TYPES, ...EXTRA_TYPES] as const

export type TokenType = (typeof TOKEN_TYPES)[number]

/**
 * One token with a value per mode. `name` is the dot path (`colors.primary.500`); a value is a
 * DTCG value of `type`, which may hold aliases (`"{colors.blue.500}"`) whole or inside
 * composites, or JSON Pointer references (`{"$ref": "#/colors/blue/$value/components/0"}`).
 */
export type FlatToken = {
  name: string
  type: TokenType
  description?: string
  deprecated?: boolean | string
  /** `$extensions` exactly as given, kept so that unknown vendor data survives a round trip. */
  extensions?: JsonObject
  values: Record<string, JsonValue>
}

/** A tokenset with its modes; `defaultMode` is one of `modes`. */
export type Tokenset = {
  modes: string[]
  defaultMode: string
  tokens: FlatToken[]
}

/** What is wrong, and where: the token's name (when there is one) and the JSON path inside it. */
export type TokenError = {
  token?: string
  mode?: string
  path?: string
  message: string
}

export type Result<T> = { ok: true; value: T } | { ok: false; errors: TokenError[] }

/** A file an exporter writes. */
export type ExportFile = { name: string; content: string }

export function isTokenType(value: unknown): value is TokenType {
  return typeof value === 'string' && (TOKEN_TYPES as readonly string[]).includes(value)
}

/** One line per error, `name (mode) at path: message`, for logs and tool results. */
export function formatTokenError(error: TokenError): string {
  const where = [
    error.token ?? '',
    error.mode ? `(mode ${error.mode})` : '',
    error.path ? `at ${error.path}` : '',
  ]
    .filter(Boolean)
    .join(' ')
  return where ? `${where}: ${error.message}` : error.message
}
