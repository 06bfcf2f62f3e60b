import { describe, expect, it } from 'vitest'
import type { McpModule } from '../../src/mcp/module.ts'
import { scopeChallenge } from '../../src/mcp/server.ts'

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
  it('names the scope the call needs when the token lacks it, and nothing when it has it', () => {
    expect(scopeChallenge([module], call('write_thing'), ['read:tokens'])).toEqual(['write:tokens'])
    expect(scopeChallenge([module], call('write_thing'), ['read:tokens', 'write:tokens'])).toEqual(
      [],
    )
  })
  it('names every scope a batch needs, granted ones too, in scope order', () => {
    const batch = [call('export_thing'), call('write_thing'), call('read_thing')]
    expect(scopeChallenge([module], batch, ['write:tokens'])).toEqual([
      'write:tokens',
      'export:tokens',
    ])
    expect(scopeChallenge([module], batch, ['write:tokens', 'export:tokens'])).toEqual([])
  })
  it('lets requests that need no scope through, and ignores what is not a request', () => {
    expect(scopeChallenge([module], { jsonrpc: '2.0', id: 1, method: 'initialize' }, [])).toEqual(
      [],
    )
    expect(scopeChallenge([module], null, [])).toEqual([])
    expect(scopeChallenge([module], 'not json-rpc', [])).toEqual([])
  })
})
