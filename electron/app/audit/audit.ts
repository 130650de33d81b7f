import type { ParsedInput } from '@shared/api/contract'
import type { AuditAction, AuditEvent, AuditRecordType } from '@shared/domain/audit'
import type { Kysely } from 'kysely'
import { instant } from '../clock'
import type { Context } from '../context'
import type { Database } from '../db/schema'
import { AppError } from '../errors'

/**
 * The audit trail: who did what to which record, and who read which sensitive record. Written in the same
 * transaction as the change it records, so the two stand or fall together. It never holds note text or scores, and
 * no channel can change or delete it (the table's triggers refuse).
 */
export async function recordAudit(
  db: Kysely<Database>,
  ctx: Pick<Context, 'clock' | 'session'>,
  action: AuditAction,
  recordType: AuditRecordType,
  recordId: number | null,
  accountId: number | null = ctx.session?.accountId ?? null,
): Promise<void> {
  await db
    .insertInto('audit_events')
    .values({ at: instant(ctx.clock), account_id: accountId, action, record_type: recordType, record_id: recordId })
    .execute()
}

function encodeCursor(id: number): string {
  return Buffer.from(JSON.stringify([id])).toString('base64url')
}

function decodeCursor(cursor: string): number {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'))
    if (Array.isArray(value) && value.length === 1 && Number.isSafeInteger(value[0])) return value[0] as number
  } catch {
    // fall through
  }
  throw new AppError('invalid_input', 'The page marker is not valid; start the list again.', {
    cursor: 'Not a valid page marker',
  })
}

/** Newest first, keyset-paged on id. */
export async function listAudit(
  ctx: Context,
  input: ParsedInput<'audit.list'>,
): Promise<{ items: AuditEvent[]; nextCursor: string | null }> {
  let q = ctx.db
    .selectFrom('audit_events as e')
    .leftJoin('accounts as a', 'a.id', 'e.account_id')
    .select(['e.id', 'e.at', 'e.account_id', 'a.username', 'e.action', 'e.record_type', 'e.record_id'])
  if (input.accountId !== undefined) q = q.where('e.account_id', '=', input.accountId)
  if (input.recordType !== undefined) q = q.where('e.record_type', '=', input.recordType)
  if (input.action !== undefined) q = q.where('e.action', '=', input.action)
  if (input.recordId !== undefined) q = q.where('e.record_id', '=', input.recordId)
  if (input.from !== undefined) q = q.where('e.at', '>=', `${input.from}T00:00:00.000Z`)
  if (input.to !== undefined) {
    const dayAfter = new Date(`${input.to}T00:00:00.000Z`)
    dayAfter.setUTCDate(dayAfter.getUTCDate() + 1)
    q = q.where('e.at', '<', dayAfter.toISOString())
  }
  if (input.cursor !== undefined) q = q.where('e.id', '<', decodeCursor(input.cursor))
  const rows = await q
    .orderBy('e.id', 'desc')
    .limit(input.limit + 1)
    .execute()
  const page = rows.slice(0, input.limit)
  return {
    items: page.map((row) => ({
      id: row.id,
      at: row.at,
      accountId: row.account_id,
      actor: row.username ?? null,
      action: row.action as AuditAction,
      recordType: row.record_type as AuditRecordType,
      recordId: row.record_id,
    })),
    nextCursor: rows.length > input.limit ? encodeCursor(page[page.length - 1]!.id) : null,
  }
}
