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

/** Newest first, keyset-paged on id; one extra row tells whether more follow. */
export function listEvents(db: Db, query: AuditQuery) {
  let q = db
    .selectFrom('audit_events as e')
    .leftJoin('accounts as a', 'a.id', 'e.account_id')
    .select(['e.id', 'e.at', 'e.account_id', 'a.username', 'e.action', 'e.record_type', 'e.record_id', 'e.summary'])
  if (query.accountId !== undefined) q = q.where('e.account_id', '=', query.accountId)
  if (query.recordType !== undefined) q = q.where('e.record_type', '=', query.recordType)
  if (query.action !== undefined) q = q.where('e.action', '=', query.action)
  if (query.recordId !== undefined) q = q.where('e.record_id', '=', query.recordId)
  if (query.fromInstant !== undefined) q = q.where('e.at', '>=', query.fromInstant)
  if (query.beforeInstant !== undefined) q = q.where('e.at', '<', query.beforeInstant)
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

/** Many events in one statement, oldest first: for the seeds' decade of history, never for a call's own event. */
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
  // SQLite allows 32,766 bound values a statement; six a row.
  for (let start = 0; start < events.length; start += 5000) {
    await db
      .insertInto('audit_events')
      .values(
        events.slice(start, start + 5000).map((event) => ({
          at: event.at,
          account_id: event.accountId,
          action: event.action,
          record_type: event.recordType,
          record_id: event.recordId,
          summary: event.summary,
        })),
      )
      .execute()
  }
}
