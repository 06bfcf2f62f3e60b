/**
 * The tests StrykerJS runs against each mutant (stryker.config.mjs): those of the group of
 * modules named by MUTATE_GROUP (mutation-groups.json), all of them in one process (a mutant
 * exists in the Stryker process only, so tests of spawned servers are never in a group).
 */
import { readFileSync } from 'node:fs'
import { defineConfig } from 'vitest/config'
import base from './vitest.config.ts'

type Groups = Record<string, { mutate: string[]; tests: string[] }>

const groups = JSON.parse(
  readFileSync(new URL('./mutation-groups.json', import.meta.url), 'utf8'),
) as Groups
const group = groups[process.env.MUTATE_GROUP ?? '']
if (!group) throw new Error('MUTATE_GROUP must name a group of mutation-groups.json')

// replaced, not merged: vitest's mergeConfig would add the group's files to the whole suite
export default defineConfig({
  ...base,
  test: { ...base.test, include: group.tests, reporters: ['default'] },
})
