export * from './clients.ts'
export * from './scopes.ts'
export * from './tools.ts'
