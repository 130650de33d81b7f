import type { Migration } from './index'

const DATE = `'[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'`
/** Instants exactly as the clock writes them, so comparing them as text compares them in time. */
const INSTANT = `'[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-5][0-9].[0-9][0-9][0-9]Z'`
const TIME = `'[0-2][0-9]:[0-5][0-9]'`

/** Frozen: never edit after it has landed. Add a new migration instead. */
export const migration008Contracts: Migration = {
  version: 8,
  name: 'partners, contracts and the dispatch log',
  sql: `
    CREATE TABLE partners (
      id INTEGER PRIMARY KEY,
      version INTEGER NOT NULL DEFAULT 1,
      name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
      sort_name TEXT NOT NULL,
      type TEXT NOT NULL CHECK (type IN ('emergency_department', 'hospital', 'police', 'fire', 'prison_jail',
        'drug_court', 'treatment_centre', 'managed_care', 'other')),
      address TEXT CHECK (address IS NULL OR length(address) <= 500),
      notes TEXT CHECK (notes IS NULL OR length(notes) <= 2000),
      created_at TEXT NOT NULL CHECK (created_at GLOB ${INSTANT}),
      updated_at TEXT NOT NULL CHECK (updated_at GLOB ${INSTANT})
    ) STRICT;
    CREATE INDEX partners_by_name ON partners (sort_name, id);
    CREATE INDEX partners_by_type_name ON partners (type, sort_name, id);

    CREATE TABLE partner_contacts (
      id INTEGER PRIMARY KEY,
      partner_id INTEGER NOT NULL REFERENCES partners (id),
      position INTEGER NOT NULL CHECK (position >= 0),
      name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 120),
      role TEXT,
      phone TEXT,
      email TEXT,
      UNIQUE (partner_id, position)
    ) STRICT;

    CREATE TABLE contracts (
      id INTEGER PRIMARY KEY,
      version INTEGER NOT NULL DEFAULT 1,
      partner_id INTEGER NOT NULL REFERENCES partners (id),
      reference TEXT NOT NULL COLLATE NOCASE UNIQUE CHECK (length(reference) BETWEEN 1 AND 40),
      title TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
      start_date TEXT NOT NULL CHECK (start_date GLOB ${DATE}),
      end_date TEXT NOT NULL CHECK (end_date GLOB ${DATE} AND end_date >= start_date),
      -- Money in whole minor units of a currency from a closed list.
      value_minor INTEGER NOT NULL CHECK (value_minor BETWEEN 0 AND 1000000000000),
      currency TEXT NOT NULL CHECK (currency IN ('USD', 'CAD', 'GBP', 'EUR', 'AUD', 'NZD')),
      billing_basis TEXT NOT NULL CHECK (billing_basis IN ('fixed', 'per_dispatch', 'per_hour')),
      target_minutes INTEGER NOT NULL CHECK (target_minutes BETWEEN 1 AND 1440),
      expected_per_month INTEGER NOT NULL CHECK (expected_per_month BETWEEN 0 AND 100000),
      renewal_notice_days INTEGER NOT NULL CHECK (renewal_notice_days BETWEEN 0 AND 365),
      terminated_on TEXT CHECK (terminated_on IS NULL OR terminated_on GLOB ${DATE}),
      termination_reason TEXT CHECK (termination_reason IS NULL OR length(termination_reason) BETWEEN 1 AND 500),
      created_at TEXT NOT NULL CHECK (created_at GLOB ${INSTANT}),
      updated_at TEXT NOT NULL CHECK (updated_at GLOB ${INSTANT}),
      CHECK ((terminated_on IS NULL) = (termination_reason IS NULL))
    ) STRICT;
    CREATE INDEX contracts_by_partner ON contracts (partner_id, reference);
    CREATE INDEX contracts_by_end_date ON contracts (end_date, id);

    -- Weekly windows of office wall-clock time; the end may be on a later day or wrap past Sunday (0 = Monday).
    CREATE TABLE contract_coverage (
      id INTEGER PRIMARY KEY,
      contract_id INTEGER NOT NULL REFERENCES contracts (id),
      position INTEGER NOT NULL CHECK (position >= 0),
      start_day INTEGER NOT NULL CHECK (start_day BETWEEN 0 AND 6),
      start_time TEXT NOT NULL CHECK (start_time GLOB ${TIME} AND start_time < '24:00'),
      end_day INTEGER NOT NULL CHECK (end_day BETWEEN 0 AND 6),
      end_time TEXT NOT NULL CHECK (end_time GLOB ${TIME} AND end_time < '24:00'),
      CHECK (start_day <> end_day OR start_time <> end_time),
      UNIQUE (contract_id, position)
    ) STRICT;

    CREATE TABLE contract_team (
      contract_id INTEGER NOT NULL REFERENCES contracts (id),
      coach_id INTEGER NOT NULL REFERENCES coaches (id),
      PRIMARY KEY (contract_id, coach_id)
    ) STRICT;
    CREATE INDEX contract_team_by_coach ON contract_team (coach_id, contract_id);

    -- The dispatch log. It never holds the name of the person seen: a partner's reference code at most.
    CREATE TABLE dispatches (
      id INTEGER PRIMARY KEY,
      version INTEGER NOT NULL DEFAULT 1,
      contract_id INTEGER NOT NULL REFERENCES contracts (id),
      requested_at TEXT NOT NULL CHECK (requested_at GLOB ${INSTANT}),
      requester TEXT NOT NULL CHECK (length(requester) BETWEEN 1 AND 120),
      location TEXT CHECK (location IS NULL OR length(location) <= 120),
      reference_code TEXT CHECK (reference_code IS NULL OR
        (length(reference_code) <= 24 AND reference_code NOT GLOB '*[^A-Za-z0-9#./_-]*' AND reference_code GLOB '*[0-9]*')),
      coach_id INTEGER REFERENCES coaches (id),
      sent_off_team INTEGER NOT NULL DEFAULT 0 CHECK (sent_off_team IN (0, 1)),
      accepted_at TEXT CHECK (accepted_at IS NULL OR (accepted_at GLOB ${INSTANT} AND accepted_at >= requested_at
        AND coach_id IS NOT NULL)),
      arrived_at TEXT CHECK (arrived_at IS NULL OR (arrived_at GLOB ${INSTANT} AND accepted_at IS NOT NULL
        AND arrived_at >= accepted_at)),
      completed_at TEXT CHECK (completed_at IS NULL OR (completed_at GLOB ${INSTANT}
        AND completed_at >= coalesce(arrived_at, accepted_at, requested_at))),
      outcome TEXT CHECK (outcome IS NULL OR outcome IN ('engaged', 'declined', 'left_before_arrival',
        'linked_treatment', 'linked_rco', 'naloxone', 'other')),
      follow_up_on TEXT CHECK (follow_up_on IS NULL OR follow_up_on GLOB ${DATE}),
      -- Decided on the office wall clock when the request is saved (and again when the windows change).
      outside_coverage INTEGER NOT NULL CHECK (outside_coverage IN (0, 1)),
      -- Seconds from request to arrival, kept so the dashboard's percentiles read one column.
      arrival_seconds INTEGER CHECK (arrival_seconds >= 0),
      created_at TEXT NOT NULL CHECK (created_at GLOB ${INSTANT}),
      updated_at TEXT NOT NULL CHECK (updated_at GLOB ${INSTANT}),
      CHECK ((completed_at IS NULL) = (outcome IS NULL)),
      CHECK ((arrival_seconds IS NULL) = (arrived_at IS NULL))
    ) STRICT;
    -- The log's order (newest first, ties by id), whole or one contract's. The columns after the key are what the
    -- dashboard's figures read, so a month of every contract, or months of one, never touches the table.
    CREATE INDEX dispatches_by_requested
      ON dispatches (requested_at, id, contract_id, coach_id, arrival_seconds, outside_coverage);
    CREATE INDEX dispatches_by_contract
      ON dispatches (contract_id, requested_at, id, coach_id, arrival_seconds, outside_coverage);
    CREATE INDEX dispatches_by_coach ON dispatches (coach_id, requested_at, id);
    CREATE INDEX dispatches_open ON dispatches (requested_at, id) WHERE completed_at IS NULL;
    -- A coach's open dispatches, newest first: who is free to send, and a coach's own open list, without reading
    -- the years of their completed ones.
    CREATE INDEX dispatches_open_by_coach ON dispatches (coach_id, requested_at, id)
      WHERE completed_at IS NULL AND coach_id IS NOT NULL;

    -- What must never change: a record is never deleted; a terminated contract is closed for good; a contract keeps
    -- its partner and a dispatch its contract.
    CREATE TRIGGER partners_no_delete BEFORE DELETE ON partners
      BEGIN SELECT RAISE(ABORT, 'Partners are kept, never deleted'); END;
    CREATE TRIGGER contracts_no_delete BEFORE DELETE ON contracts
      BEGIN SELECT RAISE(ABORT, 'Contracts are kept, never deleted'); END;
    CREATE TRIGGER dispatches_no_delete BEFORE DELETE ON dispatches
      BEGIN SELECT RAISE(ABORT, 'The dispatch log keeps every dispatch'); END;
    CREATE TRIGGER contracts_terminated_locked BEFORE UPDATE ON contracts WHEN OLD.terminated_on IS NOT NULL
      BEGIN SELECT RAISE(ABORT, 'A terminated contract cannot be changed'); END;
    CREATE TRIGGER contracts_partner_fixed BEFORE UPDATE OF partner_id ON contracts
      WHEN NEW.partner_id IS NOT OLD.partner_id
      BEGIN SELECT RAISE(ABORT, 'A contract keeps its partner'); END;
    CREATE TRIGGER dispatches_contract_fixed BEFORE UPDATE OF contract_id ON dispatches
      WHEN NEW.contract_id IS NOT OLD.contract_id
      BEGIN SELECT RAISE(ABORT, 'A dispatch keeps its contract'); END;
    CREATE TRIGGER contract_team_locked_insert BEFORE INSERT ON contract_team
      WHEN (SELECT terminated_on FROM contracts WHERE id = NEW.contract_id) IS NOT NULL
      BEGIN SELECT RAISE(ABORT, 'A terminated contract cannot be changed'); END;
    CREATE TRIGGER contract_team_locked_delete BEFORE DELETE ON contract_team
      WHEN (SELECT terminated_on FROM contracts WHERE id = OLD.contract_id) IS NOT NULL
      BEGIN SELECT RAISE(ABORT, 'A terminated contract cannot be changed'); END;
    CREATE TRIGGER contract_coverage_locked_insert BEFORE INSERT ON contract_coverage
      WHEN (SELECT terminated_on FROM contracts WHERE id = NEW.contract_id) IS NOT NULL
      BEGIN SELECT RAISE(ABORT, 'A terminated contract cannot be changed'); END;
    CREATE TRIGGER contract_coverage_locked_delete BEFORE DELETE ON contract_coverage
      WHEN (SELECT terminated_on FROM contracts WHERE id = OLD.contract_id) IS NOT NULL
      BEGIN SELECT RAISE(ABORT, 'A terminated contract cannot be changed'); END;
  `,
}
