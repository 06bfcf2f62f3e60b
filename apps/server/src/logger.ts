/** Structured logs with pino; human-readable (pino-pretty) when a person watches a terminal. */
import { type Logger, pino } from 'pino'
import pretty from 'pino-pretty'
import type { LogLevel } from './config.ts'

export type { Logger }

export function createLogger(
  level: LogLevel,
  {
    pretty: usePretty = process.stdout.isTTY === true && process.env.NODE_ENV !== 'production',
  } = {},
): Logger {
  const options = { level, base: { service: 'tokencraft' } }
  // pino-pretty as a synchronous stream, not a transport: no worker thread to start or drain.
  return usePretty ? pino(options, pretty({ colorize: true, sync: true })) : pino(options)
}
