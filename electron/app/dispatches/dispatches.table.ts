import type { Generated, Insertable, Selectable } from 'kysely'
import type { DispatchOutcome } from '@shared/domain/dispatches'

/** The dispatch log as SQLite stores it (migration 005). */
export interface DispatchesTables {
  dispatches: DispatchesTable
}

export interface DispatchesTable {
  id: Generated<number>
  version: number
  contract_id: number
  /** UTC instants, as the clock writes them (`2026-11-22T10:00:00.000Z`), so they compare as text. */
  requested_at: string
  requester: string
  location: string | null
  reference_code: string | null
  coach_id: number | null
  sent_off_team: 0 | 1
  accepted_at: string | null
  arrived_at: string | null
  completed_at: string | null
  outcome: DispatchOutcome | null
  follow_up_on: string | null
  outside_coverage: 0 | 1
  arrival_seconds: number | null
  created_at: string
  updated_at: string
}

export type DispatchRow = Selectable<DispatchesTable>
export type NewDispatch = Insertable<DispatchesTable>
