/**
 * The stored sign-ins, one per server, in `credentials.json` of the config directory. The
 * directory is made owner-only (0700) and the file is written owner-only (0600).
 */
import { chmod, mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import { z } from 'zod'
import { CliError, EXIT } from '../errors.ts'
import { filesError, readIfExists, writeAtomically } from '../local-files.ts'

const signInSchema = z.object({
  /** What the server's metadata said at login (RFC 8414). */
  issuer: z.string(),
  token_endpoint: z.string(),
  revocation_endpoint: z.string().optional(),
  client_id: z.string(),
  /** RFC 8707 resource the tokens are bound to. */
  resource: z.string(),
  access_token: z.string(),
  refresh_token: z.string().optional(),
  /** ISO time the access token expires, from `expires_in`. */
  expires_at: z.string().optional(),
  scope: z.string(),
})
export type SignIn = z.infer<typeof signInSchema>

const credentialsSchema = z.object({
  /** The server of the last login: commands use it when no server is named. */
  default_server: z.string().optional(),
  servers: z.record(z.string(), signInSchema),
})
export type Credentials = z.infer<typeof credentialsSchema>

const CREDENTIALS_FILE = 'credentials.json'

export class CredentialStore {
  readonly dir: string
  readonly path: string

  constructor(dir: string) {
    this.dir = dir
    this.path = join(dir, CREDENTIALS_FILE)
  }

  async read(): Promise<Credentials> {
    const bytes = await readIfExists(this.path)
    if (bytes === undefined) return { servers: {} }
    let data: unknown
    try {
      data = JSON.parse(Buffer.from(bytes).toString('utf8'))
    } catch {
      data = undefined
    }
    const parsed = credentialsSchema.safeParse(data)
    if (!parsed.success) {
      throw new CliError(
        EXIT.auth,
        'credentials_file',
        `${this.path} is not a valid sign-in file; delete it and run tokencraft login`,
      )
    }
    return parsed.data
  }

  /** Stores the sign-in for `server`; a new login also makes it the default server. */
  async save(server: string, signIn: SignIn, makeDefault: boolean): Promise<void> {
    const credentials = await this.read()
    credentials.servers[server] = signIn
    if (makeDefault) credentials.default_server = server
    await this.#write(credentials)
  }

  /** Forgets the sign-in for `server`; true when there was one. */
  async remove(server: string): Promise<boolean> {
    const credentials = await this.read()
    if (!(server in credentials.servers)) return false
    delete credentials.servers[server]
    if (credentials.default_server === server) delete credentials.default_server
    await this.#write(credentials)
    return true
  }

  async #write(credentials: Credentials): Promise<void> {
    try {
      await mkdir(this.dir, { recursive: true, mode: 0o700 })
      // an existing directory keeps its mode through mkdir, and the umask narrows a new one
      await chmod(this.dir, 0o700)
    } catch (error) {
      throw filesError('create', this.dir, error)
    }
    await writeAtomically(this.path, `${JSON.stringify(credentials, null, 2)}\n`, 0o600)
  }
}
