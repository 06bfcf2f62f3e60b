/**
 * `GET /api/v1/openapi.json`: an OpenAPI 3.1 document of REST v1 (SPEC §7), built once from
 * the same zod schemas the routes validate with, so that the document cannot drift from them.
 */
import Router from '@koa/router'
import {
  addMemberInput,
  changeMemberInput,
  createWorkspaceInput,
  deletedSchema,
  exportOutput,
  importTokensOutput,
  jsonValueSchema,
  memberSchema,
  membersOutput,
  modeSchema,
  modesOutput,
  tokenDetailOutput,
  tokenSchema,
  tokensetSchema,
  tokensetsOutput,
  tokensPageOutput,
  tokenWithChangesSchema,
  workspaceSchema,
  workspacesOutput,
} from '@tokencraft/shared'
import { EXPORT_FORMATS, IMPORT_FORMATS } from '@tokencraft/tokens'
import { z } from 'zod'
import {
  createModeBody,
  createModeTokenBody,
  createTokensetBody,
  documentBody,
  updateModeBody,
  updateModeTokenBody,
  updateTokensetBody,
  updateWorkspaceBody,
} from './bodies.ts'
import { CONTENT_TYPES } from './export-routes.ts'

const LOCAL_DEF = '#/$defs/'
const COMPONENT = '#/components/schemas/'

/** `value` with every `$ref` to a local `$defs` entry pointed at components.schemas instead. */
function refsToComponents(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(refsToComponents)
  if (value === null || typeof value !== 'object') return value
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => [
      key,
      key === '$ref' && typeof item === 'string' && item.startsWith(LOCAL_DEF)
        ? COMPONENT + item.slice(LOCAL_DEF.length)
        : refsToComponents(item),
    ]),
  )
}

/**
 * JsonValue as the unconstrained schema, which over JSON means the same as zod's recursive
 * union (string, number, boolean, null, arrays and objects of JSON values) but is no cycle:
 * code generators turn a self-referring schema into a type that refers to itself, which
 * TypeScript rejects (openapi-typescript makes `JsonValue` one, `unknown` from this).
 */
function anyJsonValue(jsonSchema: Record<string, unknown>): void {
  for (const key of Object.keys(jsonSchema)) delete jsonSchema[key]
  jsonSchema.description = 'Any JSON value'
}

/**
 * JSON Schemas of zod schemas for one document. zod puts a schema it refers to by name (a
 * recursive one, such as JsonValue) in `$defs` beside the schema, but a `$ref` in an OpenAPI
 * document resolves against the document's root: those go to `components` (components.schemas)
 * and are referred to there. Names come from ids in zod's global registry; a schema zod had to
 * name itself (`__schema0`, a different one in each conversion) would collide, so it throws.
 */
function schemaConverter() {
  const components: Record<string, unknown> = {}
  const schema = (s: z.ZodType) => {
    const { $defs, ...json } = z.toJSONSchema(s, {
      io: 'input',
      unrepresentable: 'any',
      override: ({ zodSchema, jsonSchema }) => {
        if (zodSchema === (jsonValueSchema as unknown)) anyJsonValue(jsonSchema)
      },
    })
    for (const [name, def] of Object.entries($defs ?? {})) {
      if (name.startsWith('__schema')) {
        throw new Error(`a schema refers to an unnamed one (${name}): give it an id`)
      }
      components[name] = refsToComponents(def)
    }
    return refsToComponents(json) as object
  }
  return { schema, components }
}

const errorSchema = { $ref: '#/components/schemas/Error' }

type Op = {
  summary: string
  scope: string
  body?: z.ZodType
  ok: z.ZodType | 'file'
  created?: boolean
  query?: { name: string; required: boolean; schema: object; description: string }[]
}

const ERRORS: Record<string, string> = {
  '400': 'The body or query cannot be read',
  '401': 'No token, or a bad, expired or revoked one',
  '403': 'The token lacks the scope, or the role does not allow it',
  '404': 'Not found, or a workspace you are not a member of',
  '409': 'A name in use or a stale version',
  '422': 'Invalid content (value for the type, dangling alias, cycle)',
  '429': 'Rate limit exceeded (100 requests per minute per token)',
}

