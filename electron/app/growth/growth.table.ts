import type { Generated, Insertable, Selectable } from 'kysely'
import type { AssessmentStatus, Domain, GoalStatus, Rater, Track } from '@shared/domain/growth'

/** The growth tables as SQLite stores them (migration 005). */
export interface GrowthTables {
  assessments: AssessmentsTable
  development_goals: DevelopmentGoalsTable
  assessment_quarter_latest: AssessmentQuarterLatestTable
  assessment_quarters_by_coach: AssessmentQuartersByCoachTable
}

/** One column per domain and track, `hope_practice`, blank as NULL. */
export type ScoreColumn = `${Domain}_${Track}`
export type ScoreColumns = { [C in ScoreColumn]: number | null }

export interface AssessmentsTable extends ScoreColumns {
  id: Generated<number>
  version: number
  coach_id: number
  rater: Rater
  /** Who wrote this version; NULL only for a self-rating recorded before the coach had an account. */
  rater_account_id: number | null
  assessed_on: string
  status: AssessmentStatus
  /** JSON object of domain -> note. */
  domain_notes: string
  overall_note: string | null
  /** An amendment: the version it corrects, the chain's first version, and why. NULL on a first version. */
  amends_id: number | null
  original_id: number | null
  revision: number
  amendment_reason: string | null
  /** Set once, when an amendment replaces this version. */
  superseded_by: number | null
  created_at: string
  updated_at: string
  completed_at: string | null
}

export interface DevelopmentGoalsTable {
  id: Generated<number>
  version: number
  coach_id: number
  domain: Domain
  track: Track
  description: string
  target_date: string
  status: GoalStatus
  status_changed_on: string
  created_by: number | null
  created_at: string
  updated_at: string
}

/** Each coach's latest current completed rating per kind and quarter, kept by triggers (migration 005). */
export interface AssessmentQuarterLatestTable {
  rater: Rater
  coach_id: number
  /** `2026-Q3`. */
  quarter: string
  assessment_id: number
  /** The sixteen scores in SCORE_COLUMNS order, one character each: '@' blank, 'A' (1) to 'J' (10). */
  scores: string
}

/** The same, one row per kind and coach: `quarters` holds 23 characters a quarter, `2026-Q3` then its scores. */
export interface AssessmentQuartersByCoachTable {
  rater: Rater
  coach_id: number
  quarters: string
}

export type AssessmentRow = Selectable<AssessmentsTable>
export type GoalRow = Selectable<DevelopmentGoalsTable>
export type NewAssessment = Insertable<AssessmentsTable>
export type NewGoal = Insertable<DevelopmentGoalsTable>
