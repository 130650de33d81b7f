import type { AuditCheck } from '@shared/domain/audit'
import { instant, type Clock } from '../clock'
import type { Db } from '../db/schema'
import * as repo from './audit.repository'
import { auditChainHash, CHECKPOINT_EVERY, sealKeyOf, sealMac, sealMacMatches } from './chain'

/**
 * The seal over the chain's head, and the check of the whole trail.
 *
 * While an unlocked supervisor is signed in, the supervisors' file is attached and the seal follows the head (see
 * `sealHead`). Events written while no supervisor is signed in (a coach saving at night) are chained, but nothing on
 * this machine could seal them without the supervisors' key: they wait as the unsealed tail. When a supervisor next
 * signs in, the tail is checked from the sealed head on and sealed, and the trail records how many events that was.
 * Anyone holding the main database key could have rewritten that tail before then; nothing before the seal can be
 * rewritten without the check reporting it.
 */

const BATCH = 2000

type Problem = NonNullable<AuditCheck['problem']>

interface Walked {
  checked: number
  last: { id: number; hash: string } | null
  problem: Problem | null
  /** Hashes of the events at checkpoint ids that were walked (to copy them into the supervisors' file). */
  checkpoints: { event_id: number; hash: string }[]
}

/**
 * Recomputes each event's hash from `from` (the last event known good, or null for the start) to the head. Stops at
 * the first event that does not check. Yields between batches, so other calls are answered while a long trail is
 * checked.
 */
async function walk(db: Db, from: { id: number; hash: string } | null, sealed: Map<number, string> | null) {
  const walked: Walked = { checked: 0, last: from, problem: null, checkpoints: [] }
  let lastGoodCheckpoint = 0
  for (;;) {
    const rows = await repo.eventsAfter(db, walked.last?.id ?? 0, BATCH)
    for (const row of rows) {
      const expected = (walked.last?.id ?? 0) + 1
      if (row.id !== expected) {
        walked.problem = {
          eventId: expected,
          message:
            row.id === expected + 1
              ? `Event ${expected} is missing: it was deleted.`
              : `Events ${expected} to ${row.id - 1} are missing: they were deleted.`,
        }
        return walked
      }
      if (row.hash !== auditChainHash(walked.last?.hash ?? null, row)) {
        walked.problem = {
          eventId: row.id,
          message: `Event ${row.id} does not match its hash: it, or the event before it, was changed.`,
        }
        return walked
      }
      const copy = sealed?.get(row.id)
      if (copy !== undefined && copy !== row.hash) {
        walked.problem = {
          eventId: row.id,
          message:
            `Event ${row.id} is not the event that was sealed: the trail was rewritten at or before it` +
            (lastGoodCheckpoint > 0 ? `, after event ${lastGoodCheckpoint}.` : '.'),
        }
        return walked
      }
      const hash = row.hash!
      if (copy !== undefined) lastGoodCheckpoint = row.id
      if (row.id % CHECKPOINT_EVERY === 0) walked.checkpoints.push({ event_id: row.id, hash })
      walked.last = { id: row.id, hash }
      walked.checked += 1
    }
    if (rows.length < BATCH) return walked
    await new Promise((resolve) => setImmediate(resolve))
  }
}

/** Whether the seal still checks and names an event that is there, unchanged; the problem otherwise. */
async function checkSeal(db: Db, supervisorsKey: Buffer) {
  const seal = await repo.readSeal(db)
  if (!seal) return { seal: null, problem: null }
  if (!sealMacMatches(sealKeyOf(supervisorsKey), seal.event_id, seal.hash, seal.mac)) {
    return { seal, problem: { eventId: null, message: 'The seal does not check: the supervisors’ file was changed.' } }
  }
  const row = await repo.eventHash(db, seal.event_id)
  if (!row) {
    return {
      seal,
      problem: {
        eventId: seal.event_id,
        message: `Event ${seal.event_id} was sealed but is gone: the newest events were deleted.`,
      },
    }
  }
  if (row.hash !== seal.hash) {
    return {
      seal,
      problem: {
        eventId: seal.event_id,
        message: `Event ${seal.event_id} is not the event that was sealed: the trail was rewritten at or before it.`,
      },
    }
  }
  return { seal, problem: null }
}

export interface Sealing {
  /** The events newly covered by the seal, oldest and newest; null when there were none. */
  sealed: { fromId: number; toId: number; count: number } | null
  /** Whether there was a seal before (the first seal of a trail is worded as such). */
  hadSeal: boolean
  /** What did not check against the old seal: recorded as a break, and sealing went on from the head. */
  problem: Problem | null
}

