import { describe, expect, it } from 'vitest'
import { toFlatToken } from '../src/api/rest.ts'

const view = {
  id: 't1',
  name: 'colors.red',
  type: 'color',
  description: null,
  deprecated: null,
  extensions: null,
  values: { light: { colorSpace: 'srgb', components: [1, 0, 0] } },
  version: 1,
  updated_at: '2026-11-26T00:00:00.000Z',
}

describe('REST tokens in the flat model', () => {
  it('keeps name, type, values and a description only when there is one', () => {
    expect(toFlatToken(view)).toEqual({ name: 'colors.red', type: 'color', values: view.values })
    expect(toFlatToken({ ...view, description: 'Alarm' })?.description).toBe('Alarm')
  })

  it('refuses a type it does not know, so that the pull can list it', () => {
    expect(toFlatToken({ ...view, type: 'sparkle' })).toBeNull()
  })
})