function operation(op: Op, pathParams: string[], schema: (s: z.ZodType) => object) {
  const responses: Record<string, object> = {}
  if (op.ok === 'file') {
    responses['200'] = {
      description: 'The exported file itself',
      content: Object.fromEntries(
        Object.values(CONTENT_TYPES).map((type) => [
          type.split(';')[0],
          { schema: { type: 'string' } },
        ]),
      ),
    }
  } else {
    responses[op.created ? '201' : '200'] = {
      description: 'Success',
      content: { 'application/json': { schema: schema(op.ok) } },
    }
  }
  for (const [status, description] of Object.entries(ERRORS)) {
    responses[status] = { description, content: { 'application/json': { schema: errorSchema } } }
  }
  return {
    summary: op.summary,
    description: `Needs the ${op.scope} scope.`,
    security: [{ bearer: [op.scope] }],
    parameters: [
      ...pathParams.map((name) => ({
        name,
        in: 'path',
        required: true,
        schema: { type: 'string' },
      })),
      ...(op.query ?? []).map((q) => ({ ...q, in: 'query' })),
    ],
    ...(op.body
      ? {
          requestBody: {
            required: true,
            content: { 'application/json': { schema: schema(op.body) } },
          },
        }
      : {}),
    responses,
  }
}

const page = [
  {
    name: 'cursor',
    required: false,
    schema: { type: 'string' },
    description: 'next_cursor of the previous page',
  },
  {
    name: 'limit',
    required: false,
    schema: { type: 'integer', minimum: 1, maximum: 500 },
    description: 'page size; without limit and cursor the answer holds every token',
  },
  {
    name: 'name_prefix',
    required: false,
    schema: { type: 'string' },
    description: 'only names starting with this',
  },
  {
    name: 'type',
    required: false,
    schema: { type: 'string' },
    description: 'only tokens of this type',
  },
]
const documentOptions = [
  {
    name: 'format',
    required: false,
    schema: { type: 'string', enum: [...IMPORT_FORMATS] },
    description: 'how the document is written; detected when absent',
  },
  {
    name: 'token_sets',
    required: false,
    schema: { type: 'string' },
    description: 'Tokens Studio: the token sets to import, comma-separated',
  },
  {
    name: 'skip_invalid',
    required: false,
    schema: { type: 'boolean' },
    description: 'import the valid tokens and list the others as skipped',
  },
]
const format = [
  {
    name: 'format',
    required: true,
    schema: { type: 'string', enum: [...EXPORT_FORMATS] },
    description: 'export format',
  },
]
const R = 'read:tokens'
const W = 'write:tokens'
const E = 'export:tokens'

