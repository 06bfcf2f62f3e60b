/**
 * Prisma's schema engine compiled to WebAssembly, driven through a driver adapter, so migrations
 * need no native binary. The package's ESM entry imports the `.wasm` file directly, which Node
 * cannot do, so we instantiate it ourselves with the JS glue as its import object.
 */
import { readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import {
  bindMigrationAwareSqlAdapterFactory,
  type ErrorRegistry,
  type SqlMigrationAwareDriverAdapterFactory,
} from '@prisma/driver-adapter-utils'
import * as glue from '@prisma/schema-engine-wasm/schema_engine_bg'

type Engine = glue.SchemaEngine

let instantiated: Promise<void> | undefined

/** The wasm module is process-wide state in the glue code: instantiate it once. */
function instantiateWasm(): Promise<void> {
  instantiated ??= (async () => {
    const require = createRequire(import.meta.url)
    const glueFile = require.resolve('@prisma/schema-engine-wasm/schema_engine_bg')
    const bytes = await readFile(glueFile.replace(/\.js$/, '.wasm'))
    const { instance } = await WebAssembly.instantiate(bytes, {
      './schema_engine_bg.js': glue as unknown as WebAssembly.ModuleImports,
    })
    glue.__wbg_set_wasm(instance.exports)
    ;(instance.exports.__wbindgen_start as () => void)()
  })()
  return instantiated
}

/** Errors raised by the adapter cross the wasm boundary as "External error id#N". */
const EXTERNAL_ERROR = /External error id#(\d+)/

export class SchemaEngineError extends Error {
  override name = 'SchemaEngineError'
}

function realError(error: unknown, registry: ErrorRegistry): Error {
  const message = error instanceof Error ? error.message : String(error)
  const id = EXTERNAL_ERROR.exec(message)?.[1]
  const record = id === undefined ? undefined : registry.consumeError(Number(id))
  const cause = record?.error
  if (cause !== undefined) return describe(cause)
  if (error instanceof Error) return new SchemaEngineError(message, { cause: error })
  return new SchemaEngineError(message)
}

/** Driver adapter errors are plain objects ({ kind, message, originalMessage, ... }). */
function describe(cause: unknown): Error {
  if (cause instanceof Error) return cause
  if (typeof cause === 'object' && cause !== null) {
    const c = cause as { kind?: string; message?: string; originalMessage?: string }
    const text = c.originalMessage ?? c.message ?? JSON.stringify(cause)
    return new SchemaEngineError(c.kind ? `${c.kind}: ${text}` : text, { cause })
  }
  return new SchemaEngineError(String(cause))
}

export type SchemaEngine = Pick<Engine, 'applyMigrations' | 'diff' | 'dbExecute'> & {
  close(): void
}

/**
 * Starts a schema engine on the adapter factory. Every call returns the engine's own result or
 * throws the adapter's real error (connection refused, SQL error, ...), never an opaque id.
 */
export async function startSchemaEngine(
  factory: SqlMigrationAwareDriverAdapterFactory,
  datamodels?: [string, string][],
): Promise<SchemaEngine> {
  await instantiateWasm()
  const bound = bindMigrationAwareSqlAdapterFactory(factory)
  const log = () => {}
  let engine: Engine
  try {
    engine = await glue.SchemaEngine.new({ datamodels }, log, bound)
  } catch (error) {
    throw realError(error, bound.errorRegistry)
  }
  const run = async <T>(call: () => Promise<T>): Promise<T> => {
    try {
      return await call()
    } catch (error) {
      throw realError(error, bound.errorRegistry)
    }
  }
  return {
    applyMigrations: (input) => run(() => engine.applyMigrations(input)),
    diff: (input) => run(() => engine.diff(input)),
    dbExecute: (input) => run(() => engine.dbExecute(input)),
    close: () => engine.free(),
  }
}
