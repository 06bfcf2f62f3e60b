import { describe, expect, it } from 'vitest'
import {
  checkClientIdUrl,
  isClientIdUrl,
  vouchingHost,
} from '../../src/oauth/client-metadata/client-id-url.ts'

describe('client_id URLs (draft-ietf-oauth-client-id-metadata-document §3)', () => {
  it('accepts an https URL with a path, a port and a query', () => {
    for (const value of [
      'https://claude.ai/oauth/mcp-oauth-client-metadata',
      'https://example.com:8443/client.json',
      'https://example.com/client.json?v=2',
    ]) {
      const check = checkClientIdUrl(value)
      expect(check.ok, value).toBe(true)
    }
  })

  it.each([
    ['http://example.com/client.json', 'https scheme'],
    ['HTTPS://example.com/client.json', 'https scheme'],
    ['https://example.com', 'path'],
    ['https://example.com/', 'path'],
    ['https://example.com?x=1', 'path'],
    ['https://example.com/client.json#frag', 'fragment'],
    ['https://user:pass@example.com/client.json', 'username or password'],
    ['https://user@example.com/client.json', 'username or password'],
    ['https://example.com/a/../client.json', '".."'],
    ['https://example.com/./client.json', '"."'],
    ['https://example.com/a/%2e%2E/client.json', '".."'],
    ['https://example.com/a/.%2e', '".."'],
    ['https://exa mple.com/client.json', 'spaces'],
    ['https://example.com\\@evil.com/x', 'backslashes'],
    [`https://example.com/${'a'.repeat(2100)}`, 'too long'],
  ])('refuses %s', (value, problem) => {
    const check = checkClientIdUrl(value)
    expect(check.ok).toBe(false)
    if (!check.ok) expect(check.problem).toContain(problem)
  })

  it('keeps dotted names that are not dot segments', () => {
    expect(checkClientIdUrl('https://example.com/.well-known/client.json').ok).toBe(true)
    expect(checkClientIdUrl('https://example.com/a/...').ok).toBe(true)
  })

  it('tells document URLs from registered ids', () => {
    expect(isClientIdUrl('https://example.com/c')).toBe(true)
    expect(isClientIdUrl('HTTPS://example.com/c')).toBe(true)
    expect(isClientIdUrl('figma-plugin-v1')).toBe(false)
    expect(isClientIdUrl('http://example.com/c')).toBe(false)
  })

  it('names the host (and port) that vouches for the client', () => {
    expect(vouchingHost('https://claude.ai/oauth/x')).toBe('claude.ai')
    expect(vouchingHost('https://127.0.0.1:8443/client.json')).toBe('127.0.0.1:8443')
  })
})
