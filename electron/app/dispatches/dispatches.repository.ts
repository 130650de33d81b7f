import { sql, type Insertable, type SqlBool, type Updateable } from 'kysely'
import type { DispatchState } from '@shared/domain/dispatches'
import type { Db } from '../db/schema'
import type { DispatchScope } from './dispatches.policy'
import type { DispatchesTable } from './dispatches.table'

/** All SQL of the dispatch log. The database (or the call's transaction) is passed in. */

/** Rows per statement in bulk writes: well under SQLite's limit of bound values (17 columns a row). */
const CHUNK = 500

function chunks<T>(items: readonly T[], size = CHUNK): T[][] {
  const out: T[][] = []
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size))
  return out
}

function withContext(db: Db) {
  return db
    .selectFrom('dispatches')
    .innerJoin('contracts', 'contracts.id', 'dispatches.contract_id')
    .innerJoin('partners', 'partners.id', 'contracts.partner_id')
    .leftJoin('coaches', 'coaches.id', 'dispatches.coach_id')
    .selectAll('dispatches')
    .select([
      'contracts.reference as contract_reference',
      'contracts.target_minutes',
      'partners.name as partner_name',
      'partners.type as partner_type',
      'coaches.legal_name as coach_legal_name',
      'coaches.preferred_name as coach_preferred_name',
    ])
}
export type DispatchWithContext = Awaited<ReturnType<typeof findDispatch>> & object

/** The dispatch with its contract, partner and coach names, if the scope reaches it. */
export function findDispatch(db: Db, id: number, scope: DispatchScope = { kind: 'all' }) {
  let q = withContext(db).where('dispatches.id', '=', id)
  if (scope.kind === 'own') q = q.where('dispatches.coach_id', '=', scope.coachId ?? -1)
  return q.executeTakeFirst()
}

/** The row alone: for version checks and audit summaries. */
export function findDispatchRow(db: Db, id: number) {
  return db.selectFrom('dispatches').selectAll().where('id', '=', id).executeTakeFirst()
}

export async function insertDispatch(db: Db, row: Insertable<DispatchesTable>): Promise<number> {
  const inserted = await db.insertInto('dispatches').values(row).returning('id').executeTakeFirstOrThrow()
  return inserted.id
}

/** Many rows at once (the seeds): one statement per few hundred rows, in the caller's transaction. */
export async function insertDispatches(db: Db, rows: readonly Insertable<DispatchesTable>[]): Promise<void> {
  for (const part of chunks(rows)) await db.insertInto('dispatches').values(part).execute()
}

export async function updateDispatchIfVersion(
  db: Db,
  id: number,
  expectedVersion: number,
  values: Updateable<DispatchesTable>,
): Promise<boolean> {
  const result = await db
    .updateTable('dispatches')
    .set({ ...values, version: sql<number>`version + 1` })
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .executeTakeFirst()
  return result.numUpdatedRows === 1n
}

export interface DispatchQuery {
  scope: DispatchScope
  contractId: number | null
  coachId: number | null
  /** [fromInstant, beforeInstant) in UTC. */
  fromInstant: string | null
  beforeInstant: string | null
  state: DispatchState
  /** The (requested_at, id) of the last row of the previous page. */
  after: readonly [string, number] | null
  limit: number
}

/** One page of the log, newest request first, keyset-paged on (requested_at, id). */
export function listDispatchPage(db: Db, query: DispatchQuery) {
  let q = withContext(db)
  if (query.scope.kind === 'own') q = q.where('dispatches.coach_id', '=', query.scope.coachId ?? -1)
  if (query.contractId !== null) q = q.where('dispatches.contract_id', '=', query.contractId)
  if (query.coachId !== null) q = q.where('dispatches.coach_id', '=', query.coachId)
  if (query.fromInstant !== null) q = q.where('dispatches.requested_at', '>=', query.fromInstant)
  if (query.beforeInstant !== null) q = q.where('dispatches.requested_at', '<', query.beforeInstant)
  if (query.state === 'open') q = q.where('dispatches.completed_at', 'is', null)
  if (query.state === 'closed') q = q.where('dispatches.completed_at', 'is not', null)
  const after = query.after
  if (after) {
    q = q.where((eb) => eb(eb.refTuple('dispatches.requested_at', 'dispatches.id'), '<', eb.tuple(after[0], after[1])))
  }
  return q
    .orderBy('dispatches.requested_at', 'desc')
    .orderBy('dispatches.id', 'desc')
    .limit(query.limit + 1)
    .execute()
}

