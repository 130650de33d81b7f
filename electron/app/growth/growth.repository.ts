import { sql, type Insertable, type SqlBool, type Updateable } from 'kysely'
import { DOMAIN_KEYS, DOMAINS, TRACK_KEYS, type GoalStatus, type Rater } from '@shared/domain/growth'
import type { CoachStatus } from '@shared/domain/roster'
import type { Db } from '../db/schema'
import type { AssessmentScope, CoachReach } from './growth.policy'
import type { AssessmentsTable, DevelopmentGoalsTable, ScoreColumn } from './growth.table'

/** All SQL of assessments and development goals. The database (or the call's transaction) is passed in. */

export const SCORE_COLUMNS: readonly ScoreColumn[] = DOMAIN_KEYS.flatMap((d) =>
  TRACK_KEYS.map((t) => `${d}_${t}` as const),
)

/** The scope as a condition on `assessments`: the policy decides, the query applies it. */
function inScope(scope: AssessmentScope) {
  switch (scope.kind) {
    case 'all':
      return sql<SqlBool>`1`
    case 'own':
      return sql<SqlBool>`(assessments.coach_id = ${scope.coachId} AND (assessments.rater = 'self' OR assessments.status = 'completed'))`
    case 'none':
      return sql<SqlBool>`0`
  }
}

function goalInScope(scope: CoachReach) {
  switch (scope.kind) {
    case 'all':
      return sql<SqlBool>`1`
    case 'own':
      return sql<SqlBool>`development_goals.coach_id = ${scope.coachId}`
    case 'none':
      return sql<SqlBool>`0`
  }
}

export function findCoachRef(db: Db, coachId: number) {
  return db
    .selectFrom('coaches')
    .select(['id', 'legal_name', 'preferred_name', 'start_date', 'status'])
    .where('id', '=', coachId)
    .executeTakeFirst()
}
export type CoachRefRow = NonNullable<Awaited<ReturnType<typeof findCoachRef>>>

function assessmentsWithAuthor(db: Db) {
  return db
    .selectFrom('assessments')
    .leftJoin('accounts', 'accounts.id', 'assessments.rater_account_id')
    .selectAll('assessments')
    .select('accounts.display_name as rater_name')
}
export type AssessmentWithAuthorRow = NonNullable<Awaited<ReturnType<typeof findAssessment>>>

/** One assessment, if the scope reaches it. */
export function findAssessment(db: Db, id: number, scope: AssessmentScope) {
  return assessmentsWithAuthor(db).where('assessments.id', '=', id).where(inScope(scope)).executeTakeFirst()
}

/**
 * The sixteen scores as one text, SCORE_COLUMNS order, a character each ('@' blank, 'A' for 1 to 'J' for 10): a page
 * of a coach's whole history reads one value per rating instead of sixteen (making each value costs more than finding
 * the row).
 */
const packedScores = sql<string>`char(${sql.join(SCORE_COLUMNS.map((c) => sql`64 + coalesce(${sql.ref(`assessments.${c}`)}, 0)`))})`

/** A coach's assessments the scope reaches, current versions only, oldest first: what a summary shows, no notes. */
export function listCurrentAssessments(
  db: Db,
  coachId: number,
  scope: AssessmentScope,
  options: { completedOnly: boolean },
) {
  let q = db
    .selectFrom('assessments')
    .leftJoin('accounts', 'accounts.id', 'assessments.rater_account_id')
    .select([
      'assessments.id',
      'assessments.version',
      'assessments.coach_id',
      'assessments.rater',
      'assessments.rater_account_id',
      'assessments.assessed_on',
      'assessments.status',
      'assessments.revision',
      'assessments.amends_id',
      'assessments.superseded_by',
      'assessments.created_at',
      'assessments.updated_at',
      'assessments.completed_at',
      'accounts.display_name as rater_name',
      packedScores.as('scores'),
    ])
    .where('assessments.coach_id', '=', coachId)
    .where('assessments.superseded_by', 'is', null)
    .where(inScope(scope))
  if (options.completedOnly) q = q.where('assessments.status', '=', 'completed')
  return q.orderBy('assessments.assessed_on').orderBy('assessments.id').execute()
}
export type AssessmentSummaryRow = Awaited<ReturnType<typeof listCurrentAssessments>>[number]

