import type { Migration } from './index'

/** The score columns in their fixed order: the order of the packed scores below. */
const SCORE_COLUMNS = [
  'personal_practice',
  'personal_own',
  'social_practice',
  'social_own',
  'community_practice',
  'community_own',
  'connectedness_practice',
  'connectedness_own',
  'hope_practice',
  'hope_own',
  'identity_practice',
  'identity_own',
  'meaning_practice',
  'meaning_own',
  'empowerment_practice',
  'empowerment_own',
]

/** A date's quarter, `2026-Q3`, and the first day of it, as SQL over the date expression `d`. */
const quarterOf = (d: string) => `substr(${d}, 1, 4) || '-Q' || ((CAST(substr(${d}, 6, 2) AS INTEGER) + 2) / 3)`
const quarterStart = (d: string) =>
  `printf('%s-%02d-01', substr(${d}, 1, 4), ((CAST(substr(${d}, 6, 2) AS INTEGER) - 1) / 3) * 3 + 1)`

/**
 * Recomputes one coach's latest current completed rating of one kind in the quarter of date `d`: the row the team
 * view reads, scores packed one character each ('@' blank, 'A' for 1 up to 'J' for 10).
 */
const refreshLatest = (rater: string, coach: string, d: string) => `
      DELETE FROM assessment_quarter_latest
        WHERE rater = ${rater} AND coach_id = ${coach} AND quarter = ${quarterOf(d)};
      INSERT INTO assessment_quarter_latest (rater, coach_id, quarter, assessment_id, scores)
        SELECT rater, coach_id, ${quarterOf(d)}, id,
          ${SCORE_COLUMNS.map((c) => `char(64 + coalesce(${c}, 0))`).join(' || ')}
        FROM assessments
        WHERE rater = ${rater} AND coach_id = ${coach} AND status = 'completed' AND superseded_by IS NULL
          AND assessed_on >= ${quarterStart(d)} AND assessed_on < date(${quarterStart(d)}, '+3 months')
        ORDER BY assessed_on DESC, id DESC LIMIT 1;
      INSERT OR REPLACE INTO assessment_quarters_by_coach (rater, coach_id, quarters)
        SELECT ${rater}, ${coach}, coalesce(group_concat(quarter || scores, '' ORDER BY quarter), '')
        FROM assessment_quarter_latest WHERE rater = ${rater} AND coach_id = ${coach};`

/**
 * Frozen: never edit after it has landed. Add a new migration instead.
 *
 * Assessments hold one column per domain and track (blank as NULL), so the team view averages columns rather than
 * pivoting rows. A completed assessment is locked here, in SQL, and not only by the service: its scores, notes and
 * dates can never change and it can never be deleted. A correction is a new row (an amendment) naming the version it
 * corrects; the old version's one change is `superseded_by`, set once.
 *
 * The team view averages each coach's latest rating per quarter over the whole history: `assessment_quarter_latest`
 * keeps that rating per kind, coach and quarter, up to date by triggers whoever writes, and
 * `assessment_quarters_by_coach` the same for each coach in one text (23 characters a quarter: `2026-Q3` and the
 * packed scores), so the view reads one row per coach instead of sorting every rating.
 */
