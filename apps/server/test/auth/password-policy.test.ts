import { describe, expect, it } from 'vitest'
import { commonPasswords, passwordProblem } from '../../src/auth/password-policy.ts'

const context = { email: 'ada@example.com' }

describe('new passwords', () => {
  it('ships the 10,000 most common passwords of 8 characters or more', () => {
    const list = commonPasswords()
    expect(list.size).toBe(10_000)
    expect([...list].every((password) => password.length >= 8)).toBe(true)
    // the head of the list, most common first
    expect([...list].slice(0, 3)).toEqual(['password', '12345678', '123456789'])
  })

  it('keeps the length rule: 8 to 1024 characters', () => {
    expect(passwordProblem('seven c', context)).toMatch(/8 to 1024 characters/)
    expect(passwordProblem('x'.repeat(1025), context)).toMatch(/8 to 1024 characters/)
    expect(passwordProblem('eight ch', context)).toBeUndefined()
  })

  it.each([
    'password',
    'PASSWORD',
    'Password1',
    'baseball',
    'trustno1',
    '1qaz2wsx',
    'ｐａｓｓｗｏｒｄ',
  ])('refuses the common password %j, whatever its case or width', (password) => {
    expect(passwordProblem(password, context)).toMatch(/most common passwords/)
  })

  it.each(['ada@example.com', 'ADA@EXAMPLE.COM', 'tokencraft', 'Tokencraft2026!'])(
    'refuses %j, guessable from the email or the site',
    (password) => {
      expect(passwordProblem(password, context)).toMatch(/too easy to guess/)
    },
  )

  it('accepts a passphrase', () => {
    expect(passwordProblem('correct horse battery staple', context)).toBeUndefined()
  })
})
