import { sql, type Insertable, type Kysely, type Updateable } from 'kysely'
import type { CoachesTable, Database } from '../db/schema'

export type CoachRow = Awaited<ReturnType<typeof findCoach>> & {}

export function findCoach(db: Kysely<Database>, id: number) {
  return db.selectFrom('coaches').selectAll().where('id', '=', id).executeTakeFirst()
}

export function listStatusChanges(db: Kysely<Database>, coachId: number) {
  return db
    .selectFrom('coach_status_changes')
    .select(['status', 'effective_on', 'note', 'recorded_at'])
    .where('coach_id', '=', coachId)
    .orderBy('id', 'desc')
    .execute()
}

export function listStageChanges(db: Kysely<Database>, coachId: number) {
  return db
    .selectFrom('coach_stage_changes')
    .select(['stage', 'changed_on', 'recorded_at'])
    .where('coach_id', '=', coachId)
    .orderBy('id', 'desc')
    .execute()
}

export async function insertCoach(db: Kysely<Database>, row: Insertable<CoachesTable>): Promise<number> {
  const inserted = await db.insertInto('coaches').values(row).returning('id').executeTakeFirstOrThrow()
  return inserted.id
}

/** Writes only if the row is still at `expectedVersion`; answers whether it did. */
export async function updateCoachIfVersion(
  db: Kysely<Database>,
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

export function insertStatusChange(
  db: Kysely<Database>,
  change: { coach_id: number; status: string; effective_on: string; note: string | null; recorded_at: string },
) {
  return db.insertInto('coach_status_changes').values(change).execute()
}

export function insertStageChange(
  db: Kysely<Database>,
  change: { coach_id: number; stage: string; changed_on: string; recorded_at: string },
) {
  return db.insertInto('coach_stage_changes').values(change).execute()
}

export interface RosterQuery {
  statuses: string[] | null
  /** Already folded for search (see foldForSearch) and escaped for LIKE with `\` as the escape character. */
  likePattern: string | null
  sortColumn: 'sort_name' | 'start_date'
  /** A coach's own record only (the coach role); null for everyone else. */
  onlyId: number | null
  language: string | null
  workSetting: string | null
  supervisor: string | null
  after: { key: string; id: number } | null
  limit: number
}

type RosterFilters = Pick<
  RosterQuery,
  'statuses' | 'likePattern' | 'onlyId' | 'language' | 'workSetting' | 'supervisor'
>

function filtered(db: Kysely<Database>, query: RosterFilters) {
  let q = db.selectFrom('coaches')
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
  if (query.supervisor !== null) q = q.where(sql<boolean>`lower(assigned_supervisor) = lower(${query.supervisor})`)
  if (query.onlyId !== null) q = q.where('id', '=', query.onlyId)
  if (query.statuses) q = q.where('status', 'in', query.statuses)
  const pattern = query.likePattern
  if (pattern !== null) {
    q = q.where(
      // Both sides folded (lower case, no accents): the pattern arrives folded already.
      sql<boolean>`(fold_for_search(legal_name) LIKE ${pattern} ESCAPE '\\' OR fold_for_search(preferred_name) LIKE ${pattern} ESCAPE '\\'
        OR fold_for_search(languages) LIKE ${pattern} ESCAPE '\\' OR fold_for_search(assigned_supervisor) LIKE ${pattern} ESCAPE '\\')`,
    )
  }
  return q
}

/** One page of the roster, keyset-paged on (sort column, id); fetches one extra row to know if more follow. */
export function listCoachPage(db: Kysely<Database>, query: RosterQuery) {
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
    'assigned_supervisor',
  ])
  const after = query.after
  if (after) {
    q = q.where((eb) => eb(eb.refTuple(query.sortColumn, 'id'), '>', eb.tuple(after.key, after.id)))
  }
  return q
    .orderBy(query.sortColumn)
    .orderBy('id')
    .limit(query.limit + 1)
    .execute()
}

export async function countCoaches(
  db: Kysely<Database>,
  query: RosterFilters,
) {
  const row = await filtered(db, query)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow()
  return Number(row.n)
}
