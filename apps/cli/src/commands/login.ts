/**
 * `tokencraft login`: OAuth authorization code with PKCE in the browser (RFC 8252: a native app
 * with a loopback redirect), as the pre-registered public client `tokencraft-cli`. The tokens are
 * bound to the REST API (RFC 8707) and stored owner-only in the config directory.
 */
import { CLI_CLIENT_ID, isScope, SCOPES } from '@tokencraft/shared'
import {
  authorizationUrl,
  discover,
  requestTokens,
  type TokenAnswer,
} from '../auth/authorization-server.ts'
import { startLoopback } from '../auth/loopback.ts'
import { openBrowser } from '../auth/open-browser.ts'
import { createPkce, randomState } from '../auth/pkce.ts'
import { chosenServer, credentialStore, signInFromAnswer } from '../auth/session.ts'
import { EXIT, type ExitCode, usageError } from '../errors.ts'
import { restApiResource } from '../http/api-client.ts'
import type { Runtime } from '../runtime.ts'

/** How long the CLI waits for the browser: as long as the server keeps the code (10 minutes). */
const LOGIN_TIMEOUT_MS = 10 * 60_000

/** `--scope "read:tokens export:tokens"` (spaces or commas); all scopes when absent. */
export function requestedScopes(option: string | undefined): string[] {
  if (option === undefined) return [...SCOPES]
  const scopes = [...new Set(option.split(/[\s,]+/).filter(Boolean))]
  const unknown = scopes.filter((scope) => !isScope(scope))
  if (scopes.length === 0 || unknown.length > 0) {
    throw usageError(
      `--scope takes some of ${SCOPES.join(', ')}; not ${unknown.join(', ') || '""'}`,
    )
  }
  return scopes
}

export async function login(
  runtime: Runtime,
  options: { server?: string | undefined; noBrowser: boolean; scope?: string | undefined },
): Promise<ExitCode> {
  const { out, env } = runtime
  const store = credentialStore(runtime)
  const server = chosenServer(
    runtime,
    { flag: options.server },
    (await store.read()).default_server,
  )
  if (!server) {
    throw usageError('name the server: tokencraft login --server https://tokens.example.com')
  }
  const scopes = requestedScopes(options.scope)
  const metadata = await discover(server)
  const resource = restApiResource(server)
  const pkce = createPkce()
  const state = randomState()
  const loopback = await startLoopback({ state, issuer: metadata.issuer })
  let answer: TokenAnswer
  try {
    const url = authorizationUrl(metadata, {
      clientId: CLI_CLIENT_ID,
      redirectUri: loopback.redirectUri,
      scopes,
      state,
      codeChallenge: pkce.challenge,
      resource,
    })
    out.note(`Sign in to ${server} in your browser:\n\n  ${url}\n`)
    // CI has no one at a browser (and TOKENCRAFT_TOKEN instead of a sign-in)
    if (!options.noBrowser && !env.CI && !(await openBrowser(url, env))) {
      out.note('Could not open a browser: open the address above yourself.')
    }
    out.note('Waiting for the browser (Ctrl+C cancels)…')
    const code = await loopback.code(LOGIN_TIMEOUT_MS)
    answer = await requestTokens(server, metadata.token_endpoint, {
      grant_type: 'authorization_code',
      code,
      redirect_uri: loopback.redirectUri,
      client_id: CLI_CLIENT_ID,
      code_verifier: pkce.verifier,
      resource,
    })
  } finally {
    loopback.close()
  }
  const signIn = signInFromAnswer(
    {
      issuer: metadata.issuer,
      token_endpoint: metadata.token_endpoint,
      revocation_endpoint: metadata.revocation_endpoint,
      client_id: CLI_CLIENT_ID,
      resource,
      scope: scopes.join(' '),
    },
    answer,
    Date.now(),
  )
  await store.save(server, signIn, true)
  out.line(`Signed in to ${server} (${signIn.scope}); stored in ${store.path}`)
  if (env.TOKENCRAFT_TOKEN) {
    out.note('Note: TOKENCRAFT_TOKEN is set, and commands use it instead of this sign-in.')
  }
  out.result({ server, scope: signIn.scope, credentials: store.path })
  return EXIT.ok
}
