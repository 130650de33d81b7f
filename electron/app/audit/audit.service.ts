import type { ParsedInput } from '@shared/api/contract'
import type { AuditPage } from '@shared/domain/audit'
import { instant, type Clock } from '../clock'
import type { Context } from '../context'
import type { Db } from '../db/schema'
import { decodeCursor, pageOf } from '../db/keyset'
import type { UserSession } from '../auth/sessions'
import * as repo from './audit.repository'
import type { AuditEntry, RecordNamers } from './audit'

/** Writes one event: the router calls this for every declared entry, auth for failed sign-ins. */
export function recordEvent(
  db: Db,
  actor: { clock: Clock; session: Pick<UserSession, 'accountId'> | null },
  entry: AuditEntry,
  accountId: number | null = entry.actorAccountId ?? actor.session?.accountId ?? null,
) {
  const { actorAccountId: _actor, ...event } = entry
  return repo.insertEvent(db, { at: instant(actor.clock), accountId, ...event })
}

export async function listAudit(
  ctx: Context,
  input: ParsedInput<'audit.list'>,
  namers: RecordNamers,
): Promise<AuditPage> {
  const rows = await repo.listEvents(ctx.db, {
    accountId: input.accountId,
    recordType: input.recordType,
    action: input.action,
    recordId: input.recordId,
    fromInstant: input.from !== undefined ? `${input.from}T00:00:00.000Z` : undefined,
    beforeInstant: input.to !== undefined ? dayAfter(input.to) : undefined,
    after: input.cursor !== undefined ? decodeCursor(input.cursor, ['number'], 'cursor') : undefined,
    limit: input.limit,
  })
  const page = pageOf(rows, input.limit, (row) => [row.id])
  const names = await nameRecords(ctx, page.rows, namers)
  return {
    items: page.rows.map((row) => ({
      id: row.id,
      at: row.at,
      accountId: row.account_id,
      actor: row.username ?? null,
      action: row.action,
      recordType: row.record_type,
      recordId: row.record_id,
      summary: row.summary,
      recordName: row.record_id === null ? null : (names.get(`${row.record_type}:${row.record_id}`) ?? null),
    })),
    nextCursor: page.nextCursor,
  }
}

function dayAfter(day: string): string {
  const next = new Date(`${day}T00:00:00.000Z`)
  next.setUTCDate(next.getUTCDate() + 1)
  return next.toISOString()
}

/** The names of a page's records, one query per record type on the page. */
async function nameRecords(
  ctx: Context,
  rows: readonly { record_type: string; record_id: number | null }[],
  namers: RecordNamers,
): Promise<Map<string, string>> {
  const idsByType = new Map<keyof RecordNamers, Set<number>>()
  for (const row of rows) {
    if (row.record_id === null) continue
    const type = row.record_type as keyof RecordNamers
    if (!namers[type]) continue
    const ids = idsByType.get(type) ?? new Set<number>()
    ids.add(row.record_id)
    idsByType.set(type, ids)
  }
  const names = new Map<string, string>()
  for (const [type, ids] of idsByType) {
    for (const [id, name] of await namers[type]!(ctx.db, [...ids])) names.set(`${type}:${id}`, name)
  }
  return names
}
