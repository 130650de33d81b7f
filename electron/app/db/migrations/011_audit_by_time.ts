import type { Migration } from './index'

/**
 * Frozen: never edit after it has landed. Add a new migration instead.
 *
 * The audit log filtered to a short stretch of time (a day, a week, a month) read the whole trail newest first until
 * it reached that stretch: a day a year back walked some 30,000 events, a day ten years back all of them. With this
 * index such a stretch is one range; the repository decides when a range is short enough to read it this way.
 */
export const migration011AuditByTime: Migration = {
  version: 11,
  name: 'the audit trail indexed by time',
  sql: `
    CREATE INDEX audit_events_by_at ON audit_events (at);
  `,
}
