import { migration001Initial } from './001_initial'
import { migration002AccountsAudit } from './002_accounts_audit'
import { migration003AuditSummaryRosterSearch } from './003_audit_summary_roster_search'
import { migration004OfficeTimeZone } from './004_office_time_zone'
import { migration005Directory } from './005_directory'
import { migration006Growth } from './006_growth'
import { migration007AuditChain } from './007_audit_chain'
import { migration008Contracts } from './008_contracts'
import { migration009Ladder } from './009_ladder'
import { migration010Supervision } from './010_supervision'
import { migration011AuditByTime } from './011_audit_by_time'
import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers'

/**
 * One step of the schema. SQL for a change of shape; a function where data must be reshaped on the way (each such
 * step has a test from the version before it). Either way it runs in one transaction with its version bump.
 */
export type Migration = {
  /** Becomes `PRAGMA user_version` once applied. Versions run 1, 2, 3 ... with no gaps. */
  version: number
  name: string
} & ({ sql: string; run?: never } | { run(sqlite: BetterSqlite3.Database): void; sql?: never })

/** Every migration, in order. Register new ones here; never edit one that has landed. */
export const MIGRATIONS: readonly Migration[] = [
  migration001Initial,
  migration002AccountsAudit,
  migration003AuditSummaryRosterSearch,
  migration004OfficeTimeZone,
  migration005Directory,
  migration006Growth,
  migration007AuditChain,
  migration008Contracts,
  migration009Ladder,
  migration010Supervision,
  migration011AuditByTime,
]

export const LATEST_SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version

/** Marks a file as this app's database (`PRAGMA application_id`, "RCO1"). */
export const APPLICATION_ID = 1380143921
