import type { Generated, Selectable } from 'kysely'
import type { BarrierKind, ItemOwner, SessionFormat, SessionStatus } from '@shared/domain/supervision'

/**
 * Supervision's tables: in the main database (migrations/…_supervision.ts) what a coach may read, and in the supervisors' file
 * (supervisors/002) the private notes, named `supervisors.<table>` and there only while a supervisor is signed in.
 */
export interface SupervisionTables {
  supervision_sessions: SupervisionSessionsTable
  session_coaches: SessionCoachesTable
  session_barriers: SessionBarriersTable
  action_items: ActionItemsTable
  session_addenda: SessionAddendaTable
  session_assessments: SessionAssessmentsTable
  session_notes_fts: { rowid: number; shared_note: string }
  action_items_fts: { rowid: number; text: string }
  'supervisors.private_notes': PrivateNotesTable
  'supervisors.private_addenda': PrivateAddendaTable
  'supervisors.private_notes_fts': { rowid: number; text: string }
}

export interface SupervisionSessionsTable {
  id: Generated<number>
  version: number
  format: SessionFormat
  held_on: string
  minutes: number
  supervisor_account_id: number
  normative: number
  formative: number
  restorative: number
  shared_note: string
  status: SessionStatus
  signed_off_at: string | null
  signed_off_by: number | null
  created_at: string
  updated_at: string
}

export interface SessionCoachesTable {
  session_id: number
  coach_id: number
  /** Copied from the session, so a coach's sessions and their last one are read from one index. */
  held_on: string
  signed_off: number
}

export interface SessionBarriersTable {
  id: Generated<number>
  session_id: number
  kind: BarrierKind
  detail: string | null
}

export interface ActionItemsTable {
  id: Generated<number>
  session_id: number
  position: number
  text: string
  owner: ItemOwner
  owner_coach_id: number | null
  due_on: string
  done_at: string | null
  done_by: number | null
}

export interface SessionAddendaTable {
  id: Generated<number>
  session_id: number
  shared_text: string | null
  written_by: number
  written_at: string
}

export interface SessionAssessmentsTable {
  session_id: number
  assessment_id: number
}

export interface PrivateNotesTable {
  session_id: number
  text: string
  locked: number
  updated_at: string
}

export interface PrivateAddendaTable {
  addendum_id: number
  session_id: number
  text: string
}

export type SessionRow = Selectable<SupervisionSessionsTable>
export type ActionItemRow = Selectable<ActionItemsTable>
