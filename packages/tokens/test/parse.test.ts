import { describe, expect, it } from 'vitest'
import {
  type FlatToken,
  formatTokenError,
  importJson,
  parseDocument,
  resolveTokens,
  validateTokens,
  validateTokenValue,
} from '../src/index.ts'
import { INVALID, px, srgb, VALID } from './support/examples.ts'

const ok = (document: unknown) => {
  const result = parseDocument(document)
  if (!result.ok) throw new Error(result.errors.map(formatTokenError).join('\n'))
  return result.value
}
const errorsOf = (document: unknown) => {
  const result = parseDocument(document)
  if (result.ok) throw new Error('expected the document to be refused')
  return result.errors.map(formatTokenError)
}

describe('values of every type', () => {
  it.each(Object.entries(VALID))('accepts %s', (_, { type, value }) => {
    expect(validateTokenValue(type, value)).toEqual([])
    const [token] = ok({ t: { $type: type, $value: value } })
    expect(token).toEqual({ name: 't', type, values: { Base: value } })
  })

  it.each(Object.entries(INVALID))('refuses %s, naming the token', (_, { type, value, error }) => {
    const errors = errorsOf({ group: { bad: { $type: type, $value: value } } })
    expect(errors.join('\n')).toContain(error)
    expect(errors[0]).toMatch(/^group\.bad /)
    expect(validateTokenValue(type, value).length).toBeGreaterThan(0)
  })
})

