import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers'
import { MIGRATIONS, type Migration } from './migrations'
import { DatabaseOpenError } from './errors'

/**
 * Applies every migration newer than the file's `user_version`, each in its own transaction together with the
 * version bump, so a failure leaves the file at the last version that fully applied.
 */
export function migrate(sqlite: BetterSqlite3.Database, migrations: readonly Migration[] = MIGRATIONS): number {
  let current = sqlite.pragma('user_version', { simple: true }) as number
  for (const migration of migrations) {
    if (migration.version <= current) continue
    if (migration.version !== current + 1) {
      throw new DatabaseOpenError(
        'migration_failed',
        `The app's list of database updates has a gap: expected version ${current + 1}, found ${migration.version}. Nothing was changed.`,
      )
    }
    const apply = sqlite.transaction(() => {
      if (migration.sql !== undefined) sqlite.exec(migration.sql)
      else migration.run(sqlite)
      sqlite.pragma(`user_version = ${migration.version}`)
    })
    try {
      apply.immediate()
    } catch (cause) {
      // In words a person can act on; SQLite's own text stays on the error's cause, for the log and for support.
      const code = String((cause as { code?: unknown })?.code ?? '')
      const why = migrationFailure(code)
      throw new DatabaseOpenError(
        'migration_failed',
        `Could not update the database to version ${migration.version} (${migration.name}): ${why}. ` +
          `Nothing was changed; the file is still at version ${current}.`,
        { cause },
      )
    }
    current = migration.version
  }
  return current
}

/** Why a migration failed, by SQLite's error code, in words that say what to do. */
function migrationFailure(code: string): string {
  if (code.startsWith('SQLITE_FULL')) return 'the disk is full. Free some space on it, then start the app again'
  if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB') {
    return 'parts of the file are damaged. Restore the latest backup'
  }
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
    return 'another program is using the database file. Close it, then start the app again'
  }
  if (code.startsWith('SQLITE_READONLY') || code.startsWith('SQLITE_IOERR') || code.startsWith('SQLITE_CANTOPEN')) {
    return 'the file could not be written (it is read-only, or the disk failed). Check the data folder and the disk'
  }
  return (
    'the update itself failed, which is a fault in this version of the app, not in your data. Keep the file as it ' +
    'is and ask whoever supports the app'
  )
}
