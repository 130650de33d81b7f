export * from './errors'
export * from './open'
export type { Database, Db } from './schema'
