import {
  chmodSync,
  closeSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  openSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs'
import { basename, join } from 'node:path'
import Sqlite from 'better-sqlite3-multiple-ciphers'
import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers'
import { Kysely, SqliteDialect, SqliteDriver, sql, type DatabaseConnection, type Driver } from 'kysely'
import { AppError, fileErrorSentence } from '../errors'
import { DatabaseOpenError } from './errors'
import { migrate } from './migrate'
import { APPLICATION_ID, LATEST_SCHEMA_VERSION, MIGRATIONS, type Migration } from './migrations'
import type { Database } from './schema'
import { auditChainHash } from '../audit/chain'
import { copyAside, durableRename, journalRecovery, prepareWal, type Recovery } from './recovery'
export type { Recovery } from './recovery'

/** 3.51.3 fixes a corruption bug in WAL reset; anything older is refused. */
export const MINIMUM_SQLITE_VERSION = '3.51.3'
export const BUSY_TIMEOUT_MS = 5000

export interface OpenedDatabase {
  sqlite: BetterSqlite3.Database
  db: Kysely<Database>
  schemaVersion: number
  /** What was found beside the file and recovered before it opened (a supervisor is told). */
  recoveries: Recovery[]
  close(): Promise<void>
}

/** Which of the app's two files: its own application id and its own list of migrations. */
export interface DatabaseKind {
  label: string
  applicationId: number
  migrations: readonly Migration[]
}

export const MAIN_DATABASE: DatabaseKind = { label: 'database', applicationId: APPLICATION_ID, migrations: MIGRATIONS }

export interface OpenOptions {
  /** Only for tests of older schemas: the migrations to apply instead of the full list. */
  migrations?: readonly Migration[]
  /** The 32-byte database key; without it the file must be an unencrypted database (or new). */
  key?: Buffer
  /** The main database unless told otherwise. */
  kind?: DatabaseKind
  /**
   * 'later': the caller runs quick_check itself in the background (db/worker.ts), since at a decade's size it takes
   * seconds that a person signing in would otherwise wait through. The identity checks still run before anything.
   */
  integrityCheck?: 'now' | 'later'
  /** The moment, for naming the copies kept aside before a recovery (`recovered/<stamp>-…`). */
  stamp?: string
}

/** Owner-only, where the system has such modes: the files are encrypted, but their existence and size are not. */
export const FILE_MODE = 0o600
export const FOLDER_MODE = 0o700

/**
 * Gives `file` owner-only permissions, creating it empty if it is missing. SQLite gives a database's -wal and -shm the
 * mode of the database file itself, so setting it here, before SQLite creates them, covers all three.
 */
export function ownerOnlyFile(file: string, create = false): void {
  if (create && !existsSync(file)) closeSync(openSync(file, 'wx', FILE_MODE))
  try {
    chmodSync(file, FILE_MODE)
  } catch {
    // Not supported on this system (Windows): the folder's own permissions are all there is.
  }
}

/** An unencrypted SQLite file starts with this header; an encrypted one looks like random bytes from the first byte. */
const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1')

export function isPlainSqliteHeader(header: Buffer): boolean {
  return header.length >= SQLITE_HEADER.length && header.subarray(0, SQLITE_HEADER.length).equals(SQLITE_HEADER)
}

const keyPragma = (name: 'key' | 'rekey', key: Buffer) => `${name} = "x'${key.toString('hex')}'"`

/**
 * Encrypts an unencrypted database file with `key` into a new file beside it, then renames that into place, as first
 * run does: a kill at any moment leaves either the whole unencrypted file or the whole encrypted one, never a file
 * half rewritten with a -journal (which an in-place `PRAGMA rekey` leaves). No connection may be open on `file`.
 */
export function encryptFile(file: string, key: Buffer): void {
  if (key.length !== 32) throw new Error('A database key is 32 bytes')
  const target = `${file}.encrypting`
  const removeTarget = () => {
    for (const suffix of ['', '-journal', '-wal', '-shm']) rmSync(target + suffix, { force: true })
  }
  removeTarget()
  try {
    const source = new Sqlite(file, { fileMustExist: true, timeout: BUSY_TIMEOUT_MS })
    try {
      applySetting(source, 'temp_store = MEMORY', 'temp_store', 2)
      ownerOnlyFile(target, true)
      source.prepare('VACUUM INTO ?').run(target)
    } finally {
      source.close()
    }
    // The rekey rewrites every page of the copy (with a journal, which it needs); the real file is not touched.
    const copy = new Sqlite(target, { fileMustExist: true })
    try {
      applySetting(copy, 'temp_store = MEMORY', 'temp_store', 2)
      applySetting(copy, 'journal_mode = DELETE', 'journal_mode', 'delete')
      copy.pragma(keyPragma('rekey', key))
      applySetting(copy, 'journal_mode = WAL', 'journal_mode', 'wal')
    } finally {
      copy.close()
    }
    durableRename(target, file)
    // The unencrypted file's index of its WAL, if closing left one: it describes another file now.
    if (!existsSync(`${file}-wal`)) rmSync(`${file}-shm`, { force: true })
  } finally {
    removeTarget()
  }
}

export function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number)
  const pb = b.split('.').map(Number)
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const diff = (pa[i] ?? 0) - (pb[i] ?? 0)
    if (diff !== 0) return Math.sign(diff)
  }
  return 0
}

