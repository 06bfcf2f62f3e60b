/**
 * /api/v1/openapi.json as tools use it: it validates as OpenAPI 3.1 (@readme/openapi-parser),
 * openapi-typescript generates TypeScript from it, a client written against those types
 * type-checks (and wrong calls do not), and that client works against the running server.
 */
import { dirname, join } from 'node:path'
import { validate } from '@readme/openapi-parser'
import openapiTS, { astToString, type OpenAPI3 } from 'openapi-typescript'
import ts from 'typescript'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { REPO_ROOT } from '../../src/db/paths.ts'
import { userKey } from '../support/fixtures.ts'
import { startTestServer, type TestServer } from '../support/server.ts'

const CLIENT_DIR = join(import.meta.dirname, 'rest-client')
/** Imported by path, so that the repository's typecheck, which lacks its generated types, skips it. */
const CLIENT = join(CLIENT_DIR, 'client.ts')

/** Calls a generated client must refuse to compile: each line marked ✗ has an error. */
const MISUSE = `import createClient from 'openapi-fetch'
import type { paths } from './api.generated.ts'

const api = createClient<paths>({ baseUrl: 'http://localhost' })
await api.POST('/workspaces', { body: { title: 'no name' } }) // ✗ no such field, name missing
await api.GET('/tokensets/{id}', { params: { path: { tokenset: 'x' } } }) // ✗ parameter is id
await api.GET('/tokensets/{id}/export', { params: { path: { id: 'x' }, query: { format: 'yaml' } } }) // ✗
await api.DELETE('/workspaces', {}) // ✗ no such operation
export const titles = (await api.GET('/workspaces')).data?.workspaces.map((w) => w.title) // ✗
`

/**
 * Type-checks client.ts and misuse.ts with the server's compiler options, the generated types and
 * misuse.ts given in memory. Returns the errors: file (in rest-client/), line (1-based), message.
 */
function typeCheck(generated: string): { file?: string; line: number; message: string }[] {
  const configFile = join(REPO_ROOT, 'apps/server/tsconfig.json')
  const { config } = ts.readConfigFile(configFile, ts.sys.readFile)
  const { options } = ts.parseJsonConfigFileContent(config, ts.sys, dirname(configFile))
  const inMemory = new Map([
    [join(CLIENT_DIR, 'api.generated.ts'), generated],
    [join(CLIENT_DIR, 'misuse.ts'), MISUSE],
  ])
  const host = ts.createCompilerHost(options)
  const { fileExists, readFile, getSourceFile } = host
  host.fileExists = (file) => inMemory.has(file) || fileExists(file)
  host.readFile = (file) => inMemory.get(file) ?? readFile(file)
  host.getSourceFile = (file, language, ...rest) => {
    const text = inMemory.get(file)
    return text === undefined
      ? getSourceFile(file, language, ...rest)
      : ts.createSourceFile(file, text, language)
  }
  const program = ts.createProgram({
    rootNames: [CLIENT, join(CLIENT_DIR, 'misuse.ts')],
    options,
    host,
  })
  return ts.getPreEmitDiagnostics(program).map((diagnostic) => ({
    file: diagnostic.file?.fileName.slice(CLIENT_DIR.length + 1),
    line: (diagnostic.file?.getLineAndCharacterOfPosition(diagnostic.start ?? 0).line ?? -2) + 1,
    message: ts.flattenDiagnosticMessageText(diagnostic.messageText, ' '),
  }))
}

describe('the OpenAPI document with real tools', { timeout: 120_000 }, () => {
  let server: TestServer
  let doc: OpenAPI3 & { servers: { url: string }[] }
  beforeAll(async () => {
    server = await startTestServer()
    doc = await (await fetch(`${server.url}/api/v1/openapi.json`)).json()
  })
  afterAll(() => server.close())

  it('validates as OpenAPI 3.1', async () => {
    // the validator dereferences what it is given
    const result = await validate(structuredClone(doc) as never)
    expect(result).toEqual({ valid: true, warnings: [], specification: 'OpenAPI' })
  })

  it('generates TypeScript that a client type-checks against, and wrong calls do not', async () => {
    const generated = astToString(await openapiTS(doc))
    const marked = MISUSE.split('\n').flatMap((line, i) => (line.includes('// ✗') ? [i + 1] : []))
    const errors = typeCheck(generated)
    expect(errors.filter((error) => error.file !== 'misuse.ts')).toEqual([])
    expect([...new Set(errors.map((error) => error.line))]).toEqual(marked)
  })

  it('the typed client works against the running server', async () => {
    const { key } = await userKey(server.prisma, 'developer@example.com')
    const url = doc.servers[0]?.url
    expect(url).toBe(`${server.url}/api/v1`)
    const { publishBrand } = await import(CLIENT)
    const result = await publishBrand(url, key)
    expect(result).toEqual({
      workspaceNames: ['Generated client'],
      created: ['color.primary'],
      tokenType: 'color',
      tokenNames: ['color.primary'],
      nextCursor: null,
      css: expect.stringContaining('--color-primary'),
    })
  })
})
