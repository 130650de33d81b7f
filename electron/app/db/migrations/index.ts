import { migration001Initial } from './001_initial'
import { migration002AccountsAudit } from './002_accounts_audit'

export interface Migration {
  /** Becomes `PRAGMA user_version` once applied. Versions run 1, 2, 3 ... with no gaps. */
  version: number
  name: string
  sql: string
}

/** Every migration, in order. Register new ones here; never edit one that has landed. */
export const MIGRATIONS: readonly Migration[] = [migration001Initial, migration002AccountsAudit]

export const LATEST_SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version

/** Marks a file as this app's database (`PRAGMA application_id`, "RCO1"). */
export const APPLICATION_ID = 1380143921