/**
 * Opens the app's database: checks the file is this app's, undamaged and not from a newer version before writing
 * anything, then sets and verifies the pragmas the app relies on and applies pending migrations.
 *
 * The checks run on a read-only connection, closed before the file is opened for writing. A read-write connection
 * writes even when it only reads: it rolls back a hot -journal left by a program that crashed, and on close it
 * checkpoints a -wal into the file and deletes it. So a refused file (another program's, damaged, or from a newer
 * version) would not be left as it was. A read-only connection does neither; at most it leaves an empty -wal and the
 * -shm index beside a WAL-mode file, which SQLite needs even to read one.
 */
export function openDatabase(file: string, options: OpenOptions = {}): OpenedDatabase {
  if (options.key && options.key.length !== 32) throw new Error('A database key is 32 bytes')
  const kind = options.kind ?? MAIN_DATABASE
  const migrations = options.migrations ?? kind.migrations
  const encrypted = options.key !== undefined

  const stamp = options.stamp ?? new Date().toISOString()
  const recoveries: Recovery[] = []
  if (existsSync(file)) {
    refuseFolder(file, kind)
    try {
      lookBeforeWriting(file, options.key, kind, migrations, encrypted, options.integrityCheck)
    } catch (error) {
      // A hot -journal: the normal remains of a crash if the file, rolled back, is this app's (checked on a copy).
      if (!(error instanceof DatabaseOpenError && error.reason === 'interrupted')) throw error
      const recovery = recoverHotJournal(file, [options.key], kind, migrations, stamp)
      if (recovery) recoveries.push(recovery)
      lookBeforeWriting(file, options.key, kind, migrations, encrypted, options.integrityCheck)
    }
    // Applying a -wal cannot be undone: what SQLite would drop or rewind is kept aside first (db/recovery.ts).
    const wal = prepareWal(file, options.key, stamp)
    if (wal) {
      recoveries.push(wal)
      if (wal.kind === 'wal_not_applied')
        lookBeforeWriting(file, options.key, kind, migrations, encrypted, options.integrityCheck)
    }
  }

  ownerOnlyFile(file, true)
  for (const companion of ['-wal', '-shm']) if (existsSync(file + companion)) ownerOnlyFile(file + companion)
  const sqlite = connect(file, options.key, false)
  try {
    // Again on the connection that will write, in case the file changed in between; reading the header is cheap.
    checkIdentity(sqlite, kind, migrations, encrypted)
    applySetting(sqlite, 'journal_mode = WAL', 'journal_mode', 'wal')
    applySetting(sqlite, 'synchronous = FULL', 'synchronous', 2)
    applySetting(sqlite, 'foreign_keys = ON', 'foreign_keys', 1)
    applySetting(sqlite, `busy_timeout = ${BUSY_TIMEOUT_MS}`, 'busy_timeout', BUSY_TIMEOUT_MS)
    // A large sort or an index build would otherwise spill plaintext rows into the system's temp folder.
    applySetting(sqlite, 'temp_store = MEMORY', 'temp_store', 2)
    // Before the migrations: a migration that writes an audit event goes through the chain's trigger.
    registerFunctions(sqlite)
    const schemaVersion = migrate(sqlite, migrations)
    const db = new Kysely<Database>({ dialect: new AppSqliteDialect(sqlite) })
    const close = async () => {
      await db.destroy()
      // Kysely closes the connection only if it ever used it; close it here in case no query ran through Kysely.
      if (sqlite.open) sqlite.close()
    }
    return { sqlite, db, schemaVersion, recoveries, close }
  } catch (error) {
    sqlite.close()
    throw error
  }
}

