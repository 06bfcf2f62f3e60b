/** tokencraft.config.json: the zod schema, the checked-in JSON Schema generated from it, the example. */
import { readFile } from 'node:fs/promises'
import { Ajv2020 } from 'ajv/dist/2020.js'
import { describe, expect, it } from 'vitest'
import { configJsonSchemaText, configSchema } from '../src/config/schema.ts'

const read = async (path: string) =>
  JSON.parse(await readFile(new URL(path, import.meta.url), 'utf8')) as object

const output = (file: string) => ({ format: 'css', file })
const config = (...files: string[]) => ({
  tokensets: [{ tokenset: 'Brand', outputs: files.map(output) }],
})

describe('the config schema', () => {
  it('is checked in as generated (npm run schema -w @tokencraft/cli writes it)', async () => {
    const checkedIn = await readFile(new URL('../tokencraft.config.schema.json', import.meta.url))
    expect(checkedIn.toString('utf8')).toBe(configJsonSchemaText())
  })

  it('accepts the example, in zod and in a JSON Schema validator', async () => {
    const example = await read('../examples/tokencraft.config.json')
    expect(configSchema.safeParse(example).success).toBe(true)
    const validate = new Ajv2020({ strict: true }).compile(
      await read('../tokencraft.config.schema.json'),
    )
    expect(validate(example)).toBe(true)
    // and the JSON Schema refuses what zod refuses, so editors flag it too
    expect(
      validate({ tokensets: [{ tokenset: 'Brand', outputs: [{ format: 'scss', file: 'a' }] }] }),
    ).toBe(false)
    expect(validate({ tokensets: [] })).toBe(false)
    expect(validate({ ...config('a.css'), extra: true })).toBe(false)
  })

  it('refuses two outputs writing one file, however the path is written', () => {
    const result = configSchema.safeParse(config('out/a.css', 'b.css', './out/../out/a.css'))
    expect(result.success).toBe(false)
    expect(result.error?.issues).toEqual([
      expect.objectContaining({
        path: ['tokensets', 0, 'outputs', 2, 'file'],
        message: './out/../out/a.css is written by tokensets[0].outputs[0] already',
      }),
    ])
    expect(configSchema.safeParse(config('out/a.css', 'out/b.css')).success).toBe(true)
  })
})
