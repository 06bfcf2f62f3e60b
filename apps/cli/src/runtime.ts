import type { Output } from './output.ts'

/** What a command runs in: the environment, the directories, and where it prints. */
export type Runtime = {
  env: NodeJS.ProcessEnv
  cwd: string
  home: string
  out: Output
}