/** The read-only checks before anything is written: this app's, not newer, undamaged. */
function lookBeforeWriting(
  file: string,
  key: Buffer | undefined,
  kind: DatabaseKind,
  migrations: readonly Migration[],
  encrypted: boolean,
  integrityCheck: 'now' | 'later' = 'now',
): void {
  const look = connect(file, key, true)
  try {
    // Even a read-only check may sort; its temporary rows stay in memory, never in the system's temp folder.
    applySetting(look, 'temp_store = MEMORY', 'temp_store', 2)
    const identity = checkIdentity(look, kind, migrations, encrypted)
    if (!identity.isNew && integrityCheck !== 'later') checkIntegrity(look)
  } finally {
    look.close()
  }
}

/** A folder where the file should be: SQLite would only say it cannot open it. */
function refuseFolder(file: string, kind: DatabaseKind): void {
  if (!statSync(file).isDirectory()) return
  throw new DatabaseOpenError(
    'is_folder',
    `There is a folder named ${basename(file)} where the ${kind.label} file should be. Move that folder ` +
      'somewhere else (nothing in it was changed), then restore a backup or start again.',
  )
}

/**
 * Rolls back a hot -journal beside `file`, as SQLite would at the first read-write open, but only once a copy shows
 * that the rolled-back file is this app's and sound. The files are copied aside first and the copy is kept. Tries each
 * key in turn (a rekey from an unencrypted file, cut off, rolls back without a key). Answers null without a -journal;
 * throws, leaving everything as it was, when no key gives this app's database.
 */
export function recoverHotJournal(
  file: string,
  keys: readonly (Buffer | undefined)[],
  kind: DatabaseKind = MAIN_DATABASE,
  migrations: readonly Migration[] = kind.migrations,
  stamp = new Date().toISOString(),
): Recovery | null {
  const journal = `${file}-journal`
  if (!existsSync(journal) || statSync(journal).size === 0) return null
  const aside = copyAside(file, stamp)
  const name = basename(file)
  let refusal: unknown = null
  for (const key of keys) {
    const scratch = join(aside, 'check')
    rmSync(scratch, { recursive: true, force: true })
    try {
      mkdirSync(scratch, { recursive: true })
      const copy = join(scratch, name)
      copyFileSync(join(aside, name), copy)
      copyFileSync(join(aside, `${name}-journal`), `${copy}-journal`)
      rollBack(copy, key)
      lookBeforeWriting(copy, key, kind, migrations, key !== undefined)
    } catch (error) {
      refusal ??= error
      continue
    } finally {
      rmSync(scratch, { recursive: true, force: true })
    }
    try {
      rollBack(file, key)
    } catch (error) {
      // The real file and its journal are as they were: the copy adds nothing, and a start that tries again (every
      // status check before first run does) must not leave one more copy of the whole file each time.
      rmSync(aside, { recursive: true, force: true })
      throw error
    }
    return journalRecovery(file, aside)
  }
  rmSync(aside, { recursive: true, force: true })
  if (refusal instanceof DatabaseOpenError && refusal.reason === 'not_this_app') {
    throw new DatabaseOpenError(
      'not_this_app',
      "This file is another program's database, not one of this app's, and that program stopped in the middle of " +
        'changing it (a -journal file lies beside it). It was left untouched.',
    )
  }
  throw new DatabaseOpenError(
    'damaged',
    'The database file is damaged: a program stopped in the middle of changing it (a -journal file lies beside it), ' +
      'and the file cannot be put back as it was. It was left untouched.',
    { cause: refusal },
  )
}

/** A read-write connection's first read rolls a hot journal back; nothing else is written. */
function rollBack(file: string, key: Buffer | undefined): void {
  const sqlite = connect(file, key, false)
  try {
    sqlite.prepare('SELECT count(*) FROM sqlite_schema').get()
  } catch (cause) {
    throw unreadable(cause, key !== undefined)
  } finally {
    sqlite.close()
  }
}

/**
 * Kysely over better-sqlite3, with one difference: after some errors (SQLITE_FULL, SQLITE_IOERR, SQLITE_NOMEM,
 * SQLITE_BUSY) SQLite may already have rolled the whole transaction back by itself. Kysely then sends ROLLBACK anyway,
 * which fails with "cannot rollback - no transaction is active" and is thrown in place of the real error, so a full
 * disk reached the person as an unexplained internal error. The ROLLBACK is skipped when there is no transaction left
 * to roll back; the original error is thrown as before.
 */
