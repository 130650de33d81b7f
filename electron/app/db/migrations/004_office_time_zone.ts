import type { Migration } from './index'

/** Frozen: never edit after it has landed. Add a new migration instead. */
export const migration004OfficeTimeZone: Migration = {
  version: 4,
  name: "the office's time zone",
  sql: `
    -- An IANA name such as America/Chicago; NULL follows the computer's own time zone.
    ALTER TABLE office_settings ADD COLUMN time_zone TEXT CHECK (time_zone IS NULL OR length(time_zone) BETWEEN 1 AND 64);
  `,
}