describe('groups and token properties', () => {
  it('inherits $type from the nearest group and never guesses it', () => {
    const tokens = ok({
      color: { $type: 'color', brand: { primary: { $value: srgb(1, 0, 0) } } },
      size: { $type: 'dimension', small: { $value: px(4), $type: 'fontSize' } },
    })
    expect(tokens.map((t) => [t.name, t.type])).toEqual([
      ['color.brand.primary', 'color'],
      ['size.small', 'fontSize'],
    ])
    expect(errorsOf({ n: { $value: 1 } })[0]).toBe(
      'n: has no $type: set $type on the token or on a parent group (a type is never guessed from the value)',
    )
  })

  it('gives an untyped alias the type of what it points to', () => {
    const tokens = ok({
      a: { $type: 'number', $value: 1 },
      b: { $value: '{a}' },
      c: { $value: '{b}' },
    })
    expect(tokens.map((t) => t.type)).toEqual(['number', 'number', 'number'])
  })

  it('keeps $description, $deprecated and unknown $extensions as given', () => {
    const extensions = { 'com.example.tool': { id: 7, nested: [1, { x: null }] } }
    const [token] = ok({
      t: {
        $type: 'number',
        $value: 1,
        $description: 'Why',
        $deprecated: 'Use u',
        $extensions: extensions,
      },
    })
    expect(token).toEqual({
      name: 't',
      type: 'number',
      description: 'Why',
      deprecated: 'Use u',
      extensions,
      values: { Base: 1 },
    })
  })

  it('passes a group $deprecated down to its tokens', () => {
    const tokens = ok({ old: { $deprecated: true, $type: 'number', a: { $value: 1 } } })
    expect(tokens[0]?.deprecated).toBe(true)
  })

  it('reads $root as the group’s own token, referenced as {group.$root} or {group}', () => {
    const tokens = ok({
      accent: {
        $type: 'color',
        $root: { $value: srgb(0, 0, 1) },
        light: { $value: srgb(0.5, 0.5, 1) },
      },
      a: { $type: 'color', $value: '{accent.$root}' },
      b: { $type: 'color', $value: '{accent}' },
    })
    expect(tokens.map((t) => t.name)).toEqual(['accent', 'accent.light', 'a', 'b'])
    const resolved = resolveTokens(tokens, 'Base')
    expect(resolved.ok && resolved.value.get('a')?.value).toEqual(srgb(0, 0, 1))
    expect(resolved.ok && resolved.value.get('b')?.aliasChain).toEqual(['accent'])
  })

  it('applies group $extends with the extending group winning', () => {
    const tokens = ok({
      base: { $type: 'number', x: { $value: 1 }, y: { $value: 2 }, deep: { z: { $value: 3 } } },
      derived: {
        $extends: '{base}',
        y: { $value: 20 },
        deep: { w: { $type: 'number', $value: 4 } },
      },
      pointer: { $extends: '#/base', x: { $value: 10 } },
    })
    const values = Object.fromEntries(tokens.map((t) => [t.name, t.values.Base]))
    expect(values).toMatchObject({
      'derived.x': 1,
      'derived.y': 20,
      'derived.deep.z': 3,
      'derived.deep.w': 4,
      'pointer.x': 10,
      'pointer.y': 2,
    })
  })

  it('refuses circular or dangling $extends', () => {
    expect(errorsOf({ a: { $extends: '{b}' }, b: { $extends: '{a}' } }).join()).toContain(
      'circular $extends',
    )
    expect(errorsOf({ a: { $extends: '{nope}' } })[0]).toBe(
      'a: $extends "{nope}" does not name a group',
    )
  })

  it('checks names: no ".", "{", "}" and no leading "$"', () => {
    expect(errorsOf({ 'a.b': { $type: 'number', $value: 1 } })[0]).toContain('invalid name')
    expect(errorsOf({ g: { 'x{': { $type: 'number', $value: 1 } } })[0]).toMatch(
      /^g\.x\{: invalid name/,
    )
    expect(errorsOf({ $foo: { $type: 'number', $value: 1 } })[0]).toContain(
      'unknown group property $foo',
    )
  })

  it('refuses unknown properties, wrong property types and tokens inside tokens', () => {
    expect(errorsOf({ t: { $type: 'number', $value: 1, $foo: 1 } })[0]).toBe(
      't: unknown token property $foo',
    )
    expect(errorsOf({ t: { $type: 'number', $value: 1, $description: 3 } })[0]).toBe(
      't: $description must be a string',
    )
    expect(errorsOf({ t: { $type: 'nope', $value: 1 } })[0]).toBe('t: unknown $type "nope"')
    expect(errorsOf({ t: { $type: 'number', $value: 1, child: { $value: 2 } } })[0]).toContain(
      'use a group with $root',
    )
    expect(errorsOf('{not json')[0]).toContain('not valid JSON')
  })

  it('refuses hostile documents with errors rather than exceptions', () => {
    let deep: Record<string, unknown> = { t: { $type: 'number', $value: 1 } }
    for (let i = 0; i < 5000; i++) deep = { g: deep }
    expect(errorsOf(deep)[0]).toContain('groups are nested more than 64 deep')
    let value: unknown = 1
    for (let i = 0; i < 100_000; i++) value = [value]
    expect(errorsOf({ t: { $type: 'number', $value: value } })[0]).toContain('must be a number')
    const proto = JSON.parse('{"__proto__": {"x": {"$type": "number", "$value": 1}}}')
    expect(errorsOf(proto)[0]).toBe('__proto__: invalid name: "__proto__" is reserved')
    const modes = importJson('{"$modes": {"__proto__": {}}}')
    expect(modes.ok === false && modes.errors[0]?.message).toBe(
      'the mode name "__proto__" is reserved',
    )
  })

  it('never half-loads: one bad token refuses the whole document, listing every error', () => {
    const result = parseDocument({
      good: { $type: 'number', $value: 1 },
      bad1: { $type: 'number', $value: 'x' },
      bad2: { $type: 'dimension', $value: { value: 1, unit: 'em' } },
    })
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.errors.map((e) => e.token)).toEqual(['bad1', 'bad2'])
  })
})

