import { describe, expect, it } from 'vitest'
import { onePerAuthorization } from '../../src/auth/api-tokens.ts'

const at = (minute: number) => new Date(Date.UTC(2026, 10, 26, 12, minute))
const row = (id: string, grantId: string | null, minute: number, lastUsed: number | null) => ({
  id,
  kind: grantId ? ('oauth' as const) : ('manual' as const),
  name: grantId ? 'MCP OAuth — Agent' : 'CI',
  hint: id,
  scopes: ['read:tokens'],
  createdAt: at(minute),
  lastUsedAt: lastUsed === null ? null : at(lastUsed),
  expiresAt: at(minute + 100),
  grantId,
})

describe('API Settings entries: one per authorization', () => {
  it('folds a family (newest first) into its newest token, with the family dates', () => {
    const entries = onePerAuthorization([
      row('c', 'g1', 30, null),
      row('m', null, 20, 25),
      row('b', 'g1', 10, 29),
      row('a', 'g1', 0, 5),
      row('x', 'g2', 0, null),
    ])
    expect(entries.map((entry) => entry.id)).toEqual(['c', 'm', 'x'])
    expect(entries[0]).toMatchObject({ createdAt: at(0), lastUsedAt: at(29), expiresAt: at(130) })
    expect(entries[0]).not.toHaveProperty('grantId')
  })
})
