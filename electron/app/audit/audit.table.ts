import type { Generated, Selectable } from 'kysely'
import type { AuditAction, AuditRecordType } from '@shared/domain/audit'

/** The audit trail (migrations 002 and 003). Append-only: triggers refuse UPDATE and DELETE. */
export interface AuditTables {
  audit_events: AuditEventsTable
}

export interface AuditEventsTable {
  id: Generated<number>
  at: string
  account_id: number | null
  action: AuditAction
  record_type: AuditRecordType
  record_id: number | null
  /** What changed, in words ("Status: Active → On leave from 2026-11-01"); no names, note text or scores. */
  summary: string | null
}

export type AuditEventRow = Selectable<AuditEventsTable>
