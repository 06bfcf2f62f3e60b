/**
 * `tokencraft COMMAND [options]`: picks the command from the table (commands/index.ts), parses its
 * options, runs it, and turns any failure into one message on stderr (and `{ "error" }` on stdout
 * with --json) and its exit code (errors.ts).
 */
import { readFileSync } from 'node:fs'
import { homedir } from 'node:os'
import { parseArgs } from 'node:util'
import { COMMANDS, COMMON_OPTIONS, type Command, type OptionSpec } from './commands/index.ts'
import { CliError, EXIT, type ExitCode, usageError } from './errors.ts'
import { Output } from './output.ts'

const VERSION = (
  JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
    version: string
  }
).version

const EXIT_CODES = `Exit codes:
  0  success
  1  pull --check: a file differs from the server
  2  usage: unknown command or option, invalid config file
  3  not signed in, or the token was refused (401); login failed
  4  forbidden: a scope is missing (named), or the role does not allow it
  5  refused: not found, conflict, invalid content
  6  unreachable, not a Tokencraft server, server error, still rate limited
  7  a local file cannot be read or written
  70 a bug in tokencraft (please report it)`

function optionLines(options: Record<string, OptionSpec>): string[] {
  return Object.entries(options).map(([name, spec]) => {
    const flag = `${spec.short ? `-${spec.short}, ` : ''}--${name}${spec.value ? ` ${spec.value}` : ''}`
    return `  ${flag.padEnd(24)} ${spec.description}`
  })
}

function mainHelp(): string {
  const commands = Object.entries(COMMANDS).map(
    ([name, command]) => `  ${name.padEnd(8)} ${command.summary}`,
  )
  return [
    'Usage: tokencraft COMMAND [options]',
    '',
    'Commands:',
    ...commands,
    '',
    'Options of every command:',
    ...optionLines(COMMON_OPTIONS),
    '',
    'Environment:',
    '  TOKENCRAFT_TOKEN       an API token (tkc_…) to use instead of a login (CI)',
    '  TOKENCRAFT_URL         the server, e.g. https://tokens.example.com',
    '  TOKENCRAFT_CONFIG_DIR  where logins are kept (else $XDG_CONFIG_HOME/tokencraft,',
    '                         else ~/.config/tokencraft)',
    '',
    EXIT_CODES,
    '',
    "Run 'tokencraft COMMAND --help' for a command's options.",
  ].join('\n')
}

function commandHelp(name: string, command: Command): string {
  return [
    `Usage: tokencraft ${name}${command.arguments ? ` ${command.arguments}` : ''} [options]`,
    '',
    `${command.summary[0]?.toUpperCase()}${command.summary.slice(1)}.`,
    '',
    'Options:',
    ...optionLines({ ...command.options, ...COMMON_OPTIONS }),
  ].join('\n')
}

export async function main(argv: string[]): Promise<ExitCode> {
  const { stdout, env } = process
  const [name, ...rest] = argv
  const json = rest.includes('--json')
  const out = new Output(json, stdout, process.stderr)
  try {
    if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
      stdout.write(`${mainHelp()}\n`)
      return name === undefined ? EXIT.usage : EXIT.ok
    }
    if (name === '--version' || name === '-v') {
      stdout.write(`${VERSION}\n`)
      return EXIT.ok
    }
    const command = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined
    if (!command) throw usageError(`unknown command ${name}; run tokencraft --help`)
    let parsed: ReturnType<typeof parseArgs>
    try {
      parsed = parseArgs({
        args: rest,
        options: { ...command.options, ...COMMON_OPTIONS },
        allowPositionals: command.arguments !== undefined,
        strict: true,
      })
    } catch (error) {
      throw usageError(`${(error as Error).message}; run tokencraft ${name} --help`)
    }
    if (parsed.values.help) {
      stdout.write(`${commandHelp(name, command)}\n`)
      return EXIT.ok
    }
    const runtime = { env, cwd: process.cwd(), home: homedir(), out }
    return await command.run(runtime, parsed.values, parsed.positionals)
  } catch (error) {
    const failure =
      error instanceof CliError
        ? error
        : new CliError(
            EXIT.internal,
            'internal',
            `unexpected error, please report it: ${(error as Error).stack ?? String(error)}`,
          )
    out.note(`tokencraft: ${failure.message}`)
    out.result({
      error: { code: failure.code, message: failure.message, exit_code: failure.exitCode },
    })
    return failure.exitCode
  }
}
