/**
 * Exit codes and the one error type every command throws. README's "Command line" section
 * documents the codes; scripts rely on them, so each is pinned by a test.
 */
export const EXIT = {
  ok: 0,
  /** `pull --check`: the files on disk differ from the server. */
  differences: 1,
  /** Unknown command or option, missing argument, invalid tokencraft.config.json. */
  usage: 2,
  /** Not signed in, or the token was refused (401: revoked, expired, unknown); login failed. */
  auth: 3,
  /** 403: the token lacks a scope, or the role does not allow it. */
  forbidden: 4,
  /** The server refused the request: not found, conflict, invalid content (400, 404, 409, 422). */
  refused: 5,
  /** Unreachable, not a Tokencraft server, a server error, or still rate limited after waiting. */
  unavailable: 6,
  /** A local file cannot be read or written. */
  files: 7,
  /** A bug in the CLI itself (EX_SOFTWARE of sysexits.h). */
  internal: 70,
} as const

export type ExitCode = (typeof EXIT)[keyof typeof EXIT]

/**
 * A failure the user can act on: `message` says what happened and what to do, `code` names it
 * for scripts (`--json` prints `{ "error": { "code", "message", "exit_code" } }`).
 */
export class CliError extends Error {
  readonly exitCode: ExitCode
  readonly code: string

  constructor(exitCode: ExitCode, code: string, message: string) {
    super(message)
    this.name = 'CliError'
    this.exitCode = exitCode
    this.code = code
  }
}

export const usageError = (message: string) => new CliError(EXIT.usage, 'usage', message)
