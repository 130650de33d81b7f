import { sql } from 'kysely'
import type { AuditAction, AuditRecordType } from '@shared/domain/audit'
import type { Db } from '../db/schema'
import type { KeyValues } from '../db/keyset'

/** All SQL of the audit trail. The table is append-only: there is no update or delete here, and triggers refuse them. */

export function insertEvent(
  db: Db,
  event: {
    at: string
    accountId: number | null
    action: AuditAction
    recordType: AuditRecordType
    recordId: number | null
    summary: string | null
  },
) {
  return db
    .insertInto('audit_events')
    .values({
      at: event.at,
      account_id: event.accountId,
      action: event.action,
      record_type: event.recordType,
      record_id: event.recordId,
      summary: event.summary,
    })
    .execute()
}

export interface AuditQuery {
  accountId?: number
  recordType?: AuditRecordType
  action?: AuditAction
  recordId?: number
  /** Inclusive lower bound, an instant. */
  fromInstant?: string
  /** Exclusive upper bound, an instant. */
  beforeInstant?: string
  /** The id of the last row of the previous page. */
  after?: KeyValues
  limit: number
}

/**
 * A stretch of time at most this long is read through `audit_events_by_at` and its events sorted by id: at a decade's
 * density a quarter is some 7,500 events, sorted in a few milliseconds. A longer one is read newest first by id,
 * where a page fills long before the sort of a year's events would have finished.
 */
const SHORT_STRETCH_MS = 92 * 24 * 60 * 60 * 1000

/** Whether the query's time range is short enough to be read by time (see SHORT_STRETCH_MS). */
export function readsByTime(query: Pick<AuditQuery, 'fromInstant' | 'beforeInstant'>): boolean {
  if (query.fromInstant === undefined || query.beforeInstant === undefined) return false
  return Date.parse(query.beforeInstant) - Date.parse(query.fromInstant) <= SHORT_STRETCH_MS
}

/**
 * Newest first, keyset-paged on id; one extra row tells whether more follow. Which index reads the page is chosen
 * here, not left to SQLite, which without statistics would read a decade by time to sort it, or a single day by
 * walking every event of one action: a unary `+` keeps a column's index out of the plan, so a short stretch of time
 * is read by time alone and anything else by the other filters' indexes (or by id).
 */
export function listEvents(db: Db, query: AuditQuery) {
  const byTime = readsByTime(query)
  const column = <C extends 'account_id' | 'record_type' | 'action' | 'record_id' | 'at'>(name: C, indexed: boolean) =>
    indexed ? (`e.${name}` as const) : sql.raw<string>(`+e.${name}`)
  let q = db
    .selectFrom('audit_events as e')
    .leftJoin('accounts as a', 'a.id', 'e.account_id')
    .select(['e.id', 'e.at', 'e.account_id', 'a.username', 'e.action', 'e.record_type', 'e.record_id', 'e.summary'])
  if (query.accountId !== undefined) q = q.where(column('account_id', !byTime), '=', query.accountId)
  if (query.recordType !== undefined) q = q.where(column('record_type', !byTime), '=', query.recordType)
  if (query.action !== undefined) q = q.where(column('action', !byTime), '=', query.action)
  if (query.recordId !== undefined) q = q.where(column('record_id', !byTime), '=', query.recordId)
  if (query.fromInstant !== undefined) q = q.where(column('at', byTime), '>=', query.fromInstant)
  if (query.beforeInstant !== undefined) q = q.where(column('at', byTime), '<', query.beforeInstant)
  if (query.after !== undefined) q = q.where('e.id', '<', query.after[0] as number)
  return q
    .orderBy('e.id', 'desc')
    .limit(query.limit + 1)
    .execute()
}

/** When the database was last backed up, as the trail records it. */
export async function lastEventAt(db: Db, action: AuditAction): Promise<string | null> {
  const row = await db
    .selectFrom('audit_events')
    .select('at')
    .where('action', '=', action)
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst()
  return row?.at ?? null
}

/**
 * Many events at once, oldest first: for the seeds' years of history, never for a call's own event. The chain trigger
 * hashes each row as it does any other, so the trail comes out chained exactly as if written one by one.
 */
export async function insertEventsInBulk(
  db: Db,
  events: readonly {
    at: string
    accountId: number | null
    action: AuditAction
    recordType: AuditRecordType
    recordId: number | null
    summary: string | null
  }[],
): Promise<void> {
  if (!db.isTransaction) {
    await db.transaction().execute((trx) => insertEventsInBulk(trx, events))
    return
  }
  // One bound JSON array a statement rather than six values a row: far cheaper to bind than a 30,000-value INSERT.
  for (let start = 0; start < events.length; start += 10_000) {
    const rows = events
      .slice(start, start + 10_000)
      .map((e) => [e.at, e.accountId, e.action, e.recordType, e.recordId, e.summary])
    await sql`
      INSERT INTO audit_events (at, account_id, action, record_type, record_id, summary)
        SELECT value ->> 0, value ->> 1, value ->> 2, value ->> 3, value ->> 4, value ->> 5
        FROM json_each(${JSON.stringify(rows)}) ORDER BY key`.execute(db)
  }
}

// --- The chain and its seal ----------------------------------------------------------------------------------

/** The newest event: the chain's head. */
export function headEvent(db: Db) {
  return db.selectFrom('audit_events').select(['id', 'hash']).orderBy('id', 'desc').limit(1).executeTakeFirst()
}

export function eventHash(db: Db, id: number) {
  return db.selectFrom('audit_events').select(['id', 'hash']).where('id', '=', id).executeTakeFirst()
}

/** Events after `afterId`, oldest first, with everything their hash covers. */
export function eventsAfter(db: Db, afterId: number, limit: number) {
  return db
    .selectFrom('audit_events')
    .select(['id', 'at', 'account_id', 'action', 'record_type', 'record_id', 'summary', 'hash'])
    .where('id', '>', afterId)
    .orderBy('id')
    .limit(limit)
    .execute()
}

export function readSeal(db: Db) {
  return db.selectFrom('supervisors.audit_seal').select(['event_id', 'hash', 'mac']).executeTakeFirst()
}

export async function readCheckpoints(db: Db): Promise<Map<number, string>> {
  const rows = await db.selectFrom('supervisors.audit_checkpoints').select(['event_id', 'hash']).execute()
  return new Map(rows.map((row) => [row.event_id, row.hash]))
}

export async function writeCheckpoints(db: Db, rows: readonly { event_id: number; hash: string }[]) {
  for (let start = 0; start < rows.length; start += 5000) {
    await db
      .insertInto('supervisors.audit_checkpoints')
      .values(rows.slice(start, start + 5000))
      .onConflict((oc) => oc.doNothing())
      .execute()
  }
}

export function recordBreak(db: Db, detectedAt: string, problem: string) {
  return db
    .insertInto('supervisors.audit_breaks')
    .values({ detected_at: detectedAt, problem: problem.slice(0, 500) })
    .execute()
}

export function listBreaks(db: Db) {
  return db.selectFrom('supervisors.audit_breaks').select(['detected_at', 'problem']).orderBy('id').execute()
}

export function writeSeal(db: Db, seal: { event_id: number; hash: string; mac: string }) {
  return db
    .insertInto('supervisors.audit_seal')
    .values({ id: 1, ...seal })
    .onConflict((oc) => oc.column('id').doUpdateSet(seal))
    .execute()
}