describe('references', () => {
  it('resolves aliases inside composite values', () => {
    const tokens = ok({
      c: { $type: 'color', $value: srgb(1, 0, 0) },
      w: { $type: 'dimension', $value: px(2) },
      b: { $type: 'border', $value: { color: '{c}', width: '{w}', style: 'solid' } },
    })
    const resolved = resolveTokens(tokens, 'Base')
    expect(resolved.ok && resolved.value.get('b')?.value).toEqual({
      color: srgb(1, 0, 0),
      width: px(2),
      style: 'solid',
    })
  })

  it('resolves JSON Pointer $ref, whole values becoming aliases and parts kept', () => {
    const tokens = ok({
      blue: { $type: 'color', $value: srgb(0, 0.4, 0.8) },
      same: { $type: 'color', $value: { $ref: '#/blue/$value' } },
      part: {
        $type: 'color',
        $value: { colorSpace: 'srgb', components: [{ $ref: '#/blue/$value/components/2' }, 0, 0] },
      },
    })
    expect(tokens[1]?.values.Base).toBe('{blue}')
    const resolved = resolveTokens(tokens, 'Base')
    expect(resolved.ok && resolved.value.get('part')?.value).toEqual(srgb(0.8, 0, 0))
    expect(errorsOf({ a: { $type: 'number', $value: { $ref: '#/zz/$value' } } })[0]).toBe(
      'a (mode Base): references {zz}, which does not exist',
    )
  })

  it('refuses dangling aliases, cycles and aliases to the wrong type', () => {
    expect(errorsOf({ a: { $type: 'number', $value: '{b}' } })).toEqual([
      'a (mode Base): references {b}, which does not exist',
    ])
    expect(
      errorsOf({
        n: {
          $type: 'number',
          a: { $value: '{n.b}' },
          b: { $value: '{n.c}' },
          c: { $value: '{n.a}' },
        },
      }),
    ).toEqual(['n.c (mode Base): alias cycle: n.a → n.b → n.c → n.a'])
    expect(
      errorsOf({
        c: { $type: 'color', $value: srgb(0, 0, 0) },
        d: { $type: 'border', $value: { color: srgb(0, 0, 0), width: '{c}', style: 'solid' } },
      }),
    ).toEqual([
      'd (mode Base) at width: references {c} of type color where a dimension is expected',
    ])
  })

  it('accepts aliases between the dimension-like types', () => {
    ok({ d: { $type: 'dimension', $value: px(16) }, f: { $type: 'fontSize', $value: '{d}' } })
  })
})

describe('the flat model', () => {
  const token = (name: string, values: FlatToken['values']): FlatToken => ({
    name,
    type: 'number',
    values,
  })

  it('validates a set of tokens across modes with the default mode standing in', () => {
    const tokens = [token('a', { light: 1, dark: 2 }), token('b', { light: '{a}' })]
    expect(validateTokens(tokens, { modes: ['light', 'dark'], defaultMode: 'light' })).toEqual([])
    const dark = resolveTokens(tokens, 'dark', { fallbackMode: 'light' })
    expect(dark.ok && dark.value.get('b')).toMatchObject({ value: 2, aliasChain: ['a'] })
    expect(validateTokens(tokens, { modes: ['light', 'dark'] })).toEqual([
      { token: 'b', mode: 'dark', message: 'has no value in mode "dark"' },
    ])
  })

  it('reports duplicate names, unknown modes and invalid names', () => {
    const errors = validateTokens(
      [token('a', { x: 1 }), token('a', { x: 1 }), token('b..c', { x: 1 }), token('d', { y: 1 })],
      { modes: ['x'] },
    )
    expect(errors.map(formatTokenError)).toEqual([
      'a: the name is used by more than one token',
      'b..c: invalid name: "b..c" has an empty segment',
      'd (mode y): mode "y" does not exist',
    ])
  })

  it('resolves a long alias chain without recursion trouble and reports the whole chain', () => {
    const chain = Array.from({ length: 2000 }, (_, i) =>
      token(`t${i}`, { m: i === 1999 ? 7 : `{t${i + 1}}` }),
    )
    const resolved = resolveTokens(chain, 'm')
    expect(resolved.ok && resolved.value.get('t0')?.value).toBe(7)
    expect(resolved.ok && resolved.value.get('t0')?.aliasChain.length).toBe(1999)
  })
})