/** Every version of the chain that starts at `originalId`, first first. */
export function listChain(db: Db, originalId: number) {
  return db
    .selectFrom('assessments')
    .leftJoin('accounts', 'accounts.id', 'assessments.rater_account_id')
    .select([
      'assessments.id',
      'assessments.revision',
      'assessments.assessed_on',
      'assessments.amendment_reason',
      'assessments.superseded_by',
      'assessments.completed_at',
      'assessments.created_at',
      'accounts.display_name as author_name',
    ])
    .where((eb) => eb.or([eb('assessments.id', '=', originalId), eb('assessments.original_id', '=', originalId)]))
    .orderBy('assessments.revision')
    .execute()
}

/** The latest completed, current assessment of each kind the scope reaches, for the report's notes. */
export async function latestCompleted(db: Db, coachId: number, rater: Rater, scope: AssessmentScope) {
  return assessmentsWithAuthor(db)
    .where('assessments.coach_id', '=', coachId)
    .where('assessments.rater', '=', rater)
    .where('assessments.status', '=', 'completed')
    .where('assessments.superseded_by', 'is', null)
    .where(inScope(scope))
    .orderBy('assessments.assessed_on', 'desc')
    .orderBy('assessments.id', 'desc')
    .limit(1)
    .executeTakeFirst()
}

export async function insertAssessment(db: Db, row: Insertable<AssessmentsTable>): Promise<number> {
  const inserted = await db.insertInto('assessments').values(row).returning('id').executeTakeFirstOrThrow()
  return inserted.id
}

/**
 * Many assessments in as few statements as SQLite's parameter limit allows: for the bulk seed, which writes tens of
 * thousands of rows inside its own transactions.
 */
export async function insertAssessments(db: Db, rows: readonly Insertable<AssessmentsTable>[]): Promise<void> {
  const perStatement = 500
  for (let i = 0; i < rows.length; i += perStatement) {
    await db
      .insertInto('assessments')
      .values(rows.slice(i, i + perStatement))
      .execute()
  }
}

/** Writes a draft only if it is still a draft at `expectedVersion`; answers whether it did. */
export async function updateDraftIfVersion(
  db: Db,
  id: number,
  expectedVersion: number,
  values: Updateable<AssessmentsTable>,
): Promise<boolean> {
  const result = await db
    .updateTable('assessments')
    .set({ ...values, version: sql<number>`version + 1` })
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .where('status', '=', 'draft')
    .executeTakeFirst()
  return result.numUpdatedRows === 1n
}

export async function deleteDraftIfVersion(db: Db, id: number, expectedVersion: number): Promise<boolean> {
  const result = await db
    .deleteFrom('assessments')
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .where('status', '=', 'draft')
    .executeTakeFirst()
  return result.numDeletedRows === 1n
}

/** Marks a completed version as replaced by its amendment: the one change the locked row allows, and only once. */
export async function supersede(db: Db, id: number, byId: number): Promise<boolean> {
  const result = await db
    .updateTable('assessments')
    .set({ superseded_by: byId })
    .where('id', '=', id)
    .where('status', '=', 'completed')
    .where('superseded_by', 'is', null)
    .executeTakeFirst()
  return result.numUpdatedRows === 1n
}

// ---------------------------------------------------------------------------------------------------------------
// Development goals.

function goalsWithAuthor(db: Db) {
  return db
    .selectFrom('development_goals')
    .leftJoin('accounts', 'accounts.id', 'development_goals.created_by')
    .selectAll('development_goals')
    .select('accounts.display_name as created_by_name')
}
export type GoalWithAuthorRow = NonNullable<Awaited<ReturnType<typeof findGoal>>>

export function findGoal(db: Db, id: number, scope: CoachReach) {
  return goalsWithAuthor(db).where('development_goals.id', '=', id).where(goalInScope(scope)).executeTakeFirst()
}

/** A coach's goals, open first, then by target date. */
export function listGoals(db: Db, coachId: number, statuses: readonly GoalStatus[] | null) {
  let q = goalsWithAuthor(db).where('development_goals.coach_id', '=', coachId)
  if (statuses) q = q.where('development_goals.status', 'in', statuses)
  return q
    .orderBy(sql`development_goals.status = 'open'`, 'desc')
    .orderBy('development_goals.target_date')
    .orderBy('development_goals.id')
    .execute()
}