class AppSqliteDialect extends SqliteDialect {
  constructor(private readonly sqlite: BetterSqlite3.Database) {
    super({ database: sqlite })
  }

  override createDriver(): Driver {
    const sqlite = this.sqlite
    return new (class extends SqliteDriver {
      override async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
        if (sqlite.open && !sqlite.inTransaction) return
        await super.rollbackTransaction(connection)
      }
    })({ database: withStatementCache(sqlite) })
  }
}

/** Statements kept prepared, by their SQL: Kysely prepares every query anew, which costs more than running it. */
const STATEMENT_CACHE_SIZE = 500

/**
 * The connection as Kysely sees it, with its statements cached (least recently used dropped first). The SQL text is
 * the key, and parameters stay bound per call, so a cached statement is exactly the one Kysely would have prepared.
 * SQLite re-prepares a statement itself when the schema changes under it.
 */
function withStatementCache(sqlite: BetterSqlite3.Database): BetterSqlite3.Database {
  const cache = new Map<string, BetterSqlite3.Statement>()
  let preparer = sqlite.prepare
  const prepare = (source: string) => {
    // Someone wrapped the connection's prepare since (a test tracing statements): start the cache again through it.
    if (sqlite.prepare !== preparer) {
      cache.clear()
      preparer = sqlite.prepare
    }
    let statement = cache.get(source)
    if (statement) {
      cache.delete(source)
    } else {
      statement = sqlite.prepare(source)
      if (cache.size >= STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value!)
    }
    cache.set(source, statement)
    return statement
  }
  return new Proxy(sqlite, {
    get(target, property) {
      if (property === 'prepare') return prepare
      const value = Reflect.get(target, property, target) as unknown
      return typeof value === 'function' ? value.bind(target) : value
    },
  })
}

/** Folds text for searching: lower case, accents dropped, so "lucia" finds "Lucía" and "FERNANDEZ" finds "Fernández". */
export function foldForSearch(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase()
}

/**
 * SQL functions, defined on each connection. `fold_for_search` is for queries only. `audit_chain_hash` is named by the
 * audit trail's trigger (migration 005), so a connection without it (another tool) cannot add an event at all.
 */
function registerFunctions(sqlite: BetterSqlite3.Database) {
  sqlite.function('fold_for_search', { deterministic: true }, (value: unknown) =>
    typeof value === 'string' ? foldForSearch(value) : value,
  )
  sqlite.function(
    'audit_chain_hash',
    { deterministic: true },
    (previous, id, at, accountId, action, recordType, recordId, summary) =>
      auditChainHash(previous as string | null, {
        id: id as number,
        at: at as string,
        account_id: accountId as number | null,
        action: action as string,
        record_type: recordType as string,
        record_id: recordId as number | null,
        summary: summary as string | null,
      }),
  )
}

/** A connection with the key applied (it must come before anything reads the file). Opening itself reads nothing. */
function connect(file: string, key: Buffer | undefined, readonly: boolean): BetterSqlite3.Database {
  let sqlite: BetterSqlite3.Database
  try {
    sqlite = new Sqlite(file, { readonly, timeout: BUSY_TIMEOUT_MS })
  } catch (cause) {
    throw new DatabaseOpenError(
      'not_a_database',
      `The database file could not be opened. ${fileErrorSentence(cause) ?? 'The system refused to open it.'}`,
      { cause },
    )
  }
  if (key) {
    try {
      sqlite.pragma(keyPragma('key', key))
    } catch (error) {
      sqlite.close()
      throw error
    }
  }
  return sqlite
}

