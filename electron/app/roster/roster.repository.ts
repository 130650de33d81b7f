import { sql, type Insertable, type Updateable } from 'kysely'
import type { CoachStatus } from '@shared/domain/roster'
import type { Db } from '../db/schema'
import { prepared } from '../db/prepared'
import type { CoachesTable, CoachStageChangesTable, CoachStatusChangesTable } from './roster.table'
import type { CoachScope } from './roster.policy'

/** All SQL of the roster. The database (or the call's transaction) is passed in. */

// The coach's page reads these three on every open: compiled once (db/prepared.ts).
const coachById = prepared((db, id: number) => db.selectFrom('coaches').selectAll().where('id', '=', id))
const statusChangesOf = prepared((db, coachId: number) =>
  db
    .selectFrom('coach_status_changes')
    .select(['status', 'effective_on', 'note', 'recorded_at'])
    .where('coach_id', '=', coachId)
    .orderBy('id', 'desc'),
)
const stageChangesOf = prepared((db, coachId: number) =>
  db
    .selectFrom('coach_stage_changes')
    .select(['stage', 'changed_on', 'recorded_at'])
    .where('coach_id', '=', coachId)
    .orderBy('id', 'desc'),
)

export async function findCoach(db: Db, id: number) {
  return (await coachById(db, id))[0]
}

export function listStatusChanges(db: Db, coachId: number) {
  return statusChangesOf(db, coachId)
}

export function listStageChanges(db: Db, coachId: number) {
  return stageChangesOf(db, coachId)
}

export async function insertCoach(db: Db, row: Insertable<CoachesTable>): Promise<number> {
  const inserted = await db.insertInto('coaches').values(row).returning('id').executeTakeFirstOrThrow()
  return inserted.id
}

/** Writes only if the row is still at `expectedVersion`; answers whether it did. */
export async function updateCoachIfVersion(
  db: Db,
  id: number,
  expectedVersion: number,
  values: Updateable<CoachesTable>,
): Promise<boolean> {
  const result = await db
    .updateTable('coaches')
    .set({ ...values, version: sql<number>`version + 1` })
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .executeTakeFirst()
  return result.numUpdatedRows === 1n
}

export function insertStatusChange(db: Db, change: Insertable<CoachStatusChangesTable>) {
  return db.insertInto('coach_status_changes').values(change).execute()
}

export function insertStageChange(db: Db, change: Insertable<CoachStageChangesTable>) {
  return db.insertInto('coach_stage_changes').values(change).execute()
}

export interface RosterFilters {
  statuses: readonly CoachStatus[] | null
  /** Already folded for search (see foldForSearch) and escaped for LIKE with `\` as the escape character. */
  likePattern: string | null
  scope: CoachScope
  language: string | null
  workSetting: string | null
  supervisorAccountId: number | null
}

export interface RosterQuery extends RosterFilters {
  sortColumn: 'sort_name' | 'start_date'
  after: readonly [string, number] | null
  limit: number
}

function filtered(db: Db, query: RosterFilters) {
  let q = db.selectFrom('coaches')
  const scope = query.scope
  if (scope.kind === 'own') q = q.where('id', '=', scope.coachId ?? -1)
  if (query.statuses) q = q.where('status', 'in', query.statuses)
  if (query.likePattern !== null) q = q.where(sql<boolean>`search_text LIKE ${query.likePattern} ESCAPE '\\'`)
  if (query.language !== null) {
    const language = query.language
    q = q.where(
      sql<boolean>`EXISTS (SELECT 1 FROM json_each(coaches.languages) WHERE lower(json_each.value) = lower(${language}))`,
    )
  }
  if (query.workSetting !== null) {
    const setting = query.workSetting
    q = q.where(
      sql<boolean>`EXISTS (SELECT 1 FROM json_each(coaches.work_settings) WHERE json_each.value = ${setting})`,
    )
  }
  if (query.supervisorAccountId !== null) q = q.where('supervisor_account_id', '=', query.supervisorAccountId)
  return q
}

/** One page of the roster, keyset-paged on (sort column, id); fetches one extra row to know if more follow. */
export function listCoachPage(db: Db, query: RosterQuery) {
  let q = filtered(db, query).select([
    'id',
    'legal_name',
    'preferred_name',
    'pronouns',
    'status',
    'employment',
    'title',
    'start_date',
    'career_stage',
    'sort_name',
    'languages',
    'work_settings',
    'supervisor_account_id',
    (eb) =>
      eb
        .selectFrom('accounts')
        .select('display_name')
        .whereRef('accounts.id', '=', 'coaches.supervisor_account_id')
        .as('supervisor_name'),
  ])
  const after = query.after
  if (after) q = q.where((eb) => eb(eb.refTuple(query.sortColumn, 'id'), '>', eb.tuple(after[0], after[1])))
  return q
    .orderBy(query.sortColumn)
    .orderBy('id')
    .limit(query.limit + 1)
    .execute()
}

export async function countCoaches(db: Db, query: RosterFilters) {
  const row = await filtered(db, query)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

/** Display names of coaches by id, for the audit page. */
export async function coachNames(db: Db, ids: readonly number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map()
  const rows = await db
    .selectFrom('coaches')
    .select(['id', 'legal_name', 'preferred_name'])
    .where('id', 'in', ids)
    .execute()
  return new Map(rows.map((row) => [row.id, row.preferred_name ?? row.legal_name]))
}

/** A coach's supervisor's account: its name, and whether it is still an active supervisor. */
export function findSupervisorAccount(db: Db, id: number) {
  return db
    .selectFrom('accounts')
    .select(['id', 'display_name', 'role', 'active'])
    .where('id', '=', id)
    .executeTakeFirst()
}

/** Active supervisors' accounts, by name: whom a coach may be assigned to. */
export function listSupervisorChoices(db: Db) {
  return db
    .selectFrom('accounts')
    .select(['id', 'display_name'])
    .where('role', '=', 'supervisor')
    .where('active', '=', 1)
    .orderBy('display_name')
    .orderBy('id')
    .execute()
}
