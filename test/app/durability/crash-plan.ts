/**
 * What the crash child writes in transaction number `seq`, shared by the child (which writes it) and the test (which
 * checks it). Everything is a pure function of `seq`, so the test knows exactly which rows each committed transaction
 * must have left, and a transaction that is only partly there cannot pass for a whole one.
 *
 * Transaction `seq`, in the app's own tables:
 *   - one coach with id = version = seq, its cadence = the number of items, its supervisor a padding of known length;
 *   - `itemsFor(seq)` status changes and as many stage changes for that coach, each with a note or date naming it;
 *   - the coach `seq - WINDOW` and its history deleted (so the file stays small and freed pages get reused);
 *   - office_settings.office_name set to `counterName(seq)`: the last transaction committed.
 */
import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers'

/** How many of the most recent transactions' coaches are kept. */
export const WINDOW = 150

/** 1 to 12 history rows of each kind. */
export const itemsFor = (seq: number): number => 1 + ((seq * 7) % 12)

/** 0 to ~3000 characters, so some coaches take overflow pages and transactions touch a varying number of pages. */
export const supervisorFor = (seq: number): string => `S${seq}:` + 'p'.repeat((seq * 131) % 3001)

export const noteFor = (seq: number, item: number): string =>
  `seq ${seq} item ${item} ` + 'n'.repeat((seq * 17 + item * 31) % 400)

export const counterName = (seq: number): string => `crash seq ${seq}`

export function counterOf(sqlite: BetterSqlite3.Database): number {
  const name = sqlite.prepare('SELECT office_name FROM office_settings WHERE id = 1').pluck().get() as
    string | undefined
  if (name === undefined || name === '') return 0
  const match = /^crash seq (\d+)$/.exec(name)
  if (!match) throw new Error(`office_name is not a crash counter: ${JSON.stringify(name)}`)
  return Number(match[1])
}

const STAMP = '2026-11-22T10:00:00.000Z'

/** Prepares the statements once; answers a function that commits transaction `seq` (all of it or, if it throws, none). */
export function transactionWriter(sqlite: BetterSqlite3.Database): (seq: number) => void {
  const insertCoach = sqlite.prepare(`
    INSERT INTO coaches (id, version, legal_name, sort_name, start_date, status, employment, title,
      assigned_supervisor, supervision_cadence_days, career_stage, created_at, updated_at)
    VALUES (@id, @id, @legal_name, @sort_name, '2025-01-01', 'active', 'volunteer', 'ally',
      @supervisor, @items, 'training', '${STAMP}', '${STAMP}')`)
  const insertStatus = sqlite.prepare(
    `INSERT INTO coach_status_changes (coach_id, status, effective_on, note, recorded_at) VALUES (?, 'active', '2025-01-01', ?, '${STAMP}')`,
  )
  const insertStage = sqlite.prepare(
    `INSERT INTO coach_stage_changes (coach_id, stage, changed_on, recorded_at) VALUES (?, 'training', ?, '${STAMP}')`,
  )
  const deleteStatuses = sqlite.prepare('DELETE FROM coach_status_changes WHERE coach_id = ?')
  const deleteStages = sqlite.prepare('DELETE FROM coach_stage_changes WHERE coach_id = ?')
  const deleteCoach = sqlite.prepare('DELETE FROM coaches WHERE id = ?')
  const setCounter = sqlite.prepare(`UPDATE office_settings SET office_name = ?, updated_at = '${STAMP}' WHERE id = 1`)

  const write = sqlite.transaction((seq: number) => {
    const items = itemsFor(seq)
    insertCoach.run({
      id: seq,
      legal_name: `Crash ${seq}`,
      sort_name: `crash ${seq}`,
      supervisor: supervisorFor(seq),
      items,
    })
    for (let item = 1; item <= items; item++) {
      insertStatus.run(seq, noteFor(seq, item))
      insertStage.run(seq, stageDate(item))
    }
    const old = seq - WINDOW
    if (old >= 1) {
      deleteStatuses.run(old)
      deleteStages.run(old)
      if (deleteCoach.run(old).changes !== 1) throw new Error(`coach ${old} should have been there to delete`)
    }
    if (setCounter.run(counterName(seq)).changes !== 1) throw new Error('office_settings row is missing')
  })
  return (seq) => write.immediate(seq)
}

export const stageDate = (item: number): string => `2025-${String(1 + ((item - 1) % 12)).padStart(2, '0')}-01`