/** Refuses a file that is not this app's database or is from a newer version; answers whether it is new (empty). */
function checkIdentity(
  sqlite: BetterSqlite3.Database,
  kind: DatabaseKind,
  migrations: readonly Migration[],
  encrypted: boolean,
): { isNew: boolean } {
  // Preparing any statement, even `SELECT sqlite_version()`, reads the file, so it belongs inside the try: a file
  // that is not a database fails here.
  let version: string
  let applicationId: number
  let userVersion: number
  let tableCount: number
  try {
    version = (sqlite.prepare('SELECT sqlite_version() AS v').get() as { v: string }).v
    applicationId = sqlite.pragma('application_id', { simple: true }) as number
    userVersion = sqlite.pragma('user_version', { simple: true }) as number
    tableCount = (sqlite.prepare("SELECT count(*) AS n FROM sqlite_schema WHERE type = 'table'").get() as { n: number })
      .n
  } catch (cause) {
    throw unreadable(cause, encrypted)
  }
  if (compareVersions(version, MINIMUM_SQLITE_VERSION) < 0) {
    throw new DatabaseOpenError(
      'sqlite_too_old',
      `SQLite ${version} is too old; this app needs ${MINIMUM_SQLITE_VERSION} or newer.`,
    )
  }
  const isNew = applicationId === 0 && userVersion === 0 && tableCount === 0
  if (!isNew && applicationId !== kind.applicationId) {
    throw new DatabaseOpenError(
      'not_this_app',
      kind === MAIN_DATABASE
        ? "This file is a database, but not one of this app's."
        : `This file is a database, but not this app's ${kind.label}.`,
    )
  }
  const latest = migrations[migrations.length - 1]?.version ?? LATEST_SCHEMA_VERSION
  if (userVersion > latest) {
    throw new DatabaseOpenError(
      'newer_version',
      `This database was written by a newer version of the app (schema ${userVersion}; this version knows up to ${latest}). Update the app to open it.`,
    )
  }
  return { isNew }
}

const DAMAGED =
  'The database file is damaged (by a failing disk, a copy that stopped part-way, or a program other than this app).'

function checkIntegrity(sqlite: BetterSqlite3.Database): void {
  let check: string
  try {
    check = sqlite.pragma('quick_check', { simple: true }) as string
  } catch (cause) {
    throw new DatabaseOpenError('damaged', `${DAMAGED} Its check could not even be run through to the end.`, {
      cause,
    })
  }
  // SQLite's own report (page numbers, b-tree names) helps no one at the screen: it stays in the error's cause.
  if (check !== 'ok') {
    throw new DatabaseOpenError('damaged', `${DAMAGED} Its check found parts that do not fit together.`, {
      cause: new Error(check),
    })
  }
}

/** Why the first read of the file failed, in the words of the person at the screen. */
function unreadable(cause: unknown, encrypted: boolean): DatabaseOpenError {
  const code = String((cause as { code?: unknown })?.code ?? '')
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
    return new DatabaseOpenError(
      'busy',
      'Another program is using the database file right now. Close it and try again.',
      { cause },
    )
  }
  if (code.startsWith('SQLITE_CORRUPT')) {
    return new DatabaseOpenError('damaged', `${DAMAGED} Parts of it cannot be read.`, { cause })
  }
  if (code === 'SQLITE_READONLY_ROLLBACK') {
    return new DatabaseOpenError(
      'interrupted',
      'The database file is damaged: a program stopped in the middle of changing it (a -journal file lies beside it). It was left untouched.',
      { cause },
    )
  }
  if (encrypted) {
    return new DatabaseOpenError(
      'cannot_decrypt',
      'The database could not be opened with its key: the file or its key file is damaged, or they do not belong together.',
      { cause },
    )
  }
  return new DatabaseOpenError('not_a_database', 'This file is not a database, or it is damaged beyond reading.', {
    cause,
  })
}

function applySetting(sqlite: BetterSqlite3.Database, statement: string, name: string, expected: string | number) {
  sqlite.pragma(statement)
  const actual = sqlite.pragma(name, { simple: true })
  if (actual !== expected) {
    throw new DatabaseOpenError(
      'settings_not_applied',
      `The database refused a required setting: ${name} is ${String(actual)}, expected ${String(expected)}.`,
    )
  }
}

/**
 * Writes a consistent, encrypted copy of the database to `target`. Through Kysely, which hands out the one connection
 * in turn: a transaction another call has open finishes first.
 */
export async function vacuumInto(db: Kysely<Database>, target: string): Promise<void> {
  // VACUUM INTO accepts an empty file: made first, owner-only, so the copy never exists with wider permissions.
  ownerOnlyFile(target, true)
  await sql`VACUUM INTO ${target}`.execute(db)
}

/**
 * An encrypted copy of the supervisors' file, through a connection of its own. Not `VACUUM supervisors INTO` on the
 * main connection: that writes the copy under the main database's key, which every account holds.
 */
