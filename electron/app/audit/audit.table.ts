import type { Generated, Selectable } from 'kysely'
import type { AuditAction, AuditRecordType } from '@shared/domain/audit'

/**
 * The audit trail (migrations 002, 003 and 005), and its seal in the supervisors' file. Append-only: triggers refuse
 * UPDATE, DELETE, and an INSERT that would replace an event; each event's hash is filled in by the database.
 */
export interface AuditTables {
  audit_events: AuditEventsTable
  'supervisors.audit_seal': AuditSealTable
  'supervisors.audit_checkpoints': AuditCheckpointsTable
  'supervisors.audit_breaks': AuditBreaksTable
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
  /** sha256 over the previous event's hash and this event: written by the database's trigger, never by a caller. */
  hash: Generated<string | null>
}

export interface AuditSealTable {
  id: number
  event_id: number
  hash: string
  mac: string
}

export interface AuditCheckpointsTable {
  event_id: number
  hash: string
}

export interface AuditBreaksTable {
  id: Generated<number>
  detected_at: string
  problem: string
}

export type AuditEventRow = Selectable<AuditEventsTable>
