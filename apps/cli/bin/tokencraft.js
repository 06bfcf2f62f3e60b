#!/usr/bin/env node
// The `tokencraft` command. It runs the TypeScript sources through tsx, as the server runs, with
// this package's own tsconfig (not whichever the current directory has).
import { fileURLToPath } from 'node:url'
import { register } from 'tsx/esm/api'

register({ tsconfig: fileURLToPath(new URL('../tsconfig.json', import.meta.url)) })
const { main } = await import('../src/main.ts')
process.exitCode = await main(process.argv.slice(2))