const PATHS: Record<string, Record<string, Op>> = {
  '/workspaces': {
    get: { summary: 'Your workspaces with your role', scope: R, ok: workspacesOutput },
    post: {
      summary: 'Create a workspace (you own it)',
      scope: W,
      body: createWorkspaceInput,
      ok: workspaceSchema,
      created: true,
    },
  },
  '/workspaces/{id}': {
    get: { summary: 'A workspace', scope: R, ok: workspaceSchema },
    patch: {
      summary: 'Change a workspace (admin)',
      scope: W,
      body: updateWorkspaceBody,
      ok: workspaceSchema,
    },
    delete: { summary: 'Delete a workspace (owner)', scope: W, ok: deletedSchema },
  },
  '/workspaces/{id}/tokensets': {
    get: { summary: 'Tokensets of a workspace', scope: R, ok: tokensetsOutput },
    post: {
      summary: 'Create a tokenset (editor); modes default to "Base"',
      scope: W,
      body: createTokensetBody,
      ok: tokensetSchema,
      created: true,
    },
  },
  '/workspaces/{id}/members': {
    get: { summary: 'Members of a workspace', scope: R, ok: membersOutput },
    post: {
      summary: 'Add a registered user by email (admin)',
      scope: W,
      body: addMemberInput,
      ok: memberSchema,
      created: true,
    },
  },
  '/workspaces/{id}/members/{userId}': {
    patch: {
      summary: "Change a member's role (admin)",
      scope: W,
      body: changeMemberInput,
      ok: memberSchema,
    },
    delete: { summary: 'Remove a member (admin)', scope: W, ok: deletedSchema },
  },
  '/tokensets/{id}': {
    get: { summary: 'A tokenset with its modes and token count', scope: R, ok: tokensetSchema },
    patch: {
      summary: 'Change a tokenset',
      scope: W,
      body: updateTokensetBody,
      ok: tokensetSchema,
    },
    delete: { summary: 'Delete a tokenset', scope: W, ok: deletedSchema },
  },
  '/tokensets/{id}/modes': {
    get: { summary: 'Modes of a tokenset', scope: R, ok: modesOutput },
    post: {
      summary: 'Create a mode',
      scope: W,
      body: createModeBody,
      ok: modeSchema,
      created: true,
    },
  },
  '/tokensets/{id}/modes/{modeId}': {
    patch: {
      summary: 'Rename a mode or make it the default',
      scope: W,
      body: updateModeBody,
      ok: modeSchema,
    },
    delete: { summary: 'Delete a mode (not the default)', scope: W, ok: deletedSchema },
  },
  '/tokensets/{id}/tokens': {
    get: {
      summary: 'Every token with its value per mode, by pages',
      scope: R,
      ok: tokensPageOutput,
      query: page,
    },
  },
  '/tokensets/{id}/modes/{modeId}/tokens': {
    get: {
      summary: "Tokens with this mode's values, by pages",
      scope: R,
      ok: tokensPageOutput,
      query: page,
    },
    post: {
      summary: 'Create a token with its value in this mode',
      scope: W,
      body: createModeTokenBody,
      ok: tokenWithChangesSchema,
      created: true,
    },
  },
  '/tokensets/{id}/modes/{modeId}/tokens/{name}': {
    get: {
      summary: "A token's raw and resolved value in this mode",
      scope: R,
      ok: tokenDetailOutput,
    },
    patch: {
      summary: 'Change a token and its value in this mode',
      scope: W,
      body: updateModeTokenBody,
      ok: tokenWithChangesSchema,
    },
    delete: { summary: 'Delete a token', scope: W, ok: deletedSchema },
  },
  '/tokensets/{id}/modes/{modeId}/document': {
    put: {
      summary:
        'Upsert a token document (DTCG, Style Dictionary or Tokens Studio) into this mode, all or nothing',
      scope: W,
      body: documentBody,
      query: documentOptions,
      ok: importTokensOutput,
    },
  },
  '/tokensets/{id}/export': {
    get: { summary: 'Export every mode: the files', scope: E, ok: exportOutput, query: format },
  },
  '/tokensets/{id}/modes/{modeId}/export': {
    get: { summary: 'Export one mode: the file itself', scope: E, ok: 'file', query: format },
  },
}

function buildDocument(serverUrl: string) {
  const { schema, components } = schemaConverter()
  const paths: Record<string, Record<string, object>> = {}
  for (const [path, ops] of Object.entries(PATHS)) {
    const params = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1] as string)
    paths[path] = Object.fromEntries(
      Object.entries(ops).map(([method, op]) => [method, operation(op, params, schema)]),
    )
  }
  const token = schema(tokenSchema)
  return {
    openapi: '3.1.0',
    info: {
      title: 'Tokencraft REST API',
      version: '1',
      description:
        'Workspaces, tokensets, modes and tokens for CI. Authorization: Bearer with a manual tkc_ key or an OAuth token; scopes intersected with your role in the workspace.',
    },
    servers: [{ url: `${serverUrl}/api/v1` }],
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
      schemas: {
        Error: { type: 'object', properties: { error: { type: 'string' } }, required: ['error'] },
        Token: token,
        ...components,
      },
    },
    paths,
  }
}

/** Public (no token): the document describes the API, it reveals no data. */
export function openapiRouter(deps: { config: { publicUrl: string } }): Router {
  const body = JSON.stringify(buildDocument(deps.config.publicUrl))
  const router = new Router()
  router.get('/api/v1/openapi.json', (ctx) => {
    ctx.type = 'application/json'
    ctx.body = body
  })
  return router
}
