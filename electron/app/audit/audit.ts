import type { AuditAction, AuditRecordType } from '@shared/domain/audit'
import type { Context } from '../context'
import type { Db } from '../db/schema'

/**
 * Audit declared, not remembered (DESIGN.md rule 5). Each route that writes, or reads something sensitive, declares
 * the event its successful call records; the router writes it, in the same transaction as the change, so the two
 * stand or fall together. A refused or failed call records nothing (failed sign-ins are the one deliberate
 * exception: auth records them itself, as security events). The trail never holds note text or scores.
 */
export interface AuditEntry {
  action: AuditAction
  recordType: AuditRecordType
  recordId: number | null
  /**
   * What changed, in words ("Status: Active → On leave from 2026-11-01"). Never names, note text or scores: the
   * audit page names the record from the record itself (RecordNamers).
   */
  summary: string
  /** Who did it, where that is not the caller's session (recovering with the recovery key signs someone in). */
  actorAccountId?: number
}

/**
 * - `write`: the router opens the transaction before the handler and records the entry in it.
 * - `own`: the handler opens its transaction through `ctx.transaction` (after slow work such as a key derivation),
 *   and the router records the entry in it.
 * - `after`: calls that cannot run in a transaction (opening the database at sign-in, `VACUUM INTO`); the entry is
 *   recorded once the call succeeded.
 * - `read`: a sensitive read; recorded in a transaction with the read. Its entry may be null (a coach reading their
 *   own records is not recorded).
 */
export type AuditKind = 'write' | 'own' | 'after' | 'read'

export interface AuditDeclaration<I, O> {
  kind: AuditKind
  /**
   * Runs before the handler (inside the transaction for `write` and `read`), so it can load what the record was
   * before the change; answers the function that makes the entry from the answer.
   */
  start(db: Db | null, input: I, ctx: Context): Promise<EntryMaker<O>> | EntryMaker<O>
  /**
   * `after` only: what the caller is told when the call succeeded but its event could not be recorded (a full disk),
   * for a call whose effect outside the database stays; null to answer the recording's own error.
   */
  unrecorded?: (output: O, error: unknown) => Error | null
}
type EntryMaker<O> = (output: O) => AuditEntry | null

interface Facts<I, O> {
  input: I
  output: O
  ctx: Context
}

function declare<I, O>(kind: AuditKind, entry: (facts: Facts<I, O>) => AuditEntry | null): AuditDeclaration<I, O> {
  return { kind, start: (_db, input, ctx) => (output) => entry({ input, output, ctx }) }
}

/** A write whose entry needs only the input and the answer. */
export const onWrite = <I, O>(entry: (facts: Facts<I, O>) => AuditEntry): AuditDeclaration<I, O> =>
  declare('write', entry)

/** A write whose entry says what the record was before: `before` runs in the transaction, ahead of the handler. */
export function onChange<I, O, B>(
  before: (db: Db, input: I) => Promise<B>,
  entry: (facts: Facts<I, O> & { before: B }) => AuditEntry,
): AuditDeclaration<I, O> {
  return {
    kind: 'write',
    async start(db, input, ctx) {
      const previous = await before(db!, input)
      return (output) => entry({ input, output, ctx, before: previous })
    },
  }
}

/** A write whose handler opens the transaction itself, through `ctx.transaction`. */
export const inOwnTransaction = <I, O>(entry: (facts: Facts<I, O>) => AuditEntry): AuditDeclaration<I, O> =>
  declare('own', entry)

/** Recorded once the call succeeded: for calls that open the database or cannot run inside a transaction. */
export const afterSuccess = <I, O>(entry: (facts: Facts<I, O>) => AuditEntry | null): AuditDeclaration<I, O> =>
  declare('after', entry)

/** A sensitive read (notes, ratings): null for a read that need not be recorded, such as a coach's own. */
export const onRead = <I, O>(entry: (facts: Facts<I, O>) => AuditEntry | null): AuditDeclaration<I, O> =>
  declare('read', entry)

/**
 * Names records for the audit page, by record type: the trail stores ids and what changed, and the name is read from
 * the record itself when the page is shown (so the trail copies no names, and shows today's).
 */
export type RecordNamer = (db: Db, ids: readonly number[]) => Promise<Map<number, string>>
export type RecordNamers = Partial<Record<AuditRecordType, RecordNamer>>

/** "Active → On leave", for summaries. */
export const change = (from: string, to: string) => `${from} → ${to}`
