import type { Generated, Selectable } from 'kysely'
import type { CareerStage, CoachStatus, EmploymentType } from '@shared/domain/roster'
import type { CoachTitle } from '@shared/domain/settings'

/** The roster's tables as SQLite stores them (migrations 001 and 003). */
export interface RosterTables {
  coaches: CoachesTable
  coach_status_changes: CoachStatusChangesTable
  coach_stage_changes: CoachStageChangesTable
}

export interface CoachesTable {
  id: Generated<number>
  version: number
  legal_name: string
  preferred_name: string | null
  /** Lower-cased display name, kept so the roster sorts and pages by an index. */
  sort_name: string
  /** Names, languages and supervisor folded for search (lower case, no accents), kept by the service. */
  search_text: string
  pronouns: string | null
  email: string | null
  phone: string | null
  start_date: string
  status: CoachStatus
  employment: EmploymentType
  title: CoachTitle
  /** Since the supervision migration only what could not be matched to a supervisor's account, for someone to fix. */
  assigned_supervisor: string | null
  /** The coach's supervisor (the supervision migration). */
  supervisor_account_id: number | null
  supervision_cadence_days: number
  /** JSON array of setting keys. */
  work_settings: string
  /** JSON array of language names. */
  languages: string
  career_stage: CareerStage
  created_at: string
  updated_at: string
}

export interface CoachStatusChangesTable {
  id: Generated<number>
  coach_id: number
  status: CoachStatus
  effective_on: string
  note: string | null
  recorded_at: string
}

export interface CoachStageChangesTable {
  id: Generated<number>
  coach_id: number
  stage: CareerStage
  changed_on: string
  recorded_at: string
}

export type CoachRow = Selectable<CoachesTable>
export type StatusChangeRow = Selectable<CoachStatusChangesTable>
export type StageChangeRow = Selectable<CoachStageChangesTable>
