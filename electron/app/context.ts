import type { Kysely } from 'kysely'
import type { Clock } from './clock'
import type { Database } from './db/schema'
import type { UserSession } from './auth/sessions'

export type { UserSession }

export interface Logger {
  error(message: string, detail?: unknown): void
}

/** Everything a handler may use, handed in per call rather than imported. */
export interface Context {
  /** The open database. Reading it before sign-in throws `unauthenticated`. */
  readonly db: Kysely<Database>
  clock: Clock
  log: Logger
  /** The signed-in, unlocked user; null only on the public channels. */
  session: UserSession | null
  /** Which window (desktop) or browser (browser mode) is calling. */
  client: string
}

export interface AppEnvironment {
  appVersion: string
  sqliteVersion: string
  transport: 'electron' | 'http'
}
