import type * as Crypto from 'node:crypto'
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { checkPassword, hashPassword, verifyPassword } from '../../src/auth/password.ts'
import { startTestServer, type TestServer } from '../support/server.ts'
import { signedUp, webClient } from './web-client.ts'

/**
 * Every scrypt derivation the code under test runs, with its cost parameters: node:crypto's own
 * scrypt does the work, this only records each call. "The same work" is then countable instead
 * of timed (timings on a shared machine say nothing).
 */
const derivations = vi.hoisted(() => [] as { N?: number; r?: number; p?: number }[])
vi.mock('node:crypto', async (importOriginal) => {
  const crypto = await importOriginal<typeof Crypto>()
  const scrypt = (...args: Parameters<typeof crypto.scrypt>) => {
    const options = args.length === 5 ? (args[3] as Crypto.ScryptOptions) : {}
    derivations.push({ N: options.N, r: options.r, p: options.p })
    return crypto.scrypt(...args)
  }
  return { ...crypto, scrypt, default: { ...crypto, scrypt } }
})

beforeEach(() => {
  derivations.length = 0
})

describe('scrypt password hashes', () => {
  it('verifies the right password and refuses a wrong one', async () => {
    const stored = await hashPassword('correct horse battery staple')
    expect(stored).toMatch(/^scrypt\$32768\$8\$3\$[\w-]{22}\$[\w-]{43}$/)
    expect(await verifyPassword('correct horse battery staple', stored)).toBe(true)
    expect(await verifyPassword('correct horse battery stapler', stored)).toBe(false)
  })

  it('salts every hash', async () => {
    expect(await hashPassword('same')).not.toBe(await hashPassword('same'))
  })

  it('refuses stored strings it cannot read', async () => {
    expect(await verifyPassword('x', 'plain-text-password')).toBe(false)
    expect(await verifyPassword('x', 'scrypt$0$8$1$c2FsdA$aGFzaA')).toBe(false)
  })

  it('refuses an unknown user after one scrypt derivation at the cost a real user costs', async () => {
    const stored = await hashPassword('correct horse battery staple')
    await checkPassword('anything', undefined) // makes the throw-away hash, once per process
    derivations.length = 0

    expect(await checkPassword('anything', stored)).toBe(false)
    const known = derivations.splice(0)
    expect(await checkPassword('anything', undefined)).toBe(false)
    const unknown = derivations.splice(0)

    expect(known).toEqual([{ N: 32768, r: 8, p: 3 }])
    expect(unknown).toEqual(known)
  })
})

describe('log-in does the same work for an unknown email as for a wrong password', () => {
  let server: TestServer
  beforeAll(async () => {
    server = await startTestServer()
    await signedUp(server.url, 'someone@example.com')
  })
  afterAll(() => server?.close())

  async function derivationsOfLogin(email: string) {
    const client = webClient(server.url)
    await client.get('/login')
    derivations.length = 0
    const answer = await client.post('/login', { email, password: 'not the password' })
    expect(answer.status).toBe(401)
    return derivations.splice(0)
  }

  it('runs one full-cost scrypt for each', async () => {
    await derivationsOfLogin('warm-up@example.com') // the throw-away hash, made on first use
    const wrongPassword = await derivationsOfLogin('someone@example.com')
    const unknownEmail = await derivationsOfLogin('nobody@example.com')
    expect(wrongPassword).toEqual([{ N: 32768, r: 8, p: 3 }])
    expect(unknownEmail).toEqual(wrongPassword)
  })
})
