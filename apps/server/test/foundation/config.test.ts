import { describe, expect, it } from 'vitest'
import { ConfigError, loadConfig } from '../../src/config.ts'

describe('loadConfig', () => {
  it('applies the documented defaults: port 3000, ./.data under the working directory', () => {
    expect(loadConfig({}, '/srv/app')).toEqual({
      port: 3000,
      host: '127.0.0.1',
      publicUrl: 'http://localhost:3000',
      databaseUrl: undefined,
      dataDir: '/srv/app/.data',
      redisUrl: undefined,
      logLevel: 'info',
      trustProxy: 0,
    })
  })

  it('reads every variable; PUBLIC_URL loses its trailing slash, DATA_DIR is resolved', () => {
    const config = loadConfig(
      {
        PORT: '8080',
        HOST: '0.0.0.0',
        PUBLIC_URL: 'https://tokens.example.com/',
        DATABASE_URL: 'postgresql://app:pw@db:5432/tokencraft',
        DATA_DIR: 'var/db',
        REDIS_URL: 'redis://cache:6379',
        LOG_LEVEL: 'debug',
        TRUST_PROXY: '2',
      },
      '/srv/app',
    )
    expect(config).toEqual({
      port: 8080,
      host: '0.0.0.0',
      publicUrl: 'https://tokens.example.com',
      databaseUrl: 'postgresql://app:pw@db:5432/tokencraft',
      dataDir: '/srv/app/var/db',
      redisUrl: 'redis://cache:6379',
      logLevel: 'debug',
      trustProxy: 2,
    })
  })

  it('keeps a DATABASE_URL query as given, ?pgbouncer=true included (read when connecting)', () => {
    const url = 'postgres://app:pw@pooler:6432/tokencraft?pgbouncer=true'
    expect(loadConfig({ DATABASE_URL: url }).databaseUrl).toBe(url)
  })

  it('follows PORT in the default PUBLIC_URL and treats empty values as unset', () => {
    const config = loadConfig({ PORT: '4000', DATABASE_URL: '', LOG_LEVEL: '' })
    expect(config.publicUrl).toBe('http://localhost:4000')
    expect(config.databaseUrl).toBeUndefined()
    expect(config.logLevel).toBe('info')
  })

  it.each([
    [{ PORT: 'abc' }, /^Invalid configuration: PORT must be a whole number from 0 to 65535/],
    [{ PORT: '70000' }, /^Invalid configuration: PORT /],
    [{ PORT: '-1' }, /^Invalid configuration: PORT /],
    [{ DATABASE_URL: 'mysql://db/x' }, /^Invalid configuration: DATABASE_URL must be a postgres/],
    [{ DATABASE_URL: 'not a url' }, /^Invalid configuration: DATABASE_URL /],
    [{ PUBLIC_URL: 'ftp://x' }, /^Invalid configuration: PUBLIC_URL must be an http/],
    [{ REDIS_URL: 'http://x' }, /^Invalid configuration: REDIS_URL must be a redis/],
    [{ LOG_LEVEL: 'loud' }, /^Invalid configuration: LOG_LEVEL must be one of fatal, error/],
    [{ TRUST_PROXY: 'true' }, /^Invalid configuration: TRUST_PROXY must be the number of proxies/],
  ])('rejects %o with one line naming the variable', (env, message) => {
    let error: unknown
    try {
      loadConfig(env)
    } catch (thrown) {
      error = thrown
    }
    expect(error).toBeInstanceOf(ConfigError)
    expect((error as Error).message).toMatch(message)
    expect((error as Error).message).not.toContain('\n')
  })

  it('does not repeat a password from a rejected URL', () => {
    expect(() => loadConfig({ DATABASE_URL: 'mysql://u:s3cret@db/x' })).toThrow(
      'Invalid configuration: DATABASE_URL must be a postgres:// or postgresql:// URL (got "mysql://u:***@db/x")',
    )
  })
})
