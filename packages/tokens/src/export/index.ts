/** One entry point for the formats the server offers (`export_tokenset`, the REST export). */
import type { ExportFile, Result, Tokenset } from '../types.ts'
import { exportAndroid } from './android.ts'
import { type CssOptions, exportCss } from './css.ts'
import type { ExportFormat } from './formats.ts'
import { exportIos } from './ios.ts'
import { exportJson } from './json.ts'

export { EXPORT_FORMATS, type ExportFormat } from './formats.ts'

const EXPORTERS: Record<
  ExportFormat,
  (set: Tokenset, options: CssOptions) => Result<ExportFile[]>
> = { json: exportJson, css: exportCss, ios: exportIos, android: exportAndroid }

/** Exports one mode (`options.mode`) or, without it, every mode of the tokenset. */
export function exportTokenset(
  set: Tokenset,
  format: ExportFormat,
  options: CssOptions = {},
): Result<ExportFile[]> {
  return EXPORTERS[format](set, options)
}
