/**
 * `tokencraft logout`: revokes the stored sign-in on the server (RFC 7009; revoking its refresh
 * token ends the whole sign-in there) and forgets it here.
 */
import { revokeToken } from '../auth/authorization-server.ts'
import { chosenServer, credentialStore } from '../auth/session.ts'
import { CliError, EXIT, type ExitCode, usageError } from '../errors.ts'
import type { Runtime } from '../runtime.ts'

export async function logout(
  runtime: Runtime,
  options: { server?: string | undefined },
): Promise<ExitCode> {
  const store = credentialStore(runtime)
  const credentials = await store.read()
  const server = chosenServer(runtime, { flag: options.server }, credentials.default_server)
  if (!server) throw usageError('name the server: tokencraft logout --server URL')
  const signIn = credentials.servers[server]
  if (!signIn) {
    runtime.out.line(`Not signed in to ${server}.`)
    runtime.out.result({ server, signed_out: false })
    return EXIT.ok
  }
  // forgotten here whatever the server answers: a sign-in the user wants gone is not kept
  await store.remove(server)
  if (signIn.revocation_endpoint) {
    await revokeToken(server, signIn.revocation_endpoint, {
      token: signIn.refresh_token ?? signIn.access_token,
      token_type_hint: signIn.refresh_token ? 'refresh_token' : 'access_token',
      client_id: signIn.client_id,
    }).catch((error: unknown) => {
      if (!(error instanceof CliError)) throw error
      throw new CliError(
        error.exitCode,
        error.code,
        `forgot the sign-in to ${server} here, but could not revoke it there (${error.message}); delete it under ${server}/settings/api`,
      )
    })
  }
  runtime.out.line(`Signed out of ${server}.`)
  runtime.out.result({ server, signed_out: true })
  return EXIT.ok
}
