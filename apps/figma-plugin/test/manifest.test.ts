import { afterEach, describe, expect, it } from 'vitest'
import overrideManifest from '../build-figma-plugin.manifest.js'

describe('manifest networkAccess', () => {
  const saved = process.env.TOKENCRAFT_URL
  afterEach(() => {
    if (saved === undefined) delete process.env.TOKENCRAFT_URL
    else process.env.TOKENCRAFT_URL = saved
  })

  it('names the local server by default', () => {
    delete process.env.TOKENCRAFT_URL
    expect(overrideManifest({ name: 'Tokencraft' }).networkAccess).toEqual({
      allowedDomains: ['http://localhost:3000'],
      devAllowedDomains: ['http://localhost:3000'],
      reasoning: 'The plugin signs in to and syncs tokens with this Tokencraft server.',
    })
  })

  it('names the server given in TOKENCRAFT_URL at build time', () => {
    process.env.TOKENCRAFT_URL = 'https://tokens.example.com/'
    expect(overrideManifest({ name: 'Tokencraft' }).networkAccess.allowedDomains).toEqual([
      'https://tokens.example.com',
    ])
  })
})
