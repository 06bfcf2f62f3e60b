/**
 * `npm run db:migration -- <name>`: writes prisma/migrations/<timestamp>_<name>/migration.sql
 * from the difference between the existing migrations and prisma/schema.prisma.
 */
import { createMigration } from '../apps/server/src/db/create-migration.ts'

const name = process.argv.slice(2).join(' ')
if (!name) {
  console.error('usage: npm run db:migration -- <name>')
  process.exit(1)
}
try {
  const created = await createMigration(name)
  console.log(
    created
      ? `wrote prisma/migrations/${created.folder}/migration.sql`
      : 'no change: prisma/schema.prisma matches the migrations; nothing written',
  )
} catch (error) {
  console.error(`db:migration failed: ${error instanceof Error ? error.message : String(error)}`)
  process.exit(1)
}
