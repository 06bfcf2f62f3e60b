/** `tokencraft ls`: the workspaces the credential reaches, their tokensets and their modes. */
import { connect } from '../auth/session.ts'
import { Directory } from '../directory.ts'
import { EXIT, type ExitCode } from '../errors.ts'
import { printable } from '../output.ts'
import type { Runtime } from '../runtime.ts'

export async function ls(
  runtime: Runtime,
  options: { server?: string | undefined; workspace?: string | undefined },
): Promise<ExitCode> {
  const { out } = runtime
  const api = await connect(runtime, { flag: options.server })
  const directory = new Directory(api)
  const workspaces = options.workspace
    ? [await directory.workspace(options.workspace)]
    : await directory.workspaces()
  const listed = await Promise.all(
    workspaces.map(async (workspace) => ({
      ...workspace,
      tokensets: await directory.tokensets(workspace.id),
    })),
  )
  for (const workspace of listed) {
    out.line(`${printable(workspace.name)}  (${workspace.role})  ${workspace.id}`)
    if (workspace.tokensets.length === 0) out.line('  no tokensets')
    for (const tokenset of workspace.tokensets) {
      out.line(`  ${printable(tokenset.name)}  ${tokenset.id}  ${tokenset.token_count} tokens`)
      for (const mode of tokenset.modes) {
        out.line(`    ${printable(mode.name)}  ${mode.id}${mode.is_default ? '  default' : ''}`)
      }
    }
  }
  if (listed.length === 0) out.line(`No workspaces on ${api.server}.`)
  out.result({ server: api.server, workspaces: listed })
  return EXIT.ok
}
