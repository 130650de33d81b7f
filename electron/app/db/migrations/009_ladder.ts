import type { Migration } from './index'

const STAGES = `('receiving_support', 'volunteering', 'training', 'rcp', 'employment')`
const DATE = (column: string) => `CHECK (${column} GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]')`

/**
 * Frozen: never edit after it has landed. Add a new migration instead.
 *
 * The career ladder's requirements as data: one set per stage (what it takes to reach it), kept by supervisors, each
 * requirement a row that is retired rather than deleted, so a coach's completed step keeps pointing at what they
 * completed. Hours are whole quarter-hours. A requirement's kind and set never change (a completion would change
 * meaning under it), a retirement is final, and completed steps and attendances are never rewritten or deleted here.
 */
export const migration009Ladder: Migration = {
  version: 9,
  name: 'career ladder requirement sets, trainings, attendances and steps',
  sql: `
    CREATE TABLE requirement_sets (
      id INTEGER PRIMARY KEY,
      stage TEXT NOT NULL UNIQUE CHECK (stage IN ${STAGES}),
      version INTEGER NOT NULL CHECK (version >= 1),
      updated_at TEXT NOT NULL,
      updated_by INTEGER REFERENCES accounts (id)
    ) STRICT;

    CREATE TABLE requirements (
      id INTEGER PRIMARY KEY,
      set_id INTEGER NOT NULL REFERENCES requirement_sets (id),
      kind TEXT NOT NULL CHECK (kind IN ('training_hours', 'document_or_step', 'interview_or_signoff')),
      label TEXT NOT NULL CHECK (length(label) BETWEEN 1 AND 200),
      hours_needed_qh INTEGER CHECK (hours_needed_qh > 0),
      category TEXT CHECK (category IS NULL OR length(category) BETWEEN 1 AND 80),
      position INTEGER NOT NULL CHECK (position >= 0),
      created_at TEXT NOT NULL,
      retired_at TEXT,
      CHECK ((kind = 'training_hours') = (hours_needed_qh IS NOT NULL)),
      CHECK (kind = 'training_hours' OR category IS NULL)
    ) STRICT;
    CREATE INDEX requirements_by_set ON requirements (set_id, retired_at, position, id);
    CREATE TRIGGER requirements_kind_kept BEFORE UPDATE OF kind, set_id ON requirements
      WHEN NEW.kind IS NOT OLD.kind OR NEW.set_id IS NOT OLD.set_id
      BEGIN SELECT RAISE(ABORT, 'a requirement keeps its kind and its set'); END;
    CREATE TRIGGER requirements_retired_once BEFORE UPDATE OF retired_at ON requirements
      WHEN OLD.retired_at IS NOT NULL
      BEGIN SELECT RAISE(ABORT, 'a retired requirement stays retired'); END;
    CREATE TRIGGER requirements_kept BEFORE DELETE ON requirements
      BEGIN SELECT RAISE(ABORT, 'requirements are retired, never deleted'); END;

    CREATE TABLE trainings (
      id INTEGER PRIMARY KEY,
      version INTEGER NOT NULL CHECK (version >= 1),
      name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
      provider TEXT,
      hours_qh INTEGER NOT NULL CHECK (hours_qh > 0),
      approved INTEGER NOT NULL CHECK (approved IN (0, 1)),
      category TEXT CHECK (category IS NULL OR length(category) BETWEEN 1 AND 80),
      domains TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(domains) AND json_type(domains) = 'array'),
      sort_name TEXT NOT NULL,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    ) STRICT;
    CREATE INDEX trainings_by_name ON trainings (sort_name, id);

    CREATE TABLE training_attendances (
      id INTEGER PRIMARY KEY,
      coach_id INTEGER NOT NULL REFERENCES coaches (id),
      training_id INTEGER NOT NULL REFERENCES trainings (id),
      attended_on TEXT NOT NULL ${DATE('attended_on')},
      hours_qh INTEGER NOT NULL CHECK (hours_qh BETWEEN 1 AND 96),
      completed INTEGER NOT NULL CHECK (completed IN (0, 1)),
      note TEXT,
      recorded_by INTEGER REFERENCES accounts (id),
      recorded_at TEXT NOT NULL
    ) STRICT;
    CREATE INDEX training_attendances_by_coach ON training_attendances (coach_id, attended_on, id);
    CREATE INDEX training_attendances_by_training ON training_attendances (training_id, completed, coach_id, attended_on);
    CREATE INDEX training_attendances_by_day ON training_attendances (completed, attended_on, training_id, hours_qh);
    CREATE TRIGGER training_attendances_no_update BEFORE UPDATE ON training_attendances
      BEGIN SELECT RAISE(ABORT, 'an attendance is a record of what happened'); END;
    CREATE TRIGGER training_attendances_no_delete BEFORE DELETE ON training_attendances
      BEGIN SELECT RAISE(ABORT, 'an attendance is a record of what happened'); END;

    CREATE TABLE ladder_steps (
      id INTEGER PRIMARY KEY,
      coach_id INTEGER NOT NULL REFERENCES coaches (id),
      requirement_id INTEGER NOT NULL REFERENCES requirements (id),
      completed_on TEXT NOT NULL ${DATE('completed_on')},
      confirmed_by INTEGER REFERENCES accounts (id),
      note TEXT,
      recorded_at TEXT NOT NULL,
      UNIQUE (coach_id, requirement_id)
    ) STRICT;
    CREATE INDEX ladder_steps_by_requirement ON ladder_steps (requirement_id, coach_id);
    CREATE TRIGGER ladder_steps_no_update BEFORE UPDATE ON ladder_steps
      BEGIN SELECT RAISE(ABORT, 'a confirmed step is kept as it was confirmed'); END;
    CREATE TRIGGER ladder_steps_no_delete BEFORE DELETE ON ladder_steps
      BEGIN SELECT RAISE(ABORT, 'a confirmed step is kept as it was confirmed'); END;
  `,
}