export function copySupervisorsFile(file: string, key: Buffer, target: string): void {
  ownerOnlyFile(target, true)
  const sqlite = connect(file, key, true)
  try {
    applySetting(sqlite, 'temp_store = MEMORY', 'temp_store', 2)
    sqlite.prepare('VACUUM INTO ?').run(target)
  } finally {
    sqlite.close()
  }
}

/**
 * Attaches `file` to the open connection as `schema`, with its own key, and holds it to the same settings as the main
 * file. Run while holding the connection (no transaction may be open).
 */
export function attachFile(sqlite: BetterSqlite3.Database, file: string, key: Buffer, schema: string): void {
  sqlite.prepare(`ATTACH DATABASE ? AS ${schema} KEY ?`).run(file, `x'${key.toString('hex')}'`)
  try {
    applySetting(sqlite, `${schema}.journal_mode = WAL`, `${schema}.journal_mode`, 'wal')
    applySetting(sqlite, `${schema}.synchronous = FULL`, `${schema}.synchronous`, 2)
  } catch (error) {
    sqlite.exec(`DETACH DATABASE ${schema}`)
    throw error
  }
}

/** Moves a file that cannot be used aside, never deleting it, with its companions. */
export function setAside(file: string, stamp: string): string | null {
  if (!existsSync(file)) return null
  const aside = `${file}.replaced-${stamp.replace(/[:.]/g, '-')}`
  for (const suffix of ['', '-wal', '-shm']) {
    if (!existsSync(file + suffix)) continue
    rmSync(aside + suffix, { force: true })
    renameSync(file + suffix, aside + suffix)
  }
  return aside
}

/**
 * Checks a staged copy of a backup through and through with its key before it replaces anything: undamaged, this
 * app's, not from a newer version. Answers its active supervisors' usernames (lower case).
 */
export function inspectBackupCopy(file: string, key: Buffer): { supervisors: string[] } {
  // Not readonly: a WAL-mode copy needs its -shm file made. It is our own staged copy, never the backup itself.
  const sqlite = new Sqlite(file, { fileMustExist: true })
  try {
    sqlite.pragma(keyPragma('key', key))
    sqlite.pragma('temp_store = MEMORY')
    let integrity: string
    try {
      integrity = sqlite.pragma('integrity_check', { simple: true }) as string
    } catch {
      throw new AppError('invalid_input', 'That backup is damaged and cannot be read.', { path: 'Damaged' })
    }
    if (integrity !== 'ok') throw new AppError('invalid_input', 'That backup is damaged.', { path: 'Damaged' })
    if (sqlite.pragma('application_id', { simple: true }) !== APPLICATION_ID) {
      throw new AppError('invalid_input', "That file is a database, but not one of this app's.", {
        path: 'Not this app’s',
      })
    }
    const version = sqlite.pragma('user_version', { simple: true }) as number
    if (version > LATEST_SCHEMA_VERSION) {
      throw new AppError('invalid_input', 'That backup was made by a newer version of the app.', {
        path: 'From a newer version',
      })
    }
    const supervisors = sqlite
      .prepare("SELECT lower(username) FROM accounts WHERE role = 'supervisor' AND active = 1")
      .pluck()
      .all() as string[]
    return { supervisors }
  } finally {
    sqlite.close()
  }
}

/** The same checks on a staged copy of a backup's supervisors' file, with the supervisors' key. */
export function inspectSupervisorsCopy(file: string, key: Buffer, kind: DatabaseKind): void {
  const sqlite = new Sqlite(file, { fileMustExist: true })
  try {
    sqlite.pragma(keyPragma('key', key))
    sqlite.pragma('temp_store = MEMORY')
    let integrity: string
    try {
      integrity = sqlite.pragma('integrity_check', { simple: true }) as string
    } catch {
      throw new AppError('invalid_input', "That backup's supervisors' file is damaged and cannot be read.", {
        path: 'Damaged',
      })
    }
    if (integrity !== 'ok' || sqlite.pragma('application_id', { simple: true }) !== kind.applicationId) {
      throw new AppError('invalid_input', "That backup's supervisors' file is damaged.", { path: 'Damaged' })
    }
    const latest = kind.migrations[kind.migrations.length - 1]?.version ?? 0
    if ((sqlite.pragma('user_version', { simple: true }) as number) > latest) {
      throw new AppError('invalid_input', 'That backup was made by a newer version of the app.', {
        path: 'From a newer version',
      })
    }
  } finally {
    sqlite.close()
  }
}
