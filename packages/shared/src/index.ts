export * from './scopes.ts'
export * from './tools.ts'
