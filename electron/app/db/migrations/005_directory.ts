import type { Migration } from './index'

/**
 * Frozen: never edit after it has landed. Add a new migration instead.
 *
 * The team's directory of community recovery supports. A resource's current fields live in `resources` and its
 * small tables (one row per pathway, domain, language, opening time and connection, so each filter has an index);
 * every version of the fields is kept whole in `resource_versions`, append-only, and so is every check. The
 * full-text index is kept in step by triggers, in the same transaction as the write, whoever writes.
 */
export const migration005Directory: Migration = {
  version: 5,
  name: 'the directory of community recovery supports, with its history and full-text search',
  sql: `
    CREATE TABLE resource_pathways (
      id INTEGER PRIMARY KEY,
      label TEXT NOT NULL CHECK (length(label) BETWEEN 1 AND 60),
      folded_label TEXT NOT NULL UNIQUE,
      built_in INTEGER NOT NULL DEFAULT 0 CHECK (built_in IN (0, 1)),
      created_at TEXT,
      created_by INTEGER REFERENCES accounts (id),
      CHECK (built_in = 1 OR created_at IS NOT NULL)
    ) STRICT;
    INSERT INTO resource_pathways (id, label, folded_label, built_in) VALUES
      (1, 'Twelve-step', 'twelve-step', 1),
      (2, 'SMART Recovery', 'smart recovery', 1),
      (3, 'Faith-based', 'faith-based', 1),
      (4, 'Medication-assisted', 'medication-assisted', 1),
      (5, 'Harm reduction', 'harm reduction', 1),
      (6, 'Secular', 'secular', 1);

    CREATE TABLE resources (
      id INTEGER PRIMARY KEY,
      version INTEGER NOT NULL CHECK (version >= 1),
      name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
      sort_name TEXT NOT NULL,
      kind TEXT NOT NULL CHECK (kind IN ('mutual_aid', 'recovery_housing', 'treatment', 'medication',
        'harm_reduction', 'peer_centre', 'employment', 'education', 'faith', 'family', 'legal', 'food_shelter',
        'other')),
      description TEXT CHECK (description IS NULL OR length(description) <= 2000),
      phone TEXT CHECK (phone IS NULL OR length(phone) <= 40),
      email TEXT CHECK (email IS NULL OR length(email) <= 254),
      website TEXT CHECK (website IS NULL OR (length(website) <= 500
        AND (lower(substr(website, 1, 7)) = 'http://' OR lower(substr(website, 1, 8)) = 'https://'))),
      address TEXT CHECK (address IS NULL OR length(address) <= 500),
      hours_note TEXT CHECK (hours_note IS NULL OR length(hours_note) <= 200),
      eligibility TEXT CHECK (eligibility IS NULL OR length(eligibility) <= 1000),
      how_to_get_in TEXT CHECK (how_to_get_in IS NULL OR length(how_to_get_in) <= 2000),
      created_at TEXT NOT NULL,
      created_by INTEGER REFERENCES accounts (id),
      updated_at TEXT NOT NULL,
      updated_by INTEGER REFERENCES accounts (id),
      last_checked_at TEXT NOT NULL,
      last_checked_by INTEGER REFERENCES accounts (id)
    ) STRICT;
    CREATE INDEX resources_by_name ON resources (sort_name, id);
    CREATE INDEX resources_by_kind_name ON resources (kind, sort_name, id);
    CREATE INDEX resources_by_last_checked ON resources (last_checked_at, id);

    CREATE TABLE resource_pathway_links (
      resource_id INTEGER NOT NULL REFERENCES resources (id),
      pathway_id INTEGER NOT NULL REFERENCES resource_pathways (id),
      PRIMARY KEY (resource_id, pathway_id)
    ) STRICT;
    CREATE INDEX resource_pathway_links_by_pathway ON resource_pathway_links (pathway_id, resource_id);

    CREATE TABLE resource_domains (
      resource_id INTEGER NOT NULL REFERENCES resources (id),
      domain TEXT NOT NULL CHECK (domain IN ('personal', 'social', 'community', 'connectedness', 'hope', 'identity',
        'meaning', 'empowerment')),
      PRIMARY KEY (resource_id, domain)
    ) STRICT;
    CREATE INDEX resource_domains_by_domain ON resource_domains (domain, resource_id);

    CREATE TABLE resource_languages (
      resource_id INTEGER NOT NULL REFERENCES resources (id),
      position INTEGER NOT NULL CHECK (position >= 0),
      language TEXT NOT NULL CHECK (length(language) BETWEEN 1 AND 50),
      folded TEXT NOT NULL,
      PRIMARY KEY (resource_id, folded)
    ) STRICT;
    CREATE INDEX resource_languages_by_language ON resource_languages (folded, resource_id);

    -- Local wall-clock times in the office's time zone. Minutes count from Monday 00:00; an evening running past
    -- midnight ends the next day, and Sunday night's ends past the week's 10080 minutes.
    CREATE TABLE resource_hours (
      resource_id INTEGER NOT NULL REFERENCES resources (id),
      day TEXT NOT NULL CHECK (day IN ('mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun')),
      opens TEXT NOT NULL CHECK (opens GLOB '[0-2][0-9]:[0-5][0-9]'),
      closes TEXT NOT NULL CHECK (closes GLOB '[0-2][0-9]:[0-5][0-9]'),
      closes_next_day INTEGER NOT NULL CHECK (closes_next_day IN (0, 1)),
      start_minute INTEGER NOT NULL CHECK (start_minute BETWEEN 0 AND 10079),
      end_minute INTEGER NOT NULL,
      CHECK (end_minute > start_minute AND end_minute - start_minute <= 1440),
      PRIMARY KEY (resource_id, start_minute)
    ) STRICT;

    CREATE TABLE resource_connections (
      resource_id INTEGER NOT NULL REFERENCES resources (id),
      coach_id INTEGER NOT NULL REFERENCES coaches (id),
      PRIMARY KEY (resource_id, coach_id)
    ) STRICT;
    CREATE INDEX resource_connections_by_coach ON resource_connections (coach_id, resource_id);

    CREATE TABLE resource_tips (
      id INTEGER PRIMARY KEY,
      resource_id INTEGER NOT NULL REFERENCES resources (id),
      text TEXT NOT NULL CHECK (length(text) BETWEEN 1 AND 500),
      at TEXT NOT NULL,
      account_id INTEGER REFERENCES accounts (id)
    ) STRICT;
    CREATE INDEX resource_tips_by_resource ON resource_tips (resource_id, id);

    -- Every version of a resource's fields, whole: the history and what a restore brings back. Never changed.
    CREATE TABLE resource_versions (
      resource_id INTEGER NOT NULL REFERENCES resources (id),
      version INTEGER NOT NULL CHECK (version >= 1),
      kind TEXT NOT NULL CHECK (kind IN ('created', 'edited', 'restored')),
      content TEXT NOT NULL CHECK (json_valid(content)),
      changed TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(changed)),
      restored_from INTEGER,
      at TEXT NOT NULL,
      account_id INTEGER REFERENCES accounts (id),
      PRIMARY KEY (resource_id, version),
      CHECK ((kind = 'restored') = (restored_from IS NOT NULL)),
      CHECK (restored_from IS NULL OR restored_from < version),
      CHECK ((kind = 'created') = (version = 1))
    ) STRICT;
    -- The history describes the record: a version is written only as the resource reaches it.
    CREATE TRIGGER resource_versions_match_resource BEFORE INSERT ON resource_versions
      WHEN NEW.version IS NOT (SELECT version FROM resources WHERE id = NEW.resource_id)
      BEGIN SELECT RAISE(ABORT, 'A version must match its resource'); END;
    CREATE TRIGGER resource_versions_no_update BEFORE UPDATE ON resource_versions
      BEGIN SELECT RAISE(ABORT, 'The history of a resource is append-only'); END;
    CREATE TRIGGER resource_versions_no_delete BEFORE DELETE ON resource_versions
      BEGIN SELECT RAISE(ABORT, 'The history of a resource is append-only'); END;

    CREATE TABLE resource_checks (
      id INTEGER PRIMARY KEY,
      resource_id INTEGER NOT NULL REFERENCES resources (id),
      version INTEGER NOT NULL CHECK (version >= 1),
      at TEXT NOT NULL,
      account_id INTEGER REFERENCES accounts (id)
    ) STRICT;
    CREATE INDEX resource_checks_by_resource ON resource_checks (resource_id, id);
    CREATE TRIGGER resource_checks_no_update BEFORE UPDATE ON resource_checks
      BEGIN SELECT RAISE(ABORT, 'The checks of a resource are append-only'); END;
    CREATE TRIGGER resource_checks_no_delete BEFORE DELETE ON resource_checks
      BEGIN SELECT RAISE(ABORT, 'The checks of a resource are append-only'); END;

    -- Accents and case folded, as the roster search does; prefixes of 2 and 3 letters indexed for search as you type.
    CREATE VIRTUAL TABLE resources_fts USING fts5(
      name, description, tips, details,
      tokenize = 'unicode61 remove_diacritics 2',
      prefix = '2 3'
    );
    CREATE TRIGGER resources_fts_insert AFTER INSERT ON resources BEGIN
      INSERT INTO resources_fts (rowid, name, description, tips, details)
      VALUES (NEW.id, NEW.name, coalesce(NEW.description, ''), '',
        concat_ws(char(10), NEW.eligibility, NEW.how_to_get_in, NEW.address, NEW.hours_note));
    END;
    CREATE TRIGGER resources_fts_update
      AFTER UPDATE OF name, description, eligibility, how_to_get_in, address, hours_note ON resources BEGIN
      UPDATE resources_fts SET name = NEW.name, description = coalesce(NEW.description, ''),
        details = concat_ws(char(10), NEW.eligibility, NEW.how_to_get_in, NEW.address, NEW.hours_note)
      WHERE rowid = NEW.id;
    END;
    CREATE TRIGGER resources_fts_delete AFTER DELETE ON resources BEGIN
      DELETE FROM resources_fts WHERE rowid = OLD.id;
    END;
    CREATE TRIGGER resource_tips_fts_insert AFTER INSERT ON resource_tips BEGIN
      UPDATE resources_fts
      SET tips = coalesce((SELECT group_concat(text, char(10)) FROM resource_tips WHERE resource_id = NEW.resource_id), '')
      WHERE rowid = NEW.resource_id;
    END;
    CREATE TRIGGER resource_tips_fts_update AFTER UPDATE ON resource_tips BEGIN
      UPDATE resources_fts
      SET tips = coalesce((SELECT group_concat(text, char(10)) FROM resource_tips WHERE resource_id = NEW.resource_id), '')
      WHERE rowid = NEW.resource_id;
    END;
    CREATE TRIGGER resource_tips_fts_delete AFTER DELETE ON resource_tips BEGIN
      UPDATE resources_fts
      SET tips = coalesce((SELECT group_concat(text, char(10)) FROM resource_tips WHERE resource_id = OLD.resource_id), '')
      WHERE rowid = OLD.resource_id;
    END;
  `,
}
