import type { Generated } from 'kysely'

/** The tables as SQLite stores them. Enum columns are plain text here; services map rows to domain types. */
export interface Database {
  office_settings: OfficeSettingsTable
  coaches: CoachesTable
  coach_status_changes: CoachStatusChangesTable
  coach_stage_changes: CoachStageChangesTable
  accounts: AccountsTable
  audit_events: AuditEventsTable
}

export interface OfficeSettingsTable {
  id: number
  office_name: string
  coach_title: string
  auto_lock_minutes: number
  updated_at: string | null
}

export interface CoachesTable {
  id: Generated<number>
  version: number
  legal_name: string
  preferred_name: string | null
  /** Lower-cased display name, kept so the roster sorts and pages by an index. */
  sort_name: string
  pronouns: string | null
  email: string | null
  phone: string | null
  start_date: string
  status: string
  employment: string
  title: string
  assigned_supervisor: string | null
  supervision_cadence_days: number
  /** JSON array of setting keys. */
  work_settings: string
  /** JSON array of language names. */
  languages: string
  career_stage: string
  created_at: string
  updated_at: string
}

export interface CoachStatusChangesTable {
  id: Generated<number>
  coach_id: number
  status: string
  effective_on: string
  note: string | null
  recorded_at: string
}

export interface CoachStageChangesTable {
  id: Generated<number>
  coach_id: number
  stage: string
  changed_on: string
  recorded_at: string
}

export interface AccountsTable {
  id: Generated<number>
  version: number
  username: string
  display_name: string
  role: string
  coach_id: number | null
  active: number
  must_change_password: number
  created_at: string
  updated_at: string
  deactivated_at: string | null
}

/** Append-only: triggers refuse UPDATE and DELETE. */
export interface AuditEventsTable {
  id: Generated<number>
  at: string
  account_id: number | null
  action: string
  record_type: string
  record_id: number | null
}
