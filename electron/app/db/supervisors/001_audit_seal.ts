import type { Migration } from '../migrations'

/** Frozen: never edit after it has landed. Add a new migration to this file's list instead. */
export const supervisors001AuditSeal: Migration = {
  version: 1,
  name: "the audit trail's seal",
  sql: `
    PRAGMA application_id = 1380143153;

    -- The chain's sealed head: the newest event sealed, its hash, and an HMAC of both under the seal key.
    CREATE TABLE audit_seal (
      id INTEGER PRIMARY KEY CHECK (id = 1),
      event_id INTEGER NOT NULL CHECK (event_id > 0),
      hash TEXT NOT NULL CHECK (length(hash) = 64),
      mac TEXT NOT NULL CHECK (length(mac) = 64)
    ) STRICT;

    -- A copy of every hundredth event's hash, so a chain recomputed from some point on is narrowed to a hundred events.
    CREATE TABLE audit_checkpoints (
      event_id INTEGER PRIMARY KEY,
      hash TEXT NOT NULL CHECK (length(hash) = 64)
    ) STRICT;

    -- Each time the trail was found not to match its seal, kept for good once the sealing went on from there.
    CREATE TABLE audit_breaks (
      id INTEGER PRIMARY KEY,
      detected_at TEXT NOT NULL,
      problem TEXT NOT NULL CHECK (length(problem) BETWEEN 1 AND 500)
    ) STRICT;
  `,
}
