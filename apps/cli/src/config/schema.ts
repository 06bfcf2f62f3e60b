/**
 * `tokencraft.config.json`: which tokensets and modes `tokencraft pull` exports, in which formats,
 * into which files. The checked-in JSON Schema (tokencraft.config.schema.json) is generated from
 * this one (`npm run schema -w @tokencraft/cli`), and a test keeps the two equal.
 */
import { normalize } from 'node:path'
import { exportFormatSchema } from '@tokencraft/shared'
import { z } from 'zod'

export const CONFIG_FILE = 'tokencraft.config.json'

const reference = z.string().min(1)

const outputSchema = z
  .object({
    format: exportFormatSchema.describe('css, ios (Swift), android (resource XML) or json (DTCG)'),
    mode: reference
      .optional()
      .describe(
        'a mode of the tokenset, by name or id; without it, one file with every mode (CSS: the default mode in :root, the others under [data-theme])',
      ),
    file: z
      .string()
      .min(1)
      .describe('where the export is written, relative to this file (folders are created)'),
  })
  .strict()

const tokensetSchema = z
  .object({
    tokenset: reference.describe('the tokenset, by name or id (tokencraft ls shows both)'),
    workspace: reference
      .optional()
      .describe('its workspace, by name or id: needed only when several have a tokenset so named'),
    outputs: z.array(outputSchema).min(1).describe('the files made from this tokenset'),
  })
  .strict()

export const configSchema = z
  .object({
    $schema: z.string().optional().describe('the JSON Schema of this file, for editors'),
    server: z
      .string()
      .optional()
      .describe(
        'the Tokencraft server, e.g. https://tokens.example.com (--server and TOKENCRAFT_URL take precedence)',
      ),
    tokensets: z.array(tokensetSchema).min(1),
  })
  .strict()
  .superRefine((config, ctx) => {
    // two outputs writing one file would overwrite each other on every pull
    const seen = new Map<string, string>()
    config.tokensets.forEach((entry, i) => {
      entry.outputs.forEach((output, j) => {
        const file = normalize(output.file)
        const first = seen.get(file)
        if (first) {
          ctx.addIssue({
            code: 'custom',
            path: ['tokensets', i, 'outputs', j, 'file'],
            message: `${output.file} is written by ${first} already`,
          })
        } else {
          seen.set(file, `tokensets[${i}].outputs[${j}]`)
        }
      })
    })
  })
  .describe('What tokencraft pull exports, and where it writes it')

export type Config = z.infer<typeof configSchema>

/** The JSON Schema of the config file, as checked in (a generated file: Biome leaves it alone). */
export function configJsonSchemaText(): string {
  return `${JSON.stringify(z.toJSONSchema(configSchema, { io: 'input' }), null, 2)}\n`
}