/**
 * Moves the seal to the chain's head: checks the old seal, recomputes the events written since it, copies the
 * checkpoints' hashes, and seals the newest event walked. Run when the supervisors' file is attached (a sign-in or an
 * unlock), every half minute while it stays attached, before each check, and just before it is detached.
 *
 * Why not a seal per event, inside each save's transaction: the seal lives in the supervisors' file, so every save
 * would commit to two files and wait for two syncs. Sealing in the background keeps a save to one; the cost is that the
 * newest half minute's events are unsealed, as those written while no supervisor is in are.
 *
 * An old seal that does not check is a break: kept for good in the supervisors' file (the check reports it from then
 * on), and the seal goes on from the head as it is now, so the office can go on working.
 */
export async function sealHead(db: Db, supervisorsKey: Buffer, clock: Clock): Promise<Sealing> {
  const sealed = await checkSeal(db, supervisorsKey)
  let problem = sealed.problem
  let walked: Walked | null = null
  if (!problem) {
    walked = await walk(db, sealed.seal ? { id: sealed.seal.event_id, hash: sealed.seal.hash } : null, null)
    problem = walked.problem
  }
  const head = problem ? ((await repo.headEvent(db)) ?? null) : walked!.last
  const sealKey = sealKeyOf(supervisorsKey)
  await db.transaction().execute(async (trx) => {
    if (problem) await repo.recordBreak(trx, instant(clock), problem.message)
    else await repo.writeCheckpoints(trx, walked!.checkpoints)
    if (head?.hash && (problem || head.id !== sealed.seal?.event_id)) {
      await repo.writeSeal(trx, { event_id: head.id, hash: head.hash, mac: sealMac(sealKey, head.id, head.hash) })
    }
  })
  sealKey.fill(0)
  const count = walked?.checked ?? 0
  return {
    sealed: count > 0 ? { fromId: walked!.last!.id - count + 1, toId: walked!.last!.id, count } : null,
    hadSeal: sealed.seal !== null,
    problem,
  }
}

/**
 * When the supervisors' file is attached (a supervisor signs in or unlocks): seals the head, and says in the trail
 * what that covered: events written while no supervisor was in (or, after the app was cut off, since its last seal),
 * or the break found.
 */
export async function resumeSealing(
  db: Db,
  supervisorsKey: Buffer,
  clock: Clock,
  record: (summary: string) => Promise<void>,
): Promise<void> {
  const { sealed, hadSeal, problem } = await sealHead(db, supervisorsKey, clock)
  if (problem) {
    await record(
      `The trail did not match its seal when a supervisor signed in (${problem.message}) Sealed again from here.`,
    )
  } else if (sealed && !hadSeal) {
    // The first seal of this trail (a new office's first events, or an office updated from before the chain).
    await record(`Sealed the trail for the first time: events 1 to ${sealed.toId}, checked from the start`)
  } else if (sealed) {
    await record(
      `Sealed ${sealed.count} event${sealed.count === 1 ? '' : 's'} written since the trail was last sealed` +
        (sealed.count === 1 ? ` (event ${sealed.fromId})` : ` (events ${sealed.fromId} to ${sealed.toId})`),
    )
  }
}

/** The whole trail checked: every event's hash, the copies kept in the supervisors' file, and the seal. */
export async function checkTrail(db: Db, supervisorsKey: Buffer | null): Promise<AuditCheck> {
  const copies = supervisorsKey ? await repo.readCheckpoints(db) : null
  const walked = await walk(db, null, copies)
  const sealed = supervisorsKey ? await checkSeal(db, supervisorsKey) : { seal: null, problem: null }
  const head = await repo.headEvent(db)
  const sealedThrough = sealed.seal && !sealed.problem ? sealed.seal.event_id : null
  const problem = walked.problem ?? sealed.problem
  const breaks = supervisorsKey ? await repo.listBreaks(db) : []
  return {
    // A break found earlier stays a fault: the trail was rewritten once, and sealing again from there does not undo it.
    ok: problem === null && breaks.length === 0,
    checked: walked.checked,
    sealedThrough,
    unsealed: head && head.id > (sealedThrough ?? 0) ? { fromId: (sealedThrough ?? 0) + 1, toId: head.id } : null,
    problem,
    earlierBreaks: breaks.map((b) => ({ detectedAt: b.detected_at, message: b.problem })),
  }
}

/** The check in one sentence, for the trail itself and for logs. */
export function describeCheck(check: AuditCheck): string {
  const events = `${check.checked} event${check.checked === 1 ? '' : 's'}`
  if (check.problem) return `${check.problem.message} (${events} checked before it)`
  const unsealed = check.unsealed
    ? `; ${check.unsealed.toId - check.unsealed.fromId + 1} newest not yet sealed (events ${check.unsealed.fromId} to ${check.unsealed.toId})`
    : ''
  const earlier =
    check.earlierBreaks.length > 0
      ? `; but ${check.earlierBreaks.length} earlier break${check.earlierBreaks.length === 1 ? '' : 's'} on record (${check.earlierBreaks[0]!.message})`
      : ''
  return `${check.earlierBreaks.length > 0 ? 'Chained' : 'Intact'}: ${events}${check.sealedThrough ? `, sealed through event ${check.sealedThrough}` : ''}${unsealed}${earlier}`
}
