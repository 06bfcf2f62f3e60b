/** The export formats the server offers (also in `@tokencraft/tokens/enums`). */
export const EXPORT_FORMATS = ['json', 'css', 'ios', 'android'] as const
export type ExportFormat = (typeof EXPORT_FORMATS)[number]
