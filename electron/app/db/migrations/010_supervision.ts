import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers'
import type { Migration } from './index'

/** Case and accents folded, spaces trimmed and runs of them made one: how a typed name meets an account's. */
export function foldName(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().trim().replace(/\s+/g, ' ')
}

/** A CHECK that a column holds a date shaped `YYYY-MM-DD` (the service checks it is a real one). */
const DATE = `GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'`

/**
 * Frozen: never edit after it has landed. Add a new migration instead.
 *
 * Supervision, in the main database: everything a coach may read of it (sessions, their shared notes, barriers,
 * action items, addenda, the shared-note and action-item search). The private notes live in the supervisors' file
 * (db/supervisors/002_supervision.ts). A signed-off session is locked by triggers here, whoever writes: its fields,
 * coaches, barriers and items never change again (an item's done mark excepted); a correction is an addendum row.
 *
 * The roster's free-text supervisor becomes a link to a supervisor's account: each coach's text is matched to an
 * account's display name (case, accents and spaces folded). The text is kept as it was written (`assigned_supervisor`);
 * where no account is linked it is shown on the coach's page as not matched, for someone to fix, and choosing a
 * supervisor on the coach's form clears it.
 */
export const migration010Supervision: Migration = {
  version: 10,
  name: 'supervision sessions with shared notes, barriers, action items and search; the supervisor as an account',
  run(sqlite: BetterSqlite3.Database) {
    sqlite.exec(`
      ALTER TABLE coaches ADD COLUMN supervisor_account_id INTEGER REFERENCES accounts (id);
      -- "My coaches" and the roster's supervisor filter.
      CREATE INDEX coaches_by_supervisor ON coaches (supervisor_account_id, sort_name, id);
    `)
    linkSupervisors(sqlite)
    sqlite.exec(SQL)
  },
}

/** Matches each coach's free text to exactly one supervisor's display name; the rest is left as it was written. */
export function linkSupervisors(sqlite: BetterSqlite3.Database): void {
  const supervisors = sqlite
    .prepare("SELECT id, display_name FROM accounts WHERE role = 'supervisor' ORDER BY id")
    .all() as Array<{ id: number; display_name: string }>
  const byName = new Map<string, number[]>()
  for (const s of supervisors) {
    const key = foldName(s.display_name)
    byName.set(key, [...(byName.get(key) ?? []), s.id])
  }
  const coaches = sqlite
    .prepare('SELECT id, assigned_supervisor FROM coaches WHERE assigned_supervisor IS NOT NULL')
    .all() as Array<{ id: number; assigned_supervisor: string }>
  const link = sqlite.prepare(
    'UPDATE coaches SET supervisor_account_id = ? WHERE id = ? AND supervisor_account_id IS NULL',
  )
  for (const coach of coaches) {
    const key = foldName(coach.assigned_supervisor)
    if (key === '') continue
    const ids = byName.get(key) ?? []
    // Two supervisors of the same name: a person decides which, not the migration.
    if (ids.length === 1) link.run(ids[0], coach.id)
  }
}

