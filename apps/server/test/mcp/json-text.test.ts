import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { jsonText } from '../../src/mcp/json-text.ts'

describe('jsonText', () => {
  it('writes exactly what JSON.stringify writes, at any depth', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.nat(5), fc.boolean(), (value, depth, remember) => {
        expect(jsonText(value, depth, remember)).toBe(JSON.stringify(value))
      }),
    )
  })

  it('writes long strings, kept or too long to keep, exactly as JSON.stringify', () => {
    for (const length of [5_000, 2_000_000]) {
      const text = 'say "hi"\n'.repeat(length / 10)
      expect(jsonText({ content: [{ text }] }, 3)).toBe(JSON.stringify({ content: [{ text }] }))
      expect(jsonText(text, 0)).toBe(JSON.stringify(text)) // again, from the kept text if kept
    }
  })

  it('follows JSON.stringify for undefined, functions, holes and toJSON', () => {
    const at = new Date(0)
    // biome-ignore lint/suspicious/noSparseArray: a hole is one of the cases
    const value = { a: undefined, f: () => 1, list: [undefined, , 1], at, nested: { at } }
    expect(jsonText(value, 3)).toBe(JSON.stringify(value))
    expect(jsonText(undefined, 2)).toBeUndefined()
  })

  it('reuses the text remembered for an object found below, even inside a new parent', () => {
    const tokens = [{ name: 'color.brand' }]
    const page = { tokens, next_cursor: null }
    const text = jsonText(page, 1, true)
    expect(text).toBe('{"tokens":[{"name":"color.brand"}],"next_cursor":null}')
    // the SDK validates a tool result into a copy of its top level: the values are still ours
    tokens.push({ name: 'changed after it was remembered' })
    const answer = { jsonrpc: '2.0', id: 1, result: { structuredContent: { ...page } } }
    expect(jsonText(answer, 4)).toBe(
      '{"jsonrpc":"2.0","id":1,"result":{"structuredContent":{"tokens":[{"name":"color.brand"}],"next_cursor":null}}}',
    )
    expect(jsonText(page)).toBe(text)
  })
})
