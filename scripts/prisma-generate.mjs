// Runs `prisma generate` without Prisma's native schema engine, which cannot be downloaded
// everywhere: generate never calls the engine, so a stub that exits 1 satisfies the CLI.
import { spawnSync } from 'node:child_process'
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const stub = join(mkdtempSync(join(tmpdir(), 'prisma-stub-')), 'schema-engine')
writeFileSync(stub, '#!/bin/sh\nexit 1\n')
chmodSync(stub, 0o755)

const result = spawnSync('npx', ['prisma', 'generate'], {
  stdio: 'inherit',
  env: { ...process.env, PRISMA_SCHEMA_ENGINE_BINARY: stub, PRISMA_HIDE_UPDATE_MESSAGE: '1' },
})
process.exit(result.status ?? 1)
