/** @terrazzo/parser as an independent judge of DTCG 2025.10 documents (recommended rules). */
import { defineConfig, Logger, parse, RECOMMENDED_CONFIG } from '@terrazzo/parser'

const config = defineConfig(
  { lint: { rules: { ...RECOMMENDED_CONFIG, 'core/consistent-naming': 'off' } } },
  { cwd: new URL('file:///tmp/') },
)

/** The tokens Terrazzo reads from a DTCG document; throws when the document is not valid. */
export async function terrazzoTokens(document: string) {
  const { tokens } = await parse(
    [{ filename: new URL('file:///tmp/tokens.json'), src: document }],
    {
      config,
      logger: new Logger({ level: 'silent' }),
    },
  )
  return tokens
}
