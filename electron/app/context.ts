import type { Kysely } from 'kysely'
import type { Clock } from './clock'
import type { Database } from './db/schema'

/** Who is calling. The sign-in issue fills this in; until then every caller is an anonymous local user. */
export interface Session {
  kind: 'local'
}

export interface Logger {
  error(message: string, detail?: unknown): void
}

/** Everything a handler may use, handed in per call rather than imported. */
export interface Context {
  db: Kysely<Database>
  clock: Clock
  session: Session | null
  log: Logger
}

export interface AppEnvironment {
  appVersion: string
  sqliteVersion: string
  schemaVersion: number
}
