import { describe, expect, it } from 'vitest'
import { preparedStatementNames } from '../../src/db/database.ts'

describe('preparedStatementNames', () => {
  it('names a statement from its second run on, always with the same name', () => {
    const nameOf = preparedStatementNames()
    const query = { sql: 'SELECT 1' }
    expect(nameOf(query)).toBe('') // once: unnamed, PostgreSQL forgets it
    const name = nameOf(query)
    expect(name).not.toBe('')
    expect(nameOf({ sql: 'SELECT 1' })).toBe(name)
    nameOf({ sql: 'SELECT 2' })
    expect(nameOf({ sql: 'SELECT 2' })).not.toBe(name)
  })

  it('names at most `max` statements, so endless query shapes stay unnamed', () => {
    const nameOf = preparedStatementNames(2)
    const names = new Set<string>()
    for (let i = 0; i < 10; i++) {
      for (const _ of [1, 2]) names.add(nameOf({ sql: `SELECT ${i}` }))
    }
    names.delete('')
    expect(names.size).toBe(2)
  })
})