export async function insertGoal(db: Db, row: Insertable<DevelopmentGoalsTable>): Promise<number> {
  const inserted = await db.insertInto('development_goals').values(row).returning('id').executeTakeFirstOrThrow()
  return inserted.id
}

export async function insertGoals(db: Db, rows: readonly Insertable<DevelopmentGoalsTable>[]): Promise<void> {
  if (rows.length > 0) await db.insertInto('development_goals').values(rows).execute()
}

export async function updateGoalIfVersion(
  db: Db,
  id: number,
  expectedVersion: number,
  values: Updateable<DevelopmentGoalsTable>,
): Promise<boolean> {
  const result = await db
    .updateTable('development_goals')
    .set({ ...values, version: sql<number>`version + 1` })
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .executeTakeFirst()
  return result.numUpdatedRows === 1n
}

// ---------------------------------------------------------------------------------------------------------------
// The team view.

export interface TeamFilters {
  statuses: readonly CoachStatus[] | null
  /** Only the coaches of this supervisor's account. */
  supervisorAccountId: number | null
}

function chosenCoaches(filters: TeamFilters) {
  const conditions = [sql`1`]
  if (filters.statuses) conditions.push(sql`status IN (${sql.join(filters.statuses)})`)
  if (filters.supervisorAccountId !== null) {
    conditions.push(sql`supervisor_account_id = ${filters.supervisorAccountId}`)
  }
  return sql.join(conditions, sql` AND `)
}

export async function countChosenCoaches(db: Db, filters: TeamFilters): Promise<number> {
  const result = await sql<{ n: number }>`SELECT count(*) AS n FROM coaches WHERE ${chosenCoaches(filters)}`.execute(db)
  return Number(result.rows[0]?.n ?? 0)
}

/**
 * For each chosen coach, their latest current completed rating of `rater` in every quarter, packed into one text
 * (see AssessmentQuartersByCoachTable): one row per coach, which the service sums up per quarter.
 */
export function teamQuarterScores(db: Db, rater: Rater, filters: TeamFilters) {
  return db
    .selectFrom('assessment_quarters_by_coach')
    .select('quarters')
    .where('rater', '=', rater)
    .where('coach_id', 'in', sql<number>`(SELECT id FROM coaches WHERE ${chosenCoaches(filters)})`)
    .execute()
}

/** Each chosen coach with the date of their latest current completed rating of each kind. */
export async function lastRatedByCoach(db: Db, filters: TeamFilters) {
  const last = (rater: Rater) => sql<string | null>`(
    SELECT max(a.assessed_on) FROM assessments a
    WHERE a.rater = ${rater} AND a.coach_id = coaches.id AND a.status = 'completed' AND a.superseded_by IS NULL)`
  const result = await sql<{
    id: number
    legal_name: string
    preferred_name: string | null
    status: CoachStatus
    last_supervisor_on: string | null
    last_self_on: string | null
  }>`
    SELECT id, legal_name, preferred_name, status,
      ${last('supervisor')} AS last_supervisor_on, ${last('self')} AS last_self_on
    FROM coaches WHERE ${chosenCoaches(filters)}`.execute(db)
  return result.rows
}

// ---------------------------------------------------------------------------------------------------------------
// Names for the audit page, and what the seed needs.

/** "Self-rating of Marisol Reyes, 2026-10-01", by id. */
export async function assessmentNames(db: Db, ids: readonly number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map()
  const rows = await db
    .selectFrom('assessments')
    .innerJoin('coaches', 'coaches.id', 'assessments.coach_id')
    .select([
      'assessments.id',
      'assessments.rater',
      'assessments.assessed_on',
      'coaches.legal_name',
      'coaches.preferred_name',
    ])
    .where('assessments.id', 'in', ids)
    .execute()
  return new Map(
    rows.map((row) => [
      row.id,
      `${row.rater === 'self' ? 'Self-rating' : "Supervisor's rating"} of ${row.preferred_name ?? row.legal_name}, ${row.assessed_on}`,
    ]),
  )
}

