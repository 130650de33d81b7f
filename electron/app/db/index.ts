export * from './errors'
export * from './open'
export type { Database } from './schema'
