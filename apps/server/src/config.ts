/**
 * Environment → typed configuration, in one place. A wrong value stops the start with
 * one line that names the variable; nothing else reads `process.env`.
 */
import { resolve } from 'node:path'
import { z } from 'zod'

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const
export type LogLevel = (typeof LOG_LEVELS)[number]

export type Config = {
  port: number
  host: string
  /** External base URL without a trailing slash: the OAuth issuer and every absolute URL. */
  publicUrl: string
  /** Set: a PostgreSQL server. Unset: the embedded database under `dataDir`. */
  databaseUrl?: string
  dataDir: string
  redisUrl?: string
  logLevel: LogLevel
  /**
   * How many reverse proxies in front of the server append to `X-Forwarded-For`: the client
   * address (per-address rate limits, logs) is the entry the outermost of them added. 0: the
   * socket's peer, and `X-Forwarded-For` is ignored (anyone could write it).
   */
  trustProxy: number
  /**
   * Browser origins, besides PUBLIC_URL's and loopback ones, whose pages may call /api/mcp
   * (mcp/origin-check.ts); e.g. a browser-based MCP client hosted elsewhere.
   */
  mcpAllowedOrigins?: string[] | undefined
  /**
   * TEST ONLY: never set in production, and no environment variable sets it. Lets the OAuth
   * server fetch Client ID Metadata Documents from loopback and private addresses, trusting one
   * extra certificate authority, so that tests can serve documents themselves.
   */
  testOnlyClientMetadataFetch?: { allowPrivateAddresses: boolean; extraCaPem?: string }
}

export class ConfigError extends Error {
  override name = 'ConfigError'
}

/** An unset variable and an empty one mean the same: use the default. */
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (value === '' ? undefined : value), schema.optional())

const urlWithProtocols = (protocols: string[], what: string) =>
  z.string().refine(
    (value) => {
      try {
        return protocols.includes(new URL(value).protocol)
      } catch {
        return false
      }
    },
    { message: `must be ${what}` },
  )

/** `https://host[:port]` or `http://…`: an origin as browsers send it, nothing more. */
function isWebOrigin(value: string): boolean {
  try {
    const url = new URL(value)
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.origin === value
  } catch {
    return false
  }
}

const envSchema = z.object({
  PORT: optional(
    z
      .string()
      .regex(/^\d+$/, 'must be a whole number from 0 to 65535')
      .transform(Number)
      .refine((port) => port <= 65_535, 'must be a whole number from 0 to 65535'),
  ),
  HOST: optional(z.string().regex(/^\S+$/, 'must be a host name or an IP address')),
  PUBLIC_URL: optional(urlWithProtocols(['http:', 'https:'], 'an http:// or https:// URL')),
  DATABASE_URL: optional(
    urlWithProtocols(['postgres:', 'postgresql:'], 'a postgres:// or postgresql:// URL'),
  ),
  DATA_DIR: optional(z.string()),
  REDIS_URL: optional(urlWithProtocols(['redis:', 'rediss:'], 'a redis:// or rediss:// URL')),
  LOG_LEVEL: optional(z.enum(LOG_LEVELS, { message: `must be one of ${LOG_LEVELS.join(', ')}` })),
  MCP_ALLOWED_ORIGINS: optional(
    z
      .string()
      .transform((value) => value.split(/[\s,]+/).filter((entry) => entry !== ''))
      .refine((origins) => origins.every(isWebOrigin), {
        message: 'must be a comma-separated list of origins such as https://app.example.com',
      }),
  ),
  TRUST_PROXY: optional(
    z
      .string()
      .regex(/^\d{1,2}$/, 'must be the number of proxies in front of the server (0 to 99)')
      .transform(Number),
  ),
})

/** Shows a rejected value, without the password a URL might carry. */
function shown(value: unknown): string {
  const text = String(value)
  try {
    const url = new URL(text)
    if (url.password) url.password = '***'
    return JSON.stringify(url.href)
  } catch {
    return JSON.stringify(text)
  }
}

/**
 * Reads the configuration. `cwd` anchors a relative `DATA_DIR`. Throws `ConfigError` whose
 * message is one line naming the first wrong variable.
 */
export function loadConfig(
  env: Record<string, string | undefined>,
  cwd: string = process.cwd(),
): Config {
  const parsed = envSchema.safeParse(env)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    const variable = String(issue?.path[0] ?? 'environment')
    throw new ConfigError(
      `Invalid configuration: ${variable} ${issue?.message ?? 'is invalid'} (got ${shown(env[variable])})`,
    )
  }
  const e = parsed.data
  const port = e.PORT ?? 3000
  return {
    port,
    host: e.HOST ?? '127.0.0.1',
    publicUrl: (e.PUBLIC_URL ?? `http://localhost:${port}`).replace(/\/+$/, ''),
    databaseUrl: e.DATABASE_URL,
    dataDir: resolve(cwd, e.DATA_DIR ?? './.data'),
    redisUrl: e.REDIS_URL,
    logLevel: e.LOG_LEVEL ?? 'info',
    trustProxy: e.TRUST_PROXY ?? 0,
    mcpAllowedOrigins: e.MCP_ALLOWED_ORIGINS,
  }
}
