/**
 * The one table of commands: each with its options, its help text, and the function it runs.
 * main.ts parses the arguments against it (node:util parseArgs) and prints help from it.
 */
import { EXPORT_FORMATS, IMPORT_FORMATS } from '@tokencraft/tokens/enums'
import { CONFIG_FILE } from '../config/schema.ts'
import { type ExitCode, usageError } from '../errors.ts'
import type { Runtime } from '../runtime.ts'
import { login } from './login.ts'
import { logout } from './logout.ts'
import { ls } from './ls.ts'
import { pull } from './pull.ts'
import { push } from './push.ts'

export type OptionSpec = {
  type: 'string' | 'boolean'
  short?: string
  /** the value's name in help, for string options */
  value?: string
  description: string
}

type Values = Record<string, string | boolean | (string | boolean)[] | undefined>

export type Command = {
  summary: string
  /** positional arguments, as help shows them */
  arguments?: string
  options: Record<string, OptionSpec>
  run(runtime: Runtime, values: Values, positionals: string[]): Promise<ExitCode>
}

const text = (values: Values, name: string) => values[name] as string | undefined

/** Options every command takes. */
export const COMMON_OPTIONS: Record<string, OptionSpec> = {
  server: {
    type: 'string',
    value: 'URL',
    description: 'the Tokencraft server (else TOKENCRAFT_URL, the config file, the last login)',
  },
  json: { type: 'boolean', description: 'print the result as one JSON document on stdout' },
  help: { type: 'boolean', short: 'h', description: 'show this help' },
}

export const COMMANDS: Record<string, Command> = {
  login: {
    summary: 'sign in through the browser and keep the tokens in the config directory',
    options: {
      'no-browser': {
        type: 'boolean',
        description: 'print the sign-in address without opening a browser',
      },
      scope: {
        type: 'string',
        value: 'SCOPES',
        description: 'ask for fewer scopes, e.g. "read:tokens export:tokens" (default: all)',
      },
    },
    run: (runtime, values) =>
      login(runtime, {
        server: text(values, 'server'),
        noBrowser: values['no-browser'] === true,
        scope: text(values, 'scope'),
      }),
  },
  logout: {
    summary: 'revoke the stored sign-in on the server and forget it',
    options: {},
    run: (runtime, values) => logout(runtime, { server: text(values, 'server') }),
  },
  ls: {
    summary: 'list workspaces, their tokensets and modes (with ids)',
    options: {
      workspace: { type: 'string', value: 'NAME|ID', description: 'only this workspace' },
    },
    run: (runtime, values) =>
      ls(runtime, { server: text(values, 'server'), workspace: text(values, 'workspace') }),
  },
  pull: {
    summary: `write the exports ${CONFIG_FILE} names (${EXPORT_FORMATS.join(', ')})`,
    options: {
      check: {
        type: 'boolean',
        description: 'write nothing; exit 1 when a file differs from the server (for CI)',
      },
      config: { type: 'string', value: 'FILE', description: `the config file (./${CONFIG_FILE})` },
    },
    run: (runtime, values) =>
      pull(runtime, {
        config: text(values, 'config'),
        check: values.check === true,
        server: text(values, 'server'),
      }),
  },
  push: {
    summary:
      "import a token file (DTCG, Style Dictionary, Tokens Studio) and print the server's report",
    arguments: 'FILE',
    options: {
      tokenset: { type: 'string', value: 'NAME|ID', description: 'the tokenset (required)' },
      mode: { type: 'string', value: 'NAME|ID', description: 'the mode (required)' },
      workspace: {
        type: 'string',
        value: 'NAME|ID',
        description: 'the workspace, when several have a tokenset so named',
      },
      format: {
        type: 'string',
        value: 'FORMAT',
        description: `how to read FILE: ${IMPORT_FORMATS.join(', ')} (detected when absent)`,
      },
      'token-sets': {
        type: 'string',
        value: 'SETS',
        description: 'Tokens Studio: the token sets to import, comma-separated',
      },
      'skip-invalid': {
        type: 'boolean',
        description: 'import the valid tokens and report the others, instead of nothing',
      },
    },
    run: (runtime, values, positionals) => {
      const [file, ...extra] = positionals
      const tokenset = text(values, 'tokenset')
      const mode = text(values, 'mode')
      if (!file || extra.length > 0) throw usageError('push takes one FILE')
      if (!tokenset || !mode) throw usageError('push needs --tokenset and --mode')
      return push(runtime, {
        file,
        tokenset,
        mode,
        workspace: text(values, 'workspace'),
        server: text(values, 'server'),
        format: text(values, 'format'),
        tokenSets: text(values, 'token-sets'),
        skipInvalid: values['skip-invalid'] === true,
      })
    },
  },
}