export async function goalNames(db: Db, ids: readonly number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map()
  const rows = await db
    .selectFrom('development_goals')
    .innerJoin('coaches', 'coaches.id', 'development_goals.coach_id')
    .select(['development_goals.id', 'development_goals.domain', 'coaches.legal_name', 'coaches.preferred_name'])
    .where('development_goals.id', 'in', ids)
    .execute()
  return new Map(rows.map((row) => [row.id, `Goal of ${row.preferred_name ?? row.legal_name}: ${DOMAINS[row.domain]}`]))
}

export async function activeSupervisorIds(db: Db): Promise<number[]> {
  const rows = await db
    .selectFrom('accounts')
    .select('id')
    .where('role', '=', 'supervisor')
    .where('active', '=', 1)
    .orderBy('id')
    .execute()
  return rows.map((row) => row.id)
}

/** Coach id -> their account, for coaches that have one. */
export async function coachAccounts(db: Db): Promise<Map<number, number>> {
  const rows = await db.selectFrom('accounts').select(['id', 'coach_id']).where('coach_id', 'is not', null).execute()
  return new Map(rows.map((row) => [row.coach_id!, row.id]))
}

export async function maxAssessmentId(db: Db): Promise<number> {
  const row = await db
    .selectFrom('assessments')
    .select((eb) => eb.fn.max('id').as('id'))
    .executeTakeFirst()
  return Number(row?.id ?? 0)
}

/** Start dates of the given coaches, for seeding ratings that begin when each coach did. */
export async function coachStartDates(db: Db, ids: readonly number[]): Promise<Map<number, string>> {
  const dates = new Map<number, string>()
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await db
      .selectFrom('coaches')
      .select(['id', 'start_date'])
      .where('id', 'in', ids.slice(i, i + 500))
      .execute()
    for (const row of rows) dates.set(row.id, row.start_date)
  }
  return dates
}

/**
 * For each (coach, day): the last completed, current rating of each kind before the day and the first after it up to
 * `lastDay` days later, scores packed as above. What a training's evaluation compares: the ladder reads ratings
 * through here rather than with its own SQL. Each side is one step down the partial index of current ratings, so a
 * coach's whole history is never read.
 */
export async function ratingsAround(db: Db, pairs: readonly { coachId: number; on: string }[], windowDays: number) {
  const ids = new Set<number>()
  const side = (rater: Rater, before: boolean) =>
    before
      ? sql`(SELECT a.id FROM assessments a INDEXED BY assessments_current_by_rater
          WHERE a.rater = ${rater} AND a.coach_id = p.coach_id AND a.status = 'completed' AND a.superseded_by IS NULL
            AND a.assessed_on < p.day ORDER BY a.assessed_on DESC, a.id DESC LIMIT 1)`
      : sql`(SELECT a.id FROM assessments a INDEXED BY assessments_current_by_rater
          WHERE a.rater = ${rater} AND a.coach_id = p.coach_id AND a.status = 'completed' AND a.superseded_by IS NULL
            AND a.assessed_on > p.day AND a.assessed_on <= date(p.day, ${`+${windowDays} days`})
          ORDER BY a.assessed_on, a.id LIMIT 1)`
  for (let i = 0; i < pairs.length; i += 400) {
    const chunk = pairs.slice(i, i + 400)
    const values = sql.join(chunk.map((p) => sql`(${p.coachId}, ${p.on})`))
    const result = await sql<{ a: number | null; b: number | null; c: number | null; d: number | null }>`
      WITH p(coach_id, day) AS (VALUES ${values})
      SELECT ${side('self', true)} AS a, ${side('self', false)} AS b,
        ${side('supervisor', true)} AS c, ${side('supervisor', false)} AS d
      FROM p`.execute(db)
    for (const row of result.rows) for (const id of [row.a, row.b, row.c, row.d]) if (id !== null) ids.add(id)
  }
  const wanted = [...ids]
  const rows: Array<{ coach_id: number; rater: Rater; assessed_on: string; scores: string }> = []
  for (let i = 0; i < wanted.length; i += 500) {
    rows.push(
      ...(await db
        .selectFrom('assessments')
        .select(['assessments.coach_id', 'assessments.rater', 'assessments.assessed_on', packedScores.as('scores')])
        .where('assessments.id', 'in', wanted.slice(i, i + 500))
        .execute()),
    )
  }
  return rows
}