/** How many of a contract's dispatches were requested before `start`, and at or after `end`. */
export async function countOutsideTerm(db: Db, contractId: number, start: string, end: string) {
  const row = await db
    .selectFrom('dispatches')
    .select([
      sql<number>`count(*) FILTER (WHERE requested_at < ${start})`.as('before'),
      sql<number>`count(*) FILTER (WHERE requested_at >= ${end})`.as('after'),
    ])
    .where('contract_id', '=', contractId)
    .where(sql<SqlBool>`(requested_at < ${start} OR requested_at >= ${end})`)
    .executeTakeFirstOrThrow()
  return { before: Number(row.before), after: Number(row.after) }
}

export function requestTimes(db: Db, contractId: number) {
  return db
    .selectFrom('dispatches')
    .select(['id', 'requested_at', 'outside_coverage'])
    .where('contract_id', '=', contractId)
    .execute()
}

export async function setOutsideCoverage(db: Db, ids: readonly number[], flag: 0 | 1) {
  for (const part of chunks(ids)) {
    await db.updateTable('dispatches').set({ outside_coverage: flag }).where('id', 'in', part).execute()
  }
}

/** Touching, ascending [start, end) ranges of UTC instants: office months or weeks. */
export interface Ranges {
  /** One contract, or every contract. */
  contractId: number | null
  ranges: readonly { start: string; end: string }[]
}

/** Which range a request falls in, as SQL: the first whose end is after it. */
function rangeIndex(ranges: Ranges['ranges']) {
  return sql<number>`CASE ${sql.join(
    ranges.map((range, i) => sql`WHEN d.requested_at < ${range.end} THEN ${i}`),
    sql` `,
  )} END`
}

const figuresIndex = (query: Pick<Ranges, 'contractId'>) =>
  sql.raw(query.contractId === null ? 'dispatches_by_requested' : 'dispatches_by_contract')

function inRange(range: { start: string; end: string }, contractId: number | null) {
  const contract = contractId === null ? sql`` : sql`AND d.contract_id = ${contractId}`
  return sql`d.requested_at >= ${range.start} AND d.requested_at < ${range.end} ${contract}`
}

function rangeCondition(query: Ranges) {
  const first = query.ranges[0]!
  const last = query.ranges[query.ranges.length - 1]!
  return inRange({ start: first.start, end: last.end }, query.contractId)
}

export interface CountsRow {
  k: number
  requests: number
  fulfilled: number
  /** Null where no single target applies (every contract together). */
  within: number | null
  outside: number
}

/**
 * Requests, arrivals, arrivals within `targetMinutes` and requests outside coverage, per range, counted by SQLite over
 * a covering index alone (the log's own: the columns after its key): one plain aggregate per range, so nothing is
 * sorted and the table is never read.
 */
export async function countByRange(db: Db, query: Ranges & { targetMinutes: number | null }): Promise<CountsRow[]> {
  const within =
    query.targetMinutes === null ? sql`NULL` : sql`coalesce(sum(d.arrival_seconds <= ${query.targetMinutes * 60}), 0)`
  const parts = query.ranges.map(
    (range, i) => sql`
      SELECT ${i} AS k, count(*) AS requests, count(d.arrival_seconds) AS fulfilled, ${within} AS within,
        coalesce(sum(d.outside_coverage), 0) AS outside
      FROM dispatches d INDEXED BY ${figuresIndex(query)}
      WHERE ${inRange(range, query.contractId)}`,
  )
  return (await sql<CountsRow>`${sql.join(parts, sql` UNION ALL `)}`.execute(db)).rows
}

/** The same counts per contract over one range (a month of every contract), each against its own target. */
export async function countByContract(db: Db, range: { start: string; end: string }): Promise<CountsRow[]> {
  const result = await sql<CountsRow>`
    SELECT d.contract_id AS k, count(*) AS requests, count(d.arrival_seconds) AS fulfilled,
      coalesce(sum(d.arrival_seconds <= c.target_minutes * 60), 0) AS within,
      coalesce(sum(d.outside_coverage), 0) AS outside
    FROM dispatches d INDEXED BY dispatches_by_requested
    JOIN contracts c ON c.id = d.contract_id
    WHERE ${inRange(range, null)}
    GROUP BY d.contract_id`.execute(db)
  return result.rows
}

/** Group by range (`range`) or by contract (`contract`, over all the ranges together). */
type GroupBy = 'range' | 'contract'
const groupKey = (query: Ranges, by: GroupBy) => (by === 'range' ? rangeIndex(query.ranges) : sql`d.contract_id`)

