/**
 * What the credential can reach (workspaces, their tokensets and modes), read once per run, and
 * the names or ids people write in the config file and on the command line resolved against it.
 */
import {
  type ModeView,
  type TokensetView,
  tokensetsOutput,
  type WorkspaceView,
  workspacesOutput,
} from '@tokencraft/shared'
import { CliError, EXIT } from './errors.ts'
import type { ApiClient } from './http/api-client.ts'

type Named = { id: string; name: string }

const quoted = (items: readonly Named[]) =>
  items.length === 0
    ? 'none'
    : items
        .slice(0, 10)
        .map((item) => `"${item.name}"`)
        .join(', ') + (items.length > 10 ? ', …' : '')

/**
 * The item whose id is `ref`, else the one whose name is `ref`. Pure. Ids come first: a name that
 * happens to equal another item's id cannot shadow it.
 */
export function pickByIdOrName<T extends Named>(
  items: readonly T[],
  ref: string,
  what: string,
  where: string,
): T {
  const byId = items.find((item) => item.id === ref)
  if (byId) return byId
  const named = items.filter((item) => item.name === ref)
  if (named.length === 1) return named[0] as T
  if (named.length > 1) {
    throw new CliError(
      EXIT.usage,
      'ambiguous',
      `${named.length} ${what}s ${where} are named "${ref}": name it by id (${named.map((item) => item.id).join(', ')})`,
    )
  }
  throw new CliError(
    EXIT.refused,
    'not_found',
    `no ${what} "${ref}" ${where}; there are: ${quoted(items)}`,
  )
}

export function modeOf(tokenset: TokensetView, ref: string): ModeView {
  return pickByIdOrName(tokenset.modes, ref, 'mode', `in tokenset "${tokenset.name}"`)
}

export class Directory {
  readonly #api: ApiClient
  #workspaces: Promise<WorkspaceView[]> | undefined
  readonly #tokensets = new Map<string, Promise<TokensetView[]>>()

  constructor(api: ApiClient) {
    this.#api = api
  }

  workspaces(): Promise<WorkspaceView[]> {
    this.#workspaces ??= this.#api
      .get('/workspaces', workspacesOutput)
      .then((answer) => answer.workspaces)
    return this.#workspaces
  }

  /** The workspace's tokensets, each with its modes. */
  tokensets(workspaceId: string): Promise<TokensetView[]> {
    let listed = this.#tokensets.get(workspaceId)
    if (!listed) {
      listed = this.#api
        .get(`/workspaces/${encodeURIComponent(workspaceId)}/tokensets`, tokensetsOutput)
        .then((answer) => answer.tokensets)
      this.#tokensets.set(workspaceId, listed)
    }
    return listed
  }

  async workspace(ref: string): Promise<WorkspaceView> {
    return pickByIdOrName(await this.workspaces(), ref, 'workspace', 'you are a member of')
  }

  /** A tokenset by id or name, in the named workspace or in any of the caller's. */
  async tokenset(ref: string, workspaceRef?: string): Promise<TokensetView> {
    const workspaces = workspaceRef ? [await this.workspace(workspaceRef)] : await this.workspaces()
    const tokensets = (await Promise.all(workspaces.map((w) => this.tokensets(w.id)))).flat()
    const where = workspaceRef ? `in workspace "${workspaces[0]?.name}"` : 'in your workspaces'
    return pickByIdOrName(tokensets, ref, 'tokenset', where)
  }
}
