import type { Clock } from './clock'
import type { Db } from './db/schema'
import type { UserSession } from './auth/sessions'

export type { UserSession }

export interface Logger {
  error(message: string, detail?: unknown): void
}

/** Everything a handler may use, handed in per call rather than imported. */
export interface Context {
  /**
   * The database: inside a write, the call's own transaction (the router opened it and records the call's audit event
   * in it). Reading it before sign-in throws `unauthenticated`.
   */
  readonly db: Db
  clock: Clock
  log: Logger
  /** The signed-in, unlocked user; null only on the public channels. */
  session: UserSession | null
  /** Which window (desktop) or browser (browser mode) is calling. */
  client: string
  /**
   * For calls that open their transaction themselves (their route says `audit.kind: 'own'`): runs `work` in a
   * transaction and records the route's audit event in it before the commit.
   */
  transaction<T>(work: (db: Db) => Promise<T>): Promise<T>
  /** Undoes a change made outside the database (the key file) if the call's transaction rolls back. */
  onRollback(undo: () => void): void
  /** Runs once the call's transaction has committed (refreshing what is cached from the database). */
  afterCommit(work: () => void): void
}

/** The context of a channel that only signed-in users may call. */
export interface SignedInContext extends Context {
  session: UserSession
}

export interface AppEnvironment {
  appVersion: string
  sqliteVersion: string
  transport: 'electron' | 'http'
}
