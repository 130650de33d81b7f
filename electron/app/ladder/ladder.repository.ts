import { sql, type Insertable, type Updateable } from 'kysely'
import { CAREER_STAGES, type CareerStage, type CoachStatus } from '@shared/domain/roster'
import type { Db } from '../db/schema'
import type {
  LadderStepsTable,
  RequirementSetsTable,
  RequirementsTable,
  TrainingAttendancesTable,
  TrainingsTable,
} from './ladder.table'
import type { LadderScope } from './ladder.policy'

/** All SQL of the ladder: requirement sets, trainings, attendances and steps. The db or the call's trx is passed in. */

/** The scope as a condition on a coach id column: the policy decides, the query applies it. */
function coachInScope(column: string, scope: LadderScope) {
  return scope.kind === 'all' ? sql<boolean>`1` : sql<boolean>`${sql.ref(column)} = ${scope.coachId ?? -1}`
}

export function findCoachInScope(db: Db, coachId: number, scope: LadderScope) {
  return db
    .selectFrom('coaches')
    .select(['id', 'version', 'legal_name', 'preferred_name', 'start_date', 'status', 'career_stage'])
    .where('id', '=', coachId)
    .where(coachInScope('coaches.id', scope))
    .executeTakeFirst()
}
export type LadderCoachRow = NonNullable<Awaited<ReturnType<typeof findCoachInScope>>>

// ---------------------------------------------------------------------------------------------------------------
// Requirement sets.

export function findSet(db: Db, stage: CareerStage) {
  return db
    .selectFrom('requirement_sets')
    .leftJoin('accounts', 'accounts.id', 'requirement_sets.updated_by')
    .selectAll('requirement_sets')
    .select('accounts.display_name as updated_by_name')
    .where('requirement_sets.stage', '=', stage)
    .executeTakeFirst()
}
export type SetRow = NonNullable<Awaited<ReturnType<typeof findSet>>>

export function listSets(db: Db) {
  return db
    .selectFrom('requirement_sets')
    .leftJoin('accounts', 'accounts.id', 'requirement_sets.updated_by')
    .selectAll('requirement_sets')
    .select('accounts.display_name as updated_by_name')
    .execute()
}

/** A set's requirements, active ones first in their order, then retired ones by when they were retired. */
export function listRequirements(db: Db, setId: number, options: { activeOnly: boolean }) {
  let q = db.selectFrom('requirements').selectAll().where('set_id', '=', setId)
  if (options.activeOnly) q = q.where('retired_at', 'is', null)
  return q.orderBy('retired_at').orderBy('position').orderBy('id').execute()
}

export function findRequirement(db: Db, id: number) {
  return db
    .selectFrom('requirements')
    .innerJoin('requirement_sets', 'requirement_sets.id', 'requirements.set_id')
    .selectAll('requirements')
    .select('requirement_sets.stage')
    .where('requirements.id', '=', id)
    .executeTakeFirst()
}

export async function insertSet(db: Db, row: Insertable<RequirementSetsTable>): Promise<number> {
  const inserted = await db.insertInto('requirement_sets').values(row).returning('id').executeTakeFirstOrThrow()
  return inserted.id
}

export async function updateSetIfVersion(
  db: Db,
  id: number,
  expectedVersion: number,
  values: Updateable<RequirementSetsTable>,
): Promise<boolean> {
  const result = await db
    .updateTable('requirement_sets')
    .set({ ...values, version: sql<number>`version + 1` })
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .executeTakeFirst()
  return result.numUpdatedRows === 1n
}

export function insertRequirement(db: Db, row: Insertable<RequirementsTable>) {
  return db.insertInto('requirements').values(row).execute()
}

export function updateRequirement(
  db: Db,
  id: number,
  values: Pick<Updateable<RequirementsTable>, 'label' | 'hours_needed_qh' | 'category' | 'position'>,
) {
  return db.updateTable('requirements').set(values).where('id', '=', id).execute()
}

export function retireRequirements(db: Db, ids: readonly number[], at: string) {
  if (ids.length === 0) return Promise.resolve()
  return db
    .updateTable('requirements')
    .set({ retired_at: at })
    .where('id', 'in', ids)
    .where('retired_at', 'is', null)
    .execute()
}

