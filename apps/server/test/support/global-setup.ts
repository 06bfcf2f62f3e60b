/** vitest globalSetup: builds the migrated PGlite template once, before the test workers start. */
import { migratedTemplate } from './pglite-template.ts'

export default async function setup(): Promise<void> {
  await migratedTemplate()
}
