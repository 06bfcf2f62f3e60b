/** Writes tokencraft.config.schema.json from the zod schema (src/config/schema.ts). */
import { writeFileSync } from 'node:fs'
import { configJsonSchemaText } from '../src/config/schema.ts'

writeFileSync(new URL('../tokencraft.config.schema.json', import.meta.url), configJsonSchemaText())