export const migration006Growth: Migration = {
  version: 6,
  name: 'eight-domain assessments with their amendments, and development goals',
  sql: `
    CREATE TABLE assessments (
      id INTEGER PRIMARY KEY,
      version INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1),
      coach_id INTEGER NOT NULL REFERENCES coaches (id),
      rater TEXT NOT NULL CHECK (rater IN ('self', 'supervisor')),
      rater_account_id INTEGER REFERENCES accounts (id),
      assessed_on TEXT NOT NULL CHECK (assessed_on GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
      status TEXT NOT NULL CHECK (status IN ('draft', 'completed')),
      personal_practice INTEGER CHECK (personal_practice BETWEEN 1 AND 10),
      personal_own INTEGER CHECK (personal_own BETWEEN 1 AND 10),
      social_practice INTEGER CHECK (social_practice BETWEEN 1 AND 10),
      social_own INTEGER CHECK (social_own BETWEEN 1 AND 10),
      community_practice INTEGER CHECK (community_practice BETWEEN 1 AND 10),
      community_own INTEGER CHECK (community_own BETWEEN 1 AND 10),
      connectedness_practice INTEGER CHECK (connectedness_practice BETWEEN 1 AND 10),
      connectedness_own INTEGER CHECK (connectedness_own BETWEEN 1 AND 10),
      hope_practice INTEGER CHECK (hope_practice BETWEEN 1 AND 10),
      hope_own INTEGER CHECK (hope_own BETWEEN 1 AND 10),
      identity_practice INTEGER CHECK (identity_practice BETWEEN 1 AND 10),
      identity_own INTEGER CHECK (identity_own BETWEEN 1 AND 10),
      meaning_practice INTEGER CHECK (meaning_practice BETWEEN 1 AND 10),
      meaning_own INTEGER CHECK (meaning_own BETWEEN 1 AND 10),
      empowerment_practice INTEGER CHECK (empowerment_practice BETWEEN 1 AND 10),
      empowerment_own INTEGER CHECK (empowerment_own BETWEEN 1 AND 10),
      domain_notes TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(domain_notes) AND json_type(domain_notes) = 'object'),
      overall_note TEXT CHECK (overall_note IS NULL OR length(overall_note) BETWEEN 1 AND 4000),
      amends_id INTEGER REFERENCES assessments (id),
      original_id INTEGER REFERENCES assessments (id),
      revision INTEGER NOT NULL DEFAULT 1 CHECK (revision >= 1),
      amendment_reason TEXT CHECK (amendment_reason IS NULL OR length(amendment_reason) BETWEEN 1 AND 500),
      superseded_by INTEGER REFERENCES assessments (id),
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      completed_at TEXT,
      CHECK ((status = 'completed') = (completed_at IS NOT NULL)),
      -- A supervisor's rating names the supervisor; a draft names its author (who alone may edit it).
      CHECK (rater = 'self' OR rater_account_id IS NOT NULL),
      CHECK (status = 'completed' OR rater_account_id IS NOT NULL),
      -- A first version has no predecessor, reason or chain; an amendment has all three and is completed at once.
      CHECK ((amends_id IS NULL) = (revision = 1)),
      CHECK ((amends_id IS NULL) = (original_id IS NULL)),
      CHECK ((amends_id IS NULL) = (amendment_reason IS NULL)),
      CHECK (amends_id IS NULL OR status = 'completed'),
      CHECK (superseded_by IS NULL OR status = 'completed')
    ) STRICT;
    -- A coach's growth page: their assessments by date.
    CREATE INDEX assessments_by_coach ON assessments (coach_id, assessed_on, id);
    -- The team view and "not assessed lately": current completed ratings by kind, coach and date.
    CREATE INDEX assessments_current_by_rater ON assessments (rater, coach_id, assessed_on, id)
      WHERE status = 'completed' AND superseded_by IS NULL;
    -- An assessment's history: every version of its chain.
    CREATE INDEX assessments_by_original ON assessments (original_id, revision) WHERE original_id IS NOT NULL;

    CREATE TRIGGER assessments_completed_locked BEFORE UPDATE OF
      id, version, coach_id, rater, rater_account_id, assessed_on, status, personal_practice, personal_own,
      social_practice, social_own, community_practice, community_own, connectedness_practice, connectedness_own,
      hope_practice, hope_own, identity_practice, identity_own, meaning_practice, meaning_own,
      empowerment_practice, empowerment_own, domain_notes, overall_note, amends_id, original_id, revision,
      amendment_reason, created_at, updated_at, completed_at
    ON assessments WHEN OLD.status = 'completed'
      BEGIN SELECT RAISE(ABORT, 'A completed assessment is locked; record an amendment instead'); END;
    CREATE TRIGGER assessments_superseded_once BEFORE UPDATE OF superseded_by ON assessments
      WHEN OLD.status <> 'completed' OR OLD.superseded_by IS NOT NULL OR NEW.superseded_by IS NULL
      BEGIN SELECT RAISE(ABORT, 'An assessment is superseded once, by its amendment'); END;
    CREATE TRIGGER assessments_completed_kept BEFORE DELETE ON assessments WHEN OLD.status = 'completed'
      BEGIN SELECT RAISE(ABORT, 'A completed assessment is kept; it cannot be deleted'); END;

    CREATE TABLE assessment_quarter_latest (
      rater TEXT NOT NULL CHECK (rater IN ('self', 'supervisor')),
      coach_id INTEGER NOT NULL REFERENCES coaches (id),
      quarter TEXT NOT NULL CHECK (quarter GLOB '[0-9][0-9][0-9][0-9]-Q[1-4]'),
      assessment_id INTEGER NOT NULL REFERENCES assessments (id),
      scores TEXT NOT NULL CHECK (length(scores) = 16),
      PRIMARY KEY (rater, coach_id, quarter)
    ) STRICT;
    CREATE TABLE assessment_quarters_by_coach (
      rater TEXT NOT NULL CHECK (rater IN ('self', 'supervisor')),
      coach_id INTEGER NOT NULL REFERENCES coaches (id),
      quarters TEXT NOT NULL CHECK (length(quarters) % 23 = 0),
      PRIMARY KEY (rater, coach_id)
    ) STRICT;
    CREATE TRIGGER assessments_latest_on_insert AFTER INSERT ON assessments
      WHEN NEW.status = 'completed' AND NEW.superseded_by IS NULL
      BEGIN ${refreshLatest('NEW.rater', 'NEW.coach_id', 'NEW.assessed_on')}
      END;
    CREATE TRIGGER assessments_latest_on_complete AFTER UPDATE OF status ON assessments
      WHEN NEW.status = 'completed' AND OLD.status = 'draft'
      BEGIN ${refreshLatest('NEW.rater', 'NEW.coach_id', 'NEW.assessed_on')}
      END;
    CREATE TRIGGER assessments_latest_on_supersede AFTER UPDATE OF superseded_by ON assessments
      BEGIN ${refreshLatest('OLD.rater', 'OLD.coach_id', 'OLD.assessed_on')}
      END;

    CREATE TABLE development_goals (
      id INTEGER PRIMARY KEY,
      version INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1),
      coach_id INTEGER NOT NULL REFERENCES coaches (id),
      domain TEXT NOT NULL CHECK (domain IN ('personal', 'social', 'community', 'connectedness', 'hope', 'identity', 'meaning', 'empowerment')),
      track TEXT NOT NULL CHECK (track IN ('practice', 'own')),
      description TEXT NOT NULL CHECK (length(description) BETWEEN 1 AND 500),
      target_date TEXT NOT NULL CHECK (target_date GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
      status TEXT NOT NULL CHECK (status IN ('open', 'achieved', 'dropped')),
      status_changed_on TEXT NOT NULL,
      created_by INTEGER REFERENCES accounts (id),
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    ) STRICT;
    CREATE INDEX development_goals_by_coach ON development_goals (coach_id, status, target_date, id);
  `,
}
