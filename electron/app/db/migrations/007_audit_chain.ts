import { hash } from 'node:crypto'
import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers'
import type { Migration } from './index'

/**
 * Frozen: never edit after it has landed. Add a new migration instead.
 *
 * The audit trail becomes a hash chain: each event holds sha256 over the previous event's hash and its own content,
 * computed by the database (the trigger calls `audit_chain_hash`, which db/open.ts registers on every connection), so
 * every INSERT is chained whoever wrote it. The events already there are chained here, with a copy of the rule of
 * this version (audit/chain.ts must keep producing the same hashes).
 *
 * The triggers refuse what would rewrite the trail: an UPDATE of anything but the hash being filled in once, a DELETE,
 * an INSERT that gives its own hash, reuses an id (INSERT OR REPLACE deletes the old row without firing DELETE
 * triggers, so this is where it is stopped) or leaves a gap.
 */
export const migration007AuditChain: Migration = {
  version: 7,
  name: 'the audit trail as a hash chain',
  run(sqlite: BetterSqlite3.Database) {
    sqlite.exec(`
      ALTER TABLE audit_events ADD COLUMN hash TEXT
        CHECK (hash IS NULL OR (length(hash) = 64 AND hash NOT GLOB '*[^0-9a-f]*'));
      DROP TRIGGER audit_events_no_update;
    `)
    const text = (value: string | null) => (value === null ? '-' : `${value.length}:${value}`)
    const integer = (value: number | null) => (value === null ? '-' : String(value))
    const rows = sqlite
      .prepare('SELECT id, at, account_id, action, record_type, record_id, summary FROM audit_events ORDER BY id')
      .all() as {
      id: number
      at: string
      account_id: number | null
      action: string
      record_type: string
      record_id: number | null
      summary: string | null
    }[]
    const update = sqlite.prepare('UPDATE audit_events SET id = ?, hash = ? WHERE id = ?')
    let previous = '0'.repeat(64)
    // Renumbered 1, 2, 3 ... in order: the chain has no gaps from here on (no earlier version deleted events).
    rows.forEach((row, index) => {
      const id = index + 1
      const content = [
        integer(id),
        text(row.at),
        integer(row.account_id),
        text(row.action),
        text(row.record_type),
        integer(row.record_id),
        text(row.summary),
      ].join('\n')
      previous = hash('sha256', `${previous}\n${content}`)
      update.run(id, previous, row.id)
    })
    sqlite.exec(`
      CREATE TRIGGER audit_events_insert_checked BEFORE INSERT ON audit_events
      WHEN NEW.hash IS NOT NULL OR EXISTS (SELECT 1 FROM audit_events WHERE id = NEW.id)
      BEGIN SELECT RAISE(ABORT, 'The audit trail is append-only: an event cannot be replaced or given its own hash'); END;

      CREATE TRIGGER audit_events_chain AFTER INSERT ON audit_events
      BEGIN
        SELECT RAISE(ABORT, 'The audit trail is append-only: events are numbered without gaps')
          WHERE NEW.id - 1 IS NOT coalesce((SELECT max(id) FROM audit_events WHERE id < NEW.id), 0);
        UPDATE audit_events
          SET hash = audit_chain_hash((SELECT hash FROM audit_events WHERE id = NEW.id - 1), NEW.id, NEW.at,
            NEW.account_id, NEW.action, NEW.record_type, NEW.record_id, NEW.summary)
          WHERE id = NEW.id;
      END;

      CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events
      WHEN NOT (OLD.hash IS NULL AND NEW.hash IS NOT NULL AND NEW.id = OLD.id AND NEW.at IS OLD.at
        AND NEW.account_id IS OLD.account_id AND NEW.action IS OLD.action AND NEW.record_type IS OLD.record_type
        AND NEW.record_id IS OLD.record_id AND NEW.summary IS OLD.summary)
      BEGIN SELECT RAISE(ABORT, 'The audit trail is append-only'); END;
    `)
  },
}
