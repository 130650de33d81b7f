import type { Migration } from './index'

/** Frozen: never edit after it has landed. Add a new migration instead. */
export const migration001Initial: Migration = {
  version: 1,
  name: 'initial: office settings and the coach roster',
  sql: `
    PRAGMA application_id = 1380143921;

    CREATE TABLE office_settings (
      id INTEGER PRIMARY KEY CHECK (id = 1),
      office_name TEXT NOT NULL DEFAULT '',
      coach_title TEXT NOT NULL DEFAULT 'recovery_coach',
      updated_at TEXT
    ) STRICT;
    INSERT INTO office_settings (id) VALUES (1);

    CREATE TABLE coaches (
      id INTEGER PRIMARY KEY,
      version INTEGER NOT NULL DEFAULT 1,
      legal_name TEXT NOT NULL CHECK (length(legal_name) BETWEEN 1 AND 200),
      preferred_name TEXT,
      sort_name TEXT NOT NULL,
      pronouns TEXT,
      email TEXT,
      phone TEXT,
      start_date TEXT NOT NULL,
      status TEXT NOT NULL CHECK (status IN ('active', 'on_leave', 'left')),
      employment TEXT NOT NULL CHECK (employment IN ('volunteer', 'part_time', 'full_time')),
      title TEXT NOT NULL,
      assigned_supervisor TEXT,
      supervision_cadence_days INTEGER NOT NULL CHECK (supervision_cadence_days BETWEEN 1 AND 365),
      work_settings TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(work_settings)),
      languages TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(languages)),
      career_stage TEXT NOT NULL
        CHECK (career_stage IN ('receiving_support', 'volunteering', 'training', 'rcp', 'employment')),
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    ) STRICT;
    CREATE INDEX coaches_by_name ON coaches (sort_name, id);
    CREATE INDEX coaches_by_start_date ON coaches (start_date, id);
    CREATE INDEX coaches_by_status_name ON coaches (status, sort_name, id);

    CREATE TABLE coach_status_changes (
      id INTEGER PRIMARY KEY,
      coach_id INTEGER NOT NULL REFERENCES coaches (id),
      status TEXT NOT NULL CHECK (status IN ('active', 'on_leave', 'left')),
      effective_on TEXT NOT NULL,
      note TEXT,
      recorded_at TEXT NOT NULL
    ) STRICT;
    CREATE INDEX coach_status_changes_by_coach ON coach_status_changes (coach_id, id);

    CREATE TABLE coach_stage_changes (
      id INTEGER PRIMARY KEY,
      coach_id INTEGER NOT NULL REFERENCES coaches (id),
      stage TEXT NOT NULL
        CHECK (stage IN ('receiving_support', 'volunteering', 'training', 'rcp', 'employment')),
      changed_on TEXT NOT NULL,
      recorded_at TEXT NOT NULL
    ) STRICT;
    CREATE INDEX coach_stage_changes_by_coach ON coach_stage_changes (coach_id, id);
  `,
}
