/**
 * The server's pino log as values: read from a process's JSON output, or captured in-process by
 * a logger that writes into an array. `level` is pino's number (50 is error, 60 fatal).
 */
import { pino } from 'pino'
import type { Logger } from '../../src/logger.ts'

export type LogLine = { level: number; msg?: string; [field: string]: unknown }

/** pino's level numbers for the names LOG_LEVEL takes. */
export const LEVEL = { info: 30, warn: 40, error: 50 } as const

/** The JSON lines of `output`; other lines (the start-up banner) are left out. */
export function logLines(output: string): LogLine[] {
  const lines: LogLine[] = []
  for (const text of output.split('\n')) {
    if (!text.startsWith('{')) continue
    const line = JSON.parse(text) as LogLine
    if (typeof line.level === 'number') lines.push(line)
  }
  return lines
}

/** A logger at `info` whose lines land in `lines`, for checking what the server logged. */
export function capturingLogger(): { logger: Logger; lines: LogLine[] } {
  const lines: LogLine[] = []
  const logger = pino({ level: 'info' }, { write: (text: string) => lines.push(...logLines(text)) })
  return { logger, lines }
}
