import { describe, expect, it } from 'vitest'
import { checkClientMetadataDocument } from '../../src/oauth/client-metadata/document.ts'

const url = 'https://app.example.com/oauth/client.json'
const valid = {
  client_id: url,
  client_name: 'Example Agent',
  redirect_uris: ['https://app.example.com/callback', 'http://127.0.0.1/callback'],
  grant_types: ['authorization_code', 'refresh_token'],
  response_types: ['code'],
  token_endpoint_auth_method: 'none',
}
const anyRedirect = () => undefined

function problemOf(body: unknown, redirectRule: (uri: string) => string | undefined = anyRedirect) {
  const check = checkClientMetadataDocument(url, body, redirectRule)
  return check.ok ? undefined : check.problem
}

describe('client metadata document rules (draft §4, §8.1)', () => {
  it('accepts a valid document and keeps what this server offers', () => {
    const check = checkClientMetadataDocument(
      url,
      { ...valid, grant_types: ['authorization_code', 'refresh_token', 'client_credentials'] },
      anyRedirect,
    )
    expect(check).toMatchObject({
      ok: true,
      document: {
        clientId: url,
        clientName: 'Example Agent',
        redirectUris: valid.redirect_uris,
        grantTypes: ['authorization_code', 'refresh_token'],
      },
    })
  })

  it('defaults to the authorization_code grant alone and names the client by its host', () => {
    const check = checkClientMetadataDocument(
      url,
      { client_id: url, redirect_uris: ['https://app.example.com/cb'] },
      anyRedirect,
    )
    expect(check).toMatchObject({
      ok: true,
      document: { grantTypes: ['authorization_code'], clientName: 'app.example.com' },
    })
  })

  it('refuses a document whose client_id is not exactly its URL', () => {
    expect(
      problemOf({ ...valid, client_id: 'https://other.example.com/oauth/client.json' }),
    ).toMatch(/client_id/)
    expect(problemOf({ ...valid, client_id: `${url}/` })).toMatch(/client_id/)
    expect(problemOf({ ...valid, client_id: 'https://APP.example.com/oauth/client.json' })).toMatch(
      /client_id/,
    )
    const { client_id: _, ...withoutId } = valid
    expect(problemOf(withoutId)).toMatch(/client_id/)
  })

  it('refuses a client secret and shared-secret authentication', () => {
    expect(problemOf({ ...valid, client_secret: 's3cret' })).toMatch(/client_secret/)
    expect(problemOf({ ...valid, client_secret_expires_at: 0 })).toMatch(/client_secret/)
    for (const method of ['client_secret_post', 'client_secret_basic', 'client_secret_jwt']) {
      expect(problemOf({ ...valid, token_endpoint_auth_method: method })).toMatch(/shared-secret/)
    }
  })

  it('refuses private_key_jwt, which this server does not support', () => {
    expect(problemOf({ ...valid, token_endpoint_auth_method: 'private_key_jwt' })).toMatch(
      /not supported/,
    )
  })

  it('requires redirect_uris and applies the registration rule to each', () => {
    expect(problemOf({ ...valid, redirect_uris: [] })).toMatch(/redirect_uris/)
    expect(problemOf({ ...valid, redirect_uris: 'https://app.example.com/cb' })).toMatch(
      /redirect_uris/,
    )
    expect(problemOf({ ...valid, redirect_uris: [42] })).toMatch(/redirect_uris/)
    const noJavascript = (uri: string) =>
      uri.startsWith('javascript:') ? 'javascript: is refused' : undefined
    expect(
      problemOf(
        { ...valid, redirect_uris: ['https://ok.example/cb', 'javascript:alert(1)'] },
        noJavascript,
      ),
    ).toBe('redirect_uris: javascript: is refused')
  })

  it('requires the authorization_code grant and the code response type', () => {
    expect(problemOf({ ...valid, grant_types: ['client_credentials'] })).toMatch(
      /authorization_code/,
    )
    expect(problemOf({ ...valid, grant_types: 'authorization_code' })).toMatch(/authorization_code/)
    expect(problemOf({ ...valid, response_types: ['token'] })).toMatch(/response type/)
  })

  it('refuses what is not a JSON object, and a client_name that is not a string', () => {
    for (const body of [null, [], 'x', 3]) expect(problemOf(body)).toMatch(/JSON object/)
    expect(problemOf({ ...valid, client_name: { en: 'x' } })).toMatch(/client_name/)
  })

  it('cleans the client name it will show', () => {
    const check = checkClientMetadataDocument(
      url,
      { ...valid, client_name: `  Evil\u0000\n  Agent ${'x'.repeat(200)}` },
      anyRedirect,
    )
    expect(check.ok && check.document.clientName.startsWith('Evil Agent x')).toBe(true)
    expect(check.ok && check.document.clientName.length).toBe(100)
  })
})
