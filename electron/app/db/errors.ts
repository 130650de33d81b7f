export type DatabaseOpenFailure =
  | 'not_a_database'
  | 'cannot_decrypt'
  /** Passing: another program holds the file. Not remembered as a failure. */
  | 'busy'
  | 'not_this_app'
  | 'damaged'
  | 'newer_version'
  | 'sqlite_too_old'
  | 'settings_not_applied'
  | 'migration_failed'
  /** A hot -journal: a program stopped while changing the file (recovered when the file is this app's). */
  | 'interrupted'
  /** A folder where the file should be. */
  | 'is_folder'
  /** A zero-byte database beside its key file: the office's data was emptied, not a new office. */
  | 'emptied'

/** Why a database file could not be opened; `message` is written for the person at the screen. */
export class DatabaseOpenError extends Error {
  constructor(
    readonly reason: DatabaseOpenFailure,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options)
    this.name = 'DatabaseOpenError'
  }
}
