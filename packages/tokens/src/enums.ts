/**
 * The closed lists of the token engine that the API schemas name (`@tokencraft/tokens/enums`),
 * importable without loading the engine, so that the shared schemas, and the CLI that loads
 * them, start quickly.
 */
export { EXPORT_FORMATS, type ExportFormat } from './export/formats.ts'
export { IMPORT_FORMATS, type ImportFormat } from './normalize/formats.ts'
export { CHANGE_KINDS, type ChangeKind } from './normalize/report.ts'
