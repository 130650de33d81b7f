import type { Migration } from './index'

/** Frozen: never edit after it has landed. Add a new migration instead. */
export const migration002AccountsAudit: Migration = {
  version: 2,
  name: 'accounts, the append-only audit trail, and the automatic lock setting',
  sql: `
    ALTER TABLE office_settings ADD COLUMN auto_lock_minutes INTEGER NOT NULL DEFAULT 10
      CHECK (auto_lock_minutes BETWEEN 1 AND 240);

    CREATE TABLE accounts (
      id INTEGER PRIMARY KEY,
      version INTEGER NOT NULL DEFAULT 1,
      username TEXT NOT NULL COLLATE NOCASE UNIQUE CHECK (length(username) BETWEEN 3 AND 64),
      display_name TEXT NOT NULL CHECK (length(display_name) BETWEEN 1 AND 120),
      role TEXT NOT NULL CHECK (role IN ('supervisor', 'coordinator', 'coach')),
      coach_id INTEGER UNIQUE REFERENCES coaches (id),
      active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
      must_change_password INTEGER NOT NULL DEFAULT 0 CHECK (must_change_password IN (0, 1)),
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      deactivated_at TEXT,
      CHECK ((role = 'coach') = (coach_id IS NOT NULL))
    ) STRICT;

    -- Who did what to which record, and who read which sensitive record. No note text, no scores.
    CREATE TABLE audit_events (
      id INTEGER PRIMARY KEY,
      at TEXT NOT NULL,
      account_id INTEGER REFERENCES accounts (id),
      action TEXT NOT NULL,
      record_type TEXT NOT NULL,
      record_id INTEGER
    ) STRICT;
    CREATE INDEX audit_events_by_account ON audit_events (account_id, id);
    CREATE INDEX audit_events_by_record ON audit_events (record_type, record_id, id);

    CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events
      BEGIN SELECT RAISE(ABORT, 'The audit trail is append-only'); END;
    CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events
      BEGIN SELECT RAISE(ABORT, 'The audit trail is append-only'); END;
  `,
}