const SQL = `
  CREATE TABLE supervision_sessions (
    id INTEGER PRIMARY KEY,
    version INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1),
    format TEXT NOT NULL CHECK (format IN ('individual', 'group', 'ad_hoc')),
    held_on TEXT NOT NULL CHECK (held_on ${DATE}),
    minutes INTEGER NOT NULL CHECK (minutes BETWEEN 1 AND 600),
    supervisor_account_id INTEGER NOT NULL REFERENCES accounts (id),
    normative INTEGER NOT NULL CHECK (normative IN (0, 1)),
    formative INTEGER NOT NULL CHECK (formative IN (0, 1)),
    restorative INTEGER NOT NULL CHECK (restorative IN (0, 1)),
    shared_note TEXT NOT NULL DEFAULT '' CHECK (length(shared_note) <= 20000),
    status TEXT NOT NULL CHECK (status IN ('draft', 'signed_off')),
    signed_off_at TEXT,
    signed_off_by INTEGER REFERENCES accounts (id),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    CHECK (normative + formative + restorative >= 1),
    CHECK ((status = 'signed_off') = (signed_off_at IS NOT NULL)),
    CHECK ((status = 'signed_off') = (signed_off_by IS NOT NULL))
  ) STRICT;
  -- The office's sessions newest first, and the barrier quarters from a date on.
  CREATE INDEX supervision_sessions_by_date ON supervision_sessions (held_on, id);
  -- The start page's open items of one supervisor's sessions.
  CREATE INDEX supervision_sessions_by_supervisor ON supervision_sessions (supervisor_account_id, held_on);
  -- A session's row carries its shared note (kilobytes): the counts over months of sessions (barriers per quarter,
  -- the three functions' balance) read these narrow indexes instead of every note's pages.
  CREATE INDEX supervision_sessions_counted_by_date ON supervision_sessions (held_on, status, supervisor_account_id);
  CREATE INDEX supervision_sessions_functions ON supervision_sessions (id, status, normative, formative, restorative, held_on);

  -- Who attended. held_on and signed_off are copied from the session so a coach's sessions, and the last signed-off
  -- one per coach (cadence), are read from this index alone.
  CREATE TABLE session_coaches (
    session_id INTEGER NOT NULL REFERENCES supervision_sessions (id),
    coach_id INTEGER NOT NULL REFERENCES coaches (id),
    held_on TEXT NOT NULL CHECK (held_on ${DATE}),
    signed_off INTEGER NOT NULL CHECK (signed_off IN (0, 1)),
    PRIMARY KEY (session_id, coach_id)
  ) STRICT;
  CREATE INDEX session_coaches_by_coach ON session_coaches (coach_id, signed_off, held_on, session_id);

  CREATE TABLE session_barriers (
    id INTEGER PRIMARY KEY,
    session_id INTEGER NOT NULL REFERENCES supervision_sessions (id),
    kind TEXT NOT NULL CHECK (kind IN ('payer_funding', 'host_site_policy', 'stigma', 'other')),
    detail TEXT CHECK (detail IS NULL OR length(detail) BETWEEN 1 AND 200),
    CHECK (kind <> 'other' OR detail IS NOT NULL)
  ) STRICT;
  CREATE INDEX session_barriers_by_session ON session_barriers (session_id);

  CREATE TABLE action_items (
    id INTEGER PRIMARY KEY,
    session_id INTEGER NOT NULL REFERENCES supervision_sessions (id),
    position INTEGER NOT NULL CHECK (position >= 0),
    text TEXT NOT NULL CHECK (length(text) BETWEEN 1 AND 500),
    owner TEXT NOT NULL CHECK (owner IN ('coach', 'supervisor')),
    -- The coach who owns it; NULL when the supervisor does.
    owner_coach_id INTEGER REFERENCES coaches (id),
    due_on TEXT NOT NULL CHECK (due_on ${DATE}),
    done_at TEXT,
    done_by INTEGER REFERENCES accounts (id),
    CHECK ((owner = 'coach') = (owner_coach_id IS NOT NULL)),
    CHECK ((done_at IS NULL) = (done_by IS NULL))
  ) STRICT;
  CREATE INDEX action_items_by_session ON action_items (session_id, position);
  -- A coach's own items, and the start page's open items by due date.
  CREATE INDEX action_items_by_owner ON action_items (owner_coach_id, due_on) WHERE owner_coach_id IS NOT NULL;
  CREATE INDEX action_items_open_by_due ON action_items (due_on, id) WHERE done_at IS NULL;

  -- A correction to a signed-off session, kept beside the original (its private part is in the supervisors' file).
  CREATE TABLE session_addenda (
    id INTEGER PRIMARY KEY,
    session_id INTEGER NOT NULL REFERENCES supervision_sessions (id),
    shared_text TEXT CHECK (shared_text IS NULL OR length(shared_text) BETWEEN 1 AND 20000),
    written_by INTEGER NOT NULL REFERENCES accounts (id),
    written_at TEXT NOT NULL
  ) STRICT;
  CREATE INDEX session_addenda_by_session ON session_addenda (session_id, id);

  -- An assessment made during a session.
  CREATE TABLE session_assessments (
    session_id INTEGER NOT NULL REFERENCES supervision_sessions (id),
    assessment_id INTEGER NOT NULL UNIQUE REFERENCES assessments (id),
    PRIMARY KEY (session_id, assessment_id)
  ) STRICT;

  -- Locked once signed off: only the sign-off itself (draft to signed off) passes.
  CREATE TRIGGER supervision_sessions_locked BEFORE UPDATE ON supervision_sessions
    WHEN OLD.status = 'signed_off' BEGIN
    SELECT RAISE(ABORT, 'a signed-off supervision session cannot be changed');
  END;
  CREATE TRIGGER supervision_sessions_no_delete BEFORE DELETE ON supervision_sessions
    WHEN OLD.status = 'signed_off' BEGIN
    SELECT RAISE(ABORT, 'a signed-off supervision session cannot be deleted');
  END;
  CREATE TRIGGER session_coaches_locked_insert BEFORE INSERT ON session_coaches
    WHEN (SELECT status FROM supervision_sessions WHERE id = NEW.session_id) = 'signed_off' BEGIN
    SELECT RAISE(ABORT, 'a signed-off supervision session cannot be changed');
  END;
  CREATE TRIGGER session_coaches_locked_update BEFORE UPDATE ON session_coaches WHEN OLD.signed_off = 1 BEGIN
    SELECT RAISE(ABORT, 'a signed-off supervision session cannot be changed');
  END;
  CREATE TRIGGER session_coaches_locked_delete BEFORE DELETE ON session_coaches WHEN OLD.signed_off = 1 BEGIN
    SELECT RAISE(ABORT, 'a signed-off supervision session cannot be changed');
  END;
  CREATE TRIGGER session_barriers_locked_insert BEFORE INSERT ON session_barriers
    WHEN (SELECT status FROM supervision_sessions WHERE id = NEW.session_id) = 'signed_off' BEGIN
    SELECT RAISE(ABORT, 'a signed-off supervision session cannot be changed');
  END;
  CREATE TRIGGER session_barriers_locked_change BEFORE UPDATE ON session_barriers
    WHEN (SELECT status FROM supervision_sessions WHERE id = OLD.session_id) = 'signed_off' BEGIN
    SELECT RAISE(ABORT, 'a signed-off supervision session cannot be changed');
  END;
  CREATE TRIGGER session_barriers_locked_delete BEFORE DELETE ON session_barriers
    WHEN (SELECT status FROM supervision_sessions WHERE id = OLD.session_id) = 'signed_off' BEGIN
    SELECT RAISE(ABORT, 'a signed-off supervision session cannot be changed');
  END;
  CREATE TRIGGER action_items_locked_insert BEFORE INSERT ON action_items
    WHEN (SELECT status FROM supervision_sessions WHERE id = NEW.session_id) = 'signed_off' BEGIN
    SELECT RAISE(ABORT, 'a signed-off supervision session cannot be changed');
  END;
  -- Marking an item done (or not) is the one change a signed-off session's item takes.
  CREATE TRIGGER action_items_locked_update BEFORE UPDATE OF id, session_id, position, text, owner, owner_coach_id, due_on
    ON action_items
    WHEN (SELECT status FROM supervision_sessions WHERE id = OLD.session_id) = 'signed_off' BEGIN
    SELECT RAISE(ABORT, 'a signed-off supervision session cannot be changed');
  END;
  CREATE TRIGGER action_items_locked_delete BEFORE DELETE ON action_items
    WHEN (SELECT status FROM supervision_sessions WHERE id = OLD.session_id) = 'signed_off' BEGIN
    SELECT RAISE(ABORT, 'a signed-off supervision session cannot be changed');
  END;
  CREATE TRIGGER session_addenda_signed_off_only BEFORE INSERT ON session_addenda
    WHEN (SELECT status FROM supervision_sessions WHERE id = NEW.session_id) IS NOT 'signed_off' BEGIN
    SELECT RAISE(ABORT, 'an addendum is written to a signed-off session');
  END;
  CREATE TRIGGER session_addenda_no_update BEFORE UPDATE ON session_addenda BEGIN
    SELECT RAISE(ABORT, 'an addendum cannot be changed');
  END;
  CREATE TRIGGER session_addenda_no_delete BEFORE DELETE ON session_addenda BEGIN
    SELECT RAISE(ABORT, 'an addendum cannot be deleted');
  END;

  -- Full-text search, external content: the index holds no copy of the text, and triggers keep it in step with the
  -- rows in the same transaction that saves them.
  CREATE VIRTUAL TABLE session_notes_fts USING fts5(
    shared_note, content = 'supervision_sessions', content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2'
  );
  CREATE TRIGGER session_notes_fts_insert AFTER INSERT ON supervision_sessions BEGIN
    INSERT INTO session_notes_fts (rowid, shared_note) VALUES (NEW.id, NEW.shared_note);
  END;
  CREATE TRIGGER session_notes_fts_update AFTER UPDATE OF shared_note ON supervision_sessions BEGIN
    INSERT INTO session_notes_fts (session_notes_fts, rowid, shared_note) VALUES ('delete', OLD.id, OLD.shared_note);
    INSERT INTO session_notes_fts (rowid, shared_note) VALUES (NEW.id, NEW.shared_note);
  END;
  CREATE TRIGGER session_notes_fts_delete AFTER DELETE ON supervision_sessions BEGIN
    INSERT INTO session_notes_fts (session_notes_fts, rowid, shared_note) VALUES ('delete', OLD.id, OLD.shared_note);
  END;

  CREATE VIRTUAL TABLE action_items_fts USING fts5(
    text, content = 'action_items', content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2'
  );
  CREATE TRIGGER action_items_fts_insert AFTER INSERT ON action_items BEGIN
    INSERT INTO action_items_fts (rowid, text) VALUES (NEW.id, NEW.text);
  END;
  CREATE TRIGGER action_items_fts_update AFTER UPDATE OF text ON action_items BEGIN
    INSERT INTO action_items_fts (action_items_fts, rowid, text) VALUES ('delete', OLD.id, OLD.text);
    INSERT INTO action_items_fts (rowid, text) VALUES (NEW.id, NEW.text);
  END;
  CREATE TRIGGER action_items_fts_delete AFTER DELETE ON action_items BEGIN
    INSERT INTO action_items_fts (action_items_fts, rowid, text) VALUES ('delete', OLD.id, OLD.text);
  END;
`
