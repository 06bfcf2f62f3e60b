import { describe, expect, it } from 'vitest'
import { authorizeUrl } from '../src/auth/client.ts'
import { base64url, createPkce, randomToken, s256Challenge } from '../src/auth/pkce.ts'

describe('PKCE and the authorization request', () => {
  it('computes the S256 challenge of RFC 7636 Appendix B', async () => {
    expect(await s256Challenge('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk')).toBe(
      'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
    )
  })

  it('encodes the octets of RFC 7636 Appendix A as unpadded base64url', () => {
    expect(base64url(new Uint8Array([3, 236, 255, 224, 193]))).toBe('A-z_4ME')
  })

  it('makes 256-bit state and verifier values that never repeat', async () => {
    const states = new Set(Array.from({ length: 100 }, () => randomToken()))
    expect(states.size).toBe(100)
    for (const state of states) expect(state).toMatch(/^[A-Za-z0-9_-]{43}$/)
    const { verifier, challenge } = await createPkce()
    expect(verifier).toMatch(/^[A-Za-z0-9_-]{43}$/) // RFC 7636 §4.1: 43–128 unreserved characters
    expect(challenge).toBe(await s256Challenge(verifier))
  })

  it('asks the advertised endpoint for the Figma client, its callback and S256', () => {
    const url = new URL(
      authorizeUrl('https://tokens.example.com/mcp/authorize', 'https://tokens.example.com', {
        state: 's',
        codeChallenge: 'c',
      }),
    )
    expect(url.origin + url.pathname).toBe('https://tokens.example.com/mcp/authorize')
    expect(Object.fromEntries(url.searchParams)).toEqual({
      client_id: 'figma-plugin-v1',
      redirect_uri: 'https://tokens.example.com/mcp/figma-callback',
      response_type: 'code',
      scope: 'read:tokens write:tokens',
      state: 's',
      code_challenge: 'c',
      code_challenge_method: 'S256',
    })
  })
})
