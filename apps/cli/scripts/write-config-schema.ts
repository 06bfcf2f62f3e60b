/** Writes tokencraft.config.schema.json from the zod schema (src/config/schema.ts). */
import { writeFileSync } from 'node:fs'
import { configJsonSchema } from '../src/config/schema.ts'

export const SCHEMA_FILE = new URL('../tokencraft.config.schema.json', import.meta.url)

export const schemaText = () => `${JSON.stringify(configJsonSchema(), null, 2)}\n`

if (import.meta.url === `file://${process.argv[1]}`) {
  writeFileSync(SCHEMA_FILE, schemaText())
}