/** How many coaches completed each of the given requirements. */
export async function completionCounts(db: Db, requirementIds: readonly number[]): Promise<Map<number, number>> {
  if (requirementIds.length === 0) return new Map()
  const rows = await db
    .selectFrom('ladder_steps')
    .select(['requirement_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('requirement_id', 'in', requirementIds)
    .groupBy('requirement_id')
    .execute()
  return new Map(rows.map((row) => [row.requirement_id, Number(row.n)]))
}

// ---------------------------------------------------------------------------------------------------------------
// Trainings and attendances.

export function listTrainings(db: Db) {
  return db
    .selectFrom('trainings')
    .selectAll('trainings')
    .select(
      sql<number>`(SELECT count(DISTINCT a.coach_id) FROM training_attendances a
        WHERE a.training_id = trainings.id AND a.completed = 1)`.as('attendees'),
    )
    .orderBy('sort_name')
    .orderBy('id')
    .execute()
}
export type TrainingWithCountRow = Awaited<ReturnType<typeof listTrainings>>[number]

export function findTraining(db: Db, id: number) {
  return db
    .selectFrom('trainings')
    .selectAll('trainings')
    .select(
      sql<number>`(SELECT count(DISTINCT a.coach_id) FROM training_attendances a
        WHERE a.training_id = trainings.id AND a.completed = 1)`.as('attendees'),
    )
    .where('id', '=', id)
    .executeTakeFirst()
}

export async function insertTraining(db: Db, row: Insertable<TrainingsTable>): Promise<number> {
  const inserted = await db.insertInto('trainings').values(row).returning('id').executeTakeFirstOrThrow()
  return inserted.id
}

export async function insertTrainings(db: Db, rows: readonly Insertable<TrainingsTable>[]): Promise<number[]> {
  if (rows.length === 0) return []
  const inserted = await db.insertInto('trainings').values(rows).returning('id').execute()
  return inserted.map((row) => row.id)
}

export async function updateTrainingIfVersion(
  db: Db,
  id: number,
  expectedVersion: number,
  values: Updateable<TrainingsTable>,
): Promise<boolean> {
  const result = await db
    .updateTable('trainings')
    .set({ ...values, version: sql<number>`version + 1` })
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .executeTakeFirst()
  return result.numUpdatedRows === 1n
}

export async function insertAttendance(db: Db, row: Insertable<TrainingAttendancesTable>): Promise<number> {
  const inserted = await db.insertInto('training_attendances').values(row).returning('id').executeTakeFirstOrThrow()
  return inserted.id
}

export async function insertAttendances(db: Db, rows: readonly Insertable<TrainingAttendancesTable>[]) {
  for (let i = 0; i < rows.length; i += 500) {
    await db
      .insertInto('training_attendances')
      .values(rows.slice(i, i + 500))
      .execute()
  }
}

function attendancesWithTraining(db: Db) {
  return db
    .selectFrom('training_attendances as a')
    .innerJoin('trainings as t', 't.id', 'a.training_id')
    .leftJoin('accounts', 'accounts.id', 'a.recorded_by')
    .select([
      'a.id',
      'a.coach_id',
      'a.training_id',
      'a.attended_on',
      'a.hours_qh',
      'a.completed',
      'a.note',
      't.name as training_name',
      't.approved',
      't.category',
      'accounts.display_name as recorded_by_name',
    ])
}
export type AttendanceRow = Awaited<ReturnType<typeof listAttendancesOf>>[number]

export function findAttendance(db: Db, id: number) {
  return attendancesWithTraining(db).where('a.id', '=', id).executeTakeFirstOrThrow()
}

/** A coach's attendances, newest first. */
export function listAttendancesOf(db: Db, coachId: number) {
  return attendancesWithTraining(db)
    .where('a.coach_id', '=', coachId)
    .orderBy('a.attended_on', 'desc')
    .orderBy('a.id', 'desc')
    .execute()
}

/** Quarter-hours a coach already has recorded on a day, across trainings. */
export async function quartersOnDay(db: Db, coachId: number, day: string): Promise<number> {
  const row = await db
    .selectFrom('training_attendances')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('hours_qh'), sql<number>`0`).as('qh'))
    .where('coach_id', '=', coachId)
    .where('attended_on', '=', day)
    .executeTakeFirstOrThrow()
  return Number(row.qh)
}

/** The first day each coach completed the training: who an evaluation compares. */
export function attendeesOf(db: Db, trainingId: number) {
  return db
    .selectFrom('training_attendances')
    .select(['coach_id', (eb) => eb.fn.min<string>('attended_on').as('trained_on')])
    .where('training_id', '=', trainingId)
    .where('completed', '=', 1)
    .groupBy('coach_id')
    .execute()
}

// ---------------------------------------------------------------------------------------------------------------
// Steps.

