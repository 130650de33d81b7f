import type { Generated, Insertable, Selectable } from 'kysely'
import type { RequirementKind } from '@shared/domain/ladder'
import type { CareerStage } from '@shared/domain/roster'

/** The ladder's tables as SQLite stores them (migration 007). Hours are whole quarter-hours (`_qh`). */
export interface LadderTables {
  requirement_sets: RequirementSetsTable
  requirements: RequirementsTable
  trainings: TrainingsTable
  training_attendances: TrainingAttendancesTable
  ladder_steps: LadderStepsTable
}

export interface RequirementSetsTable {
  id: Generated<number>
  /** The stage this set leads to: what it takes to reach it. */
  stage: CareerStage
  version: number
  updated_at: string
  updated_by: number | null
}

export interface RequirementsTable {
  id: Generated<number>
  set_id: number
  kind: RequirementKind
  label: string
  hours_needed_qh: number | null
  category: string | null
  position: number
  created_at: string
  /** Set once when a supervisor takes it out of the set; completions of it stay in the coach's history. */
  retired_at: string | null
}

export interface TrainingsTable {
  id: Generated<number>
  version: number
  name: string
  provider: string | null
  hours_qh: number
  approved: 0 | 1
  category: string | null
  /** JSON array of domain keys. */
  domains: string
  sort_name: string
  created_at: string
  updated_at: string
}

export interface TrainingAttendancesTable {
  id: Generated<number>
  coach_id: number
  training_id: number
  attended_on: string
  hours_qh: number
  completed: 0 | 1
  note: string | null
  recorded_by: number | null
  recorded_at: string
}

export interface LadderStepsTable {
  id: Generated<number>
  coach_id: number
  requirement_id: number
  completed_on: string
  confirmed_by: number | null
  note: string | null
  recorded_at: string
}

export type RequirementSetRow = Selectable<RequirementSetsTable>
export type RequirementRow = Selectable<RequirementsTable>
export type TrainingRow = Selectable<TrainingsTable>
export type NewAttendance = Insertable<TrainingAttendancesTable>
export type NewStep = Insertable<LadderStepsTable>
