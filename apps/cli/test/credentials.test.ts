/** The stored sign-ins: owner-only on disk whatever was there before, one entry per server. */
import { chmod, mkdir, readFile, stat, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { CredentialStore } from '../src/auth/credentials.ts'
import { EXIT } from '../src/errors.ts'
import { temporaryDirectory } from './support/cli.ts'

const signIn = {
  issuer: 'https://a.example',
  token_endpoint: 'https://a.example/api/oauth/mcp/token',
  client_id: 'tokencraft-cli',
  resource: 'https://a.example/api/v1',
  access_token: 'secret',
  scope: 'read:tokens',
}

describe('CredentialStore', () => {
  let temp: Awaited<ReturnType<typeof temporaryDirectory>>
  beforeEach(async () => {
    temp = await temporaryDirectory('credentials')
  })
  afterEach(() => temp.remove())

  it('narrows a directory that was open to others to 0700 and writes the file 0600', async () => {
    const dir = join(temp.dir, 'tokencraft')
    await mkdir(dir, { mode: 0o755 })
    await chmod(dir, 0o755)
    await writeFile(join(dir, 'credentials.json'), '{"servers":{}}', { mode: 0o644 })
    await new CredentialStore(dir).save('https://a.example', signIn, true)
    expect((await stat(dir)).mode & 0o777).toBe(0o700)
    expect((await stat(join(dir, 'credentials.json'))).mode & 0o777).toBe(0o600)
  })

  it('keeps one sign-in per server; a refresh does not change the default server', async () => {
    const store = new CredentialStore(join(temp.dir, 'c'))
    await store.save('https://a.example', signIn, true)
    await store.save('https://b.example', { ...signIn, issuer: 'https://b.example' }, false)
    const both = await store.read()
    expect(both.default_server).toBe('https://a.example')
    expect(Object.keys(both.servers)).toEqual(['https://a.example', 'https://b.example'])
    expect(await store.remove('https://a.example')).toBe(true)
    expect(await store.read()).toEqual({
      servers: { 'https://b.example': { ...signIn, issuer: 'https://b.example' } },
    })
    expect(await store.remove('https://a.example')).toBe(false)
  })

  it('refuses a damaged file with a way out (exit 3)', async () => {
    const store = new CredentialStore(temp.dir)
    await writeFile(store.path, '{"servers": [')
    await expect(store.read()).rejects.toMatchObject({
      exitCode: EXIT.auth,
      message: `${store.path} is not a valid sign-in file; delete it and run tokencraft login`,
    })
    expect(await readFile(store.path, 'utf8')).toBe('{"servers": [')
  })
})