export function insertStep(db: Db, row: Insertable<LadderStepsTable>) {
  return db.insertInto('ladder_steps').values(row).execute()
}

export async function insertSteps(db: Db, rows: readonly Insertable<LadderStepsTable>[]) {
  for (let i = 0; i < rows.length; i += 500) {
    await db
      .insertInto('ladder_steps')
      .values(rows.slice(i, i + 500))
      .execute()
  }
}

/** Every step a coach completed, with its requirement (retired or not) and the stage it led to. */
export function listStepsOf(db: Db, coachId: number) {
  return db
    .selectFrom('ladder_steps as s')
    .innerJoin('requirements as r', 'r.id', 's.requirement_id')
    .innerJoin('requirement_sets as rs', 'rs.id', 'r.set_id')
    .leftJoin('accounts', 'accounts.id', 's.confirmed_by')
    .select([
      's.requirement_id',
      's.completed_on',
      's.note',
      'r.label',
      'r.kind',
      'r.retired_at',
      'rs.stage',
      'accounts.display_name as confirmed_by_name',
    ])
    .where('s.coach_id', '=', coachId)
    .orderBy('s.completed_on', 'desc')
    .orderBy('s.id', 'desc')
    .execute()
}
export type StepRow = Awaited<ReturnType<typeof listStepsOf>>[number]

// ---------------------------------------------------------------------------------------------------------------
// Progress: approved, completed hours by training category; and steps done.

/** Every current coach's completed hours of approved training, per training category (NULL: none). */
export function approvedQuartersByCoachAndCategory(db: Db, statuses: readonly CoachStatus[]) {
  return db
    .selectFrom('training_attendances as a')
    .innerJoin('trainings as t', 't.id', 'a.training_id')
    .innerJoin('coaches as c', 'c.id', 'a.coach_id')
    .select(['a.coach_id', 't.category', (eb) => eb.fn.sum<number>('a.hours_qh').as('qh')])
    .where('c.status', 'in', statuses)
    .where('a.completed', '=', 1)
    .where('t.approved', '=', 1)
    .groupBy(['a.coach_id', 't.category'])
    .execute()
}

/** Which of the given requirements each coach has completed. */
export function stepsDoneAmong(db: Db, requirementIds: readonly number[]) {
  if (requirementIds.length === 0) return Promise.resolve([])
  return db
    .selectFrom('ladder_steps')
    .select(['coach_id', 'requirement_id'])
    .where('requirement_id', 'in', requirementIds)
    .execute()
}

/** Every active requirement of every set, for the office view. */
export function activeRequirementsBySet(db: Db) {
  return db
    .selectFrom('requirements')
    .innerJoin('requirement_sets', 'requirement_sets.id', 'requirements.set_id')
    .selectAll('requirements')
    .select('requirement_sets.stage')
    .where('requirements.retired_at', 'is', null)
    .orderBy('requirements.set_id')
    .orderBy('requirements.position')
    .execute()
}

export function currentCoaches(db: Db, statuses: readonly CoachStatus[]) {
  return db
    .selectFrom('coaches')
    .select(['id', 'legal_name', 'preferred_name', 'career_stage'])
    .where('status', 'in', statuses)
    .execute()
}

/** Completed training hours per quarter, approved and all, oldest first. */
export async function quartersByQuarter(db: Db) {
  const result = await sql<{ quarter: string; approved_qh: number; all_qh: number }>`
    SELECT substr(a.attended_on, 1, 4) || '-Q' || ((CAST(substr(a.attended_on, 6, 2) AS INTEGER) + 2) / 3) AS quarter,
      sum(CASE WHEN t.approved = 1 THEN a.hours_qh ELSE 0 END) AS approved_qh,
      sum(a.hours_qh) AS all_qh
    FROM training_attendances a INDEXED BY training_attendances_by_day
    JOIN trainings t ON t.id = a.training_id
    WHERE a.completed = 1
    GROUP BY quarter
    ORDER BY quarter`.execute(db)
  return result.rows
}

// ---------------------------------------------------------------------------------------------------------------
// Names for the audit page.

export async function requirementSetNames(db: Db, ids: readonly number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map()
  const rows = await db.selectFrom('requirement_sets').select(['id', 'stage']).where('id', 'in', ids).execute()
  return new Map(rows.map((row) => [row.id, `Requirements for ${CAREER_STAGES[row.stage]}`]))
}

export async function trainingNames(db: Db, ids: readonly number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map()
  const rows = await db.selectFrom('trainings').select(['id', 'name']).where('id', 'in', ids).execute()
  return new Map(rows.map((row) => [row.id, row.name]))
}
