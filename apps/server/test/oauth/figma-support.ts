/**
 * The Figma plugin's side of the polling bridge, as the plugin sends it: start a sign-in, build
 * its authorization request, poll with the poll secret, exchange the code. Through the real server.
 */
import { type CookieJar, consent, pkcePair, tokenRequest } from './support.ts'

export type Started = { state: string; poll_secret: string; user_code: string; expires_in: number }

export async function startSignIn(baseUrl: string): Promise<Started> {
  const response = await fetch(`${baseUrl}/api/oauth/figma-plugin/start`, {
    method: 'POST',
    headers: { Origin: 'null' },
  })
  if (response.status !== 200) throw new Error(`start answered ${response.status}`)
  return (await response.json()) as Started
}

export type Poll = { status: number; body: Record<string, unknown> }

/** The plugin's poll: a form with the state and the poll secret (and `wait` seconds). */
export async function poll(
  baseUrl: string,
  fields: { state: string; poll_secret?: string; wait?: number },
): Promise<Poll> {
  const body = new URLSearchParams({ state: fields.state })
  if (fields.poll_secret !== undefined) body.set('poll_secret', fields.poll_secret)
  if (fields.wait !== undefined) body.set('wait', String(fields.wait))
  const response = await fetch(`${baseUrl}/api/oauth/figma-plugin/poll`, {
    method: 'POST',
    headers: { Origin: 'null', 'Content-Type': 'application/x-www-form-urlencoded' },
    body,
  })
  return { status: response.status, body: (await response.json()) as Record<string, unknown> }
}

/** The authorization request parameters the plugin opens the browser with. */
export function figmaAuthorizationParams(baseUrl: string, state: string, challenge: string) {
  return {
    client_id: 'figma-plugin-v1',
    redirect_uri: `${baseUrl}/mcp/figma-callback`,
    response_type: 'code',
    scope: 'read:tokens write:tokens',
    state,
    code_challenge: challenge,
    code_challenge_method: 'S256',
  }
}

/**
 * A sign-in as the plugin runs it: started, then `answer` plays the browser's part: the consent
 * (typing `typedCode`, the plugin's code unless told otherwise) and the landing on the callback
 * page, on `callbackBase`'s server.
 */
export async function pluginSignIn(server: { url: string }, jar: CookieJar) {
  const started = await startSignIn(server.url)
  const pkce = pkcePair()
  const params = figmaAuthorizationParams(server.url, started.state, pkce.challenge)
  const answer = async (
    decision: 'approve' | 'deny',
    { callbackBase = server.url, typedCode = started.user_code } = {},
  ) => {
    const back = await consent(server.url, jar, params, decision, { user_code: typedCode })
    if (back.pathname !== '/mcp/figma-callback') throw new Error(`landed on ${back.href}`)
    const page = await fetch(`${callbackBase}${back.pathname}${back.search}`)
    return { status: page.status, html: await page.text() }
  }
  return { started, pkce, params, answer }
}

export const exchange = (baseUrl: string, code: string, verifier: string) =>
  tokenRequest(baseUrl, {
    grant_type: 'authorization_code',
    code,
    redirect_uri: `${baseUrl}/mcp/figma-callback`,
    client_id: 'figma-plugin-v1',
    code_verifier: verifier,
  })
