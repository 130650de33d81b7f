import { createHmac, hash, timingSafeEqual } from 'node:crypto'

/**
 * The audit trail's hash chain: each row holds sha256 over the previous row's hash and its own content, computed by
 * the database itself (a trigger calls `audit_chain_hash`, registered on every connection in db/open.ts), so every
 * path that inserts an event is chained, whoever wrote the INSERT. Anyone holding the database key could recompute a
 * whole chain, so the chain's head is also sealed: MACed with a key derived from the supervisors' key and kept in the
 * supervisors' file, where a copy of the main database alone cannot forge it.
 */

export const GENESIS_HASH = '0'.repeat(64)

export interface ChainedRow {
  id: number
  at: string
  account_id: number | null
  action: string
  record_type: string
  record_id: number | null
  summary: string | null
}

/** Text as length:text and null as "-": no two different rows encode to the same bytes, whatever the summary holds. */
const text = (value: string | null) => (value === null ? '-' : `${value.length}:${value}`)
const integer = (value: number | null) => (value === null ? '-' : String(value))

/**
 * The hash of a row given its predecessor's (null for the first row). Frozen: migration 005 holds a copy, and
 * changing it would break every chain already written; a new rule would need a new column.
 */
export function auditChainHash(previous: string | null, row: ChainedRow): string {
  const content = [
    integer(row.id),
    text(row.at),
    integer(row.account_id),
    text(row.action),
    text(row.record_type),
    integer(row.record_id),
    text(row.summary),
  ].join('\n')
  return hash('sha256', `${previous ?? GENESIS_HASH}\n${content}`)
}

/** The key the seal is MACed with, derived from the supervisors' key (the recovery key reaches it too). */
export function sealKeyOf(supervisorsKey: Buffer): Buffer {
  return createHmac('sha256', supervisorsKey).update('rco-casebook audit seal v1').digest()
}

export function sealMac(sealKey: Buffer, eventId: number, eventHash: string): string {
  return createHmac('sha256', sealKey).update(`${eventId}\n${eventHash}`).digest('hex')
}

export function sealMacMatches(sealKey: Buffer, eventId: number, eventHash: string, mac: string): boolean {
  const expected = Buffer.from(sealMac(sealKey, eventId, eventHash), 'hex')
  const given = Buffer.from(mac, 'hex')
  return given.length === expected.length && timingSafeEqual(given, expected)
}

/** Events at these ids keep a copy of their hash in the supervisors' file, so a rewritten chain is narrowed down. */
export const CHECKPOINT_EVERY = 100
