import { describe, expect, it } from 'vitest'
import type { McpModule } from '../../src/mcp/module.ts'
import { missingScopes } from '../../src/mcp/server.ts'

/** A module whose tools/call of `write_thing` needs write:tokens and of `export_thing` export. */
const module: McpModule = {
  capabilities: { tools: {} },
  requiredScope(method, params) {
    if (method !== 'tools/call') return undefined
    const name = (params as { name?: string }).name
    return name === 'write_thing'
      ? 'write:tokens'
      : name === 'export_thing'
        ? 'export:tokens'
        : undefined
  },
  install() {},
}
const call = (name: string) => ({ jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name } })

describe('step-up scope check before dispatch', () => {
  it('names the scopes the call needs that the token lacks', () => {
    expect(missingScopes([module], call('write_thing'), ['read:tokens'])).toEqual(['write:tokens'])
    expect(missingScopes([module], call('write_thing'), ['read:tokens', 'write:tokens'])).toEqual(
      [],
    )
  })
  it('collects every scope a batch needs, in scope order', () => {
    const batch = [call('export_thing'), call('write_thing'), call('read_thing')]
    expect(missingScopes([module], batch, ['read:tokens'])).toEqual([
      'write:tokens',
      'export:tokens',
    ])
  })
  it('lets requests that need no scope through, and ignores what is not a request', () => {
    expect(missingScopes([module], { jsonrpc: '2.0', id: 1, method: 'initialize' }, [])).toEqual([])
    expect(missingScopes([module], null, [])).toEqual([])
    expect(missingScopes([module], 'not json-rpc', [])).toEqual([])
  })
})
