import type { Migration } from '../migrations'

/**
 * Frozen: never edit after it has landed. Add a new migration to this file's list instead.
 *
 * Supervision's private notes and their search index: supervisors' eyes only, so in this file under the supervisors'
 * key. A note is keyed by its session's id in the main database (no foreign key can cross the two files: the service
 * writes both in one transaction on the one connection). `locked` is set in the transaction that signs the session
 * off, and from then on the trigger refuses any change; private addenda are insert-only.
 */
export const supervisors002Supervision: Migration = {
  version: 2,
  name: "supervision's private notes and their search",
  sql: `
    CREATE TABLE private_notes (
      session_id INTEGER PRIMARY KEY,
      text TEXT NOT NULL CHECK (length(text) <= 20000),
      locked INTEGER NOT NULL DEFAULT 0 CHECK (locked IN (0, 1)),
      updated_at TEXT NOT NULL
    ) STRICT;
    CREATE TRIGGER private_notes_locked BEFORE UPDATE ON private_notes WHEN OLD.locked = 1 BEGIN
      SELECT RAISE(ABORT, 'the private note of a signed-off session cannot be changed');
    END;
    CREATE TRIGGER private_notes_no_delete BEFORE DELETE ON private_notes WHEN OLD.locked = 1 BEGIN
      SELECT RAISE(ABORT, 'the private note of a signed-off session cannot be deleted');
    END;

    CREATE TABLE private_addenda (
      addendum_id INTEGER PRIMARY KEY,
      session_id INTEGER NOT NULL,
      text TEXT NOT NULL CHECK (length(text) BETWEEN 1 AND 20000)
    ) STRICT;
    CREATE INDEX private_addenda_by_session ON private_addenda (session_id, addendum_id);
    CREATE TRIGGER private_addenda_no_update BEFORE UPDATE ON private_addenda BEGIN
      SELECT RAISE(ABORT, 'an addendum cannot be changed');
    END;
    CREATE TRIGGER private_addenda_no_delete BEFORE DELETE ON private_addenda BEGIN
      SELECT RAISE(ABORT, 'an addendum cannot be deleted');
    END;

    CREATE VIRTUAL TABLE private_notes_fts USING fts5(
      text, content = 'private_notes', content_rowid = 'session_id',
      tokenize = 'unicode61 remove_diacritics 2'
    );
    CREATE TRIGGER private_notes_fts_insert AFTER INSERT ON private_notes BEGIN
      INSERT INTO private_notes_fts (rowid, text) VALUES (NEW.session_id, NEW.text);
    END;
    CREATE TRIGGER private_notes_fts_update AFTER UPDATE OF text ON private_notes BEGIN
      INSERT INTO private_notes_fts (private_notes_fts, rowid, text) VALUES ('delete', OLD.session_id, OLD.text);
      INSERT INTO private_notes_fts (rowid, text) VALUES (NEW.session_id, NEW.text);
    END;
    CREATE TRIGGER private_notes_fts_delete AFTER DELETE ON private_notes BEGIN
      INSERT INTO private_notes_fts (private_notes_fts, rowid, text) VALUES ('delete', OLD.session_id, OLD.text);
    END;
  `,
}
