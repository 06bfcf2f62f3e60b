/**
 * What the CLI prints. stdout carries the result: lines for people, or with `--json` exactly one
 * JSON document for scripts. stderr carries everything said along the way (progress, waits,
 * warnings, errors), with or without `--json`.
 */
import { stripVTControlCharacters } from 'node:util'

type Stream = { write(text: string): unknown; isTTY?: boolean }

export class Output {
  readonly json: boolean
  readonly #stdout: Stream
  readonly #stderr: Stream
  #progressShown = false

  constructor(json: boolean, stdout: Stream, stderr: Stream) {
    this.json = json
    this.#stdout = stdout
    this.#stderr = stderr
  }

  /** A line of the human-readable result (nothing with --json). */
  line(text: string): void {
    if (!this.json) this.#stdout.write(`${text}\n`)
  }

  /** The result for scripts (only with --json). */
  result(value: unknown): void {
    if (this.json) this.#stdout.write(`${JSON.stringify(value, null, 2)}\n`)
  }

  /** A message on stderr. */
  note(text: string): void {
    this.#endProgress()
    this.#stderr.write(`${text}\n`)
  }

  /**
   * Progress of a long run on stderr: one line rewritten in place on a terminal, a line per step
   * otherwise (CI logs).
   */
  progress(done: number, total: number, label: string): void {
    const text = `[${done}/${total}] ${label}`
    if (this.#stderr.isTTY) {
      this.#stderr.write(`\r\x1b[2K${text}`)
      this.#progressShown = done < total
      if (!this.#progressShown) this.#stderr.write('\n')
    } else {
      this.#stderr.write(`${text}\n`)
    }
  }

  #endProgress(): void {
    if (this.#progressShown) this.#stderr.write('\n')
    this.#progressShown = false
  }
}

/** Text from the server shown on a terminal: no escape sequences or control characters of its own. */
export const printable = (text: string): string =>
  // biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
  stripVTControlCharacters(text).replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ')
