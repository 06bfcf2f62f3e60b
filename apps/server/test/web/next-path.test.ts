import { describe, expect, it } from 'vitest'
import { localNextPath } from '../../src/web/next-path.ts'

describe('next after log-in stays on this site', () => {
  it.each([
    ['/settings/api', '/settings/api'],
    ['/mcp/authorize?request=abc#x', '/mcp/authorize?request=abc#x'],
    ['/a/../b', '/b'],
    ['/a//b', '/a//b'],
    ['/%2F%2Fevil.example', '/%2F%2Fevil.example'],
  ])('keeps the local path %s', (next, expected) => {
    expect(localNextPath(next)).toBe(expected)
  })

  it.each([
    'https://evil.example/',
    '//evil.example/',
    '/\\evil.example/',
    '\\\\evil.example',
    '/\t/evil.example',
    'javascript:alert(1)',
    'settings/api',
    '',
    undefined,
    ['/a', '/b'],
    // dot segments that normalize to a scheme-relative `//host`
    '/.//evil.example/x',
    '/..//evil.example/x',
    '/%2e//evil.example/x',
    '/%2E%2E//evil.example/x',
    '/.%2e//evil.example/x',
    '/a/..//evil.example/x',
    '/./\\evil.example/x',
    '/%2e/\\evil.example/x',
  ])('refuses %j', (next) => {
    expect(localNextPath(next)).toBe('/')
  })
})