export interface RankRow {
  k: number
  /** 1-based rank of `seconds` among the group's arrivals, ascending. */
  r: number
  n: number
  seconds: number
}

/**
 * Only the arrivals whose ranks the median and the 90th percentile interpolate between (the floor and ceiling of
 * (n - 1) × p, plus one), per range or contract: SQLite sorts, at most four rows a group come back.
 */
export async function quantileRanks(db: Db, query: Ranges, by: GroupBy): Promise<RankRow[]> {
  const result = await sql<RankRow>`
    SELECT k, r, n, seconds FROM (
      SELECT k, seconds, row_number() OVER w AS r, count(*) OVER w AS n
      FROM (
        SELECT ${groupKey(query, by)} AS k, d.arrival_seconds AS seconds
        FROM dispatches d INDEXED BY ${figuresIndex(query)}
        WHERE ${rangeCondition(query)} AND d.arrival_seconds IS NOT NULL
      )
      -- One window for both, so the arrivals are sorted once; its frame is the whole group, so count(*) is n.
      WINDOW w AS (PARTITION BY k ORDER BY seconds ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING)
    )
    WHERE r IN ((n - 1) / 2 + 1, n / 2 + 1, ((n - 1) * 9) / 10 + 1, ((n - 1) * 9 + 9) / 10 + 1)`.execute(db)
  return result.rows
}

/** Dispatches per coach per range: one small grouping per range (a week), none across them all. */
export async function coachRangeCounts(db: Db, query: Ranges) {
  const parts = query.ranges.map(
    (range, i) => sql`
      SELECT ${i} AS k, d.coach_id, count(*) AS n
      FROM dispatches d INDEXED BY ${figuresIndex(query)}
      WHERE ${inRange(range, query.contractId)} AND d.coach_id IS NOT NULL
      GROUP BY d.coach_id`,
  )
  return (await sql<{ k: number; coach_id: number; n: number }>`${sql.join(parts, sql` UNION ALL `)}`.execute(db)).rows
}

/** The coaches among `coachIds` on a dispatch not yet completed. */
export async function coachesOnOpenDispatch(db: Db, coachIds: readonly number[]): Promise<Set<number>> {
  if (coachIds.length === 0) return new Set()
  const rows = await db
    .selectFrom('dispatches')
    .select('coach_id')
    .distinct()
    .where('completed_at', 'is', null)
    .where('coach_id', 'in', coachIds)
    .execute()
  return new Set(rows.map((row) => row.coach_id!))
}

/** Dispatches per coach requested in [start, end), under any contract. */
export async function countsPerCoach(db: Db, coachIds: readonly number[], start: string, end: string) {
  if (coachIds.length === 0) return new Map<number, number>()
  const rows = await db
    .selectFrom('dispatches')
    .select(['coach_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('coach_id', 'in', coachIds)
    .where('requested_at', '>=', start)
    .where('requested_at', '<', end)
    .groupBy('coach_id')
    .execute()
  return new Map(rows.map((row) => [row.coach_id!, Number(row.n)]))
}

/** A contract's dispatches requested in [start, end), oldest first, with coach names: the CSV export. */
export function exportRows(db: Db, contractId: number, start: string, end: string) {
  return withContext(db)
    .where('dispatches.contract_id', '=', contractId)
    .where('dispatches.requested_at', '>=', start)
    .where('dispatches.requested_at', '<', end)
    .orderBy('dispatches.requested_at')
    .orderBy('dispatches.id')
    .execute()
}

/** Display names of coaches by id. */
export async function coachDisplayNames(db: Db, ids: readonly number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map()
  const rows = await db
    .selectFrom('coaches')
    .select(['id', 'legal_name', 'preferred_name'])
    .where('id', 'in', ids)
    .execute()
  return new Map(rows.map((row) => [row.id, row.preferred_name ?? row.legal_name]))
}

/** "REF-1, requested 2026-11-20T09:00Z" by id, for the audit page: the log has no other name for a dispatch. */
export async function dispatchNames(db: Db, ids: readonly number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map()
  const rows = await db
    .selectFrom('dispatches')
    .innerJoin('contracts', 'contracts.id', 'dispatches.contract_id')
    .select(['dispatches.id', 'contracts.reference', 'dispatches.requested_at'])
    .where('dispatches.id', 'in', ids)
    .execute()
  return new Map(
    rows.map((row) => [row.id, `${row.reference}, requested ${row.requested_at.slice(0, 16).replace('T', ' ')} UTC`]),
  )
}
