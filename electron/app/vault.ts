import { closeSync, existsSync, openSync, readSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { basename } from 'node:path'
import { timingSafeEqual } from 'node:crypto'
import Sqlite from 'better-sqlite3-multiple-ciphers'
import {
  attachFile,
  encryptFile,
  isPlainSqliteHeader,
  openDatabase,
  ownerOnlyFile,
  recoverHotJournal,
  setAside,
  type OpenedDatabase,
  type Recovery,
} from './db/open'
import { SUPERVISORS_FILE, SUPERVISORS_SCHEMA, supervisorsFileFor } from './db/supervisors'
import type { Db } from './db/schema'
import type { Context } from './context'
import { AppError } from './errors'
import { keyringFileFor, readKeyring, writeKeyring, type KeyringFile } from './auth/keyring'
import { DatabaseOpenError } from './db/errors'
import { APPLICATION_ID } from './db/migrations'
import { CoachTitle } from '@shared/domain/settings'
import { runFileJobs, type FileJobError } from './db/worker'

/**
 * The database file and its key file, and whether the database is open. Nothing is read from the database before a
 * password (or the recovery key) has unwrapped its key; the only exception is an older, unencrypted file, read at
 * first run to offer its office name and then encrypted in place.
 */
export type VaultState =
  /** No account yet: a new office, or an unencrypted database from before sign-in existed. */
  | { kind: 'setup'; existingData: boolean; officeName: string; coachTitle: CoachTitle; emptied?: string }
  /** Encrypted (or waiting to be), with accounts: a password opens it. */
  | { kind: 'sealed' }
  | { kind: 'open' }

/**
 * What attaching the supervisors' file found: attached already (another supervisor is in), attached now, or why a new
 * one had to be made (the old one kept aside).
 */
export type AttachOutcome = 'already' | 'attached' | 'created' | 'replaced'

export class Vault {
  readonly keyringFile: string
  readonly supervisorsFile: string
  private opened: OpenedDatabase | null = null
  private key: Buffer | null = null
  /** The supervisors' key, held only while the supervisors' file is attached (an unlocked supervisor is signed in). */
  private supervisorsKey: Buffer | null = null
  private keyringCache: KeyringFile | null | undefined
  /** Why the database last failed to open; until it is replaced, nothing more is tried or written. */
  failure: DatabaseOpenError | null = null
  /** Work running on the open database's file in the background (its integrity check, a backup): close waits for it. */
  private readonly background = new Set<Promise<unknown>>()
  /** The open file's integrity check, started when it was opened: true once it passed, false if it found damage. */
  private integrity: Promise<boolean> = Promise.resolve(true)
  /** The background check found the open file damaged (`failure` is set already). Set by Auth: it signs everyone out. */
  onDamaged: (failure: DatabaseOpenError) => void = () => undefined
  /** The background check could not run at all (not a finding about the file). */
  onCheckError: (error: unknown) => void = () => undefined
  /**
   * The supervisors' file's background check found it damaged: it is detached already, and the next supervisor's
   * sign-in checks it before attaching (setting it aside if it is still damaged). Set by Auth: it records this.
   */
  onSupervisorsDamaged: (finding: string) => Promise<void> = async () => undefined
  /** Set by a damaged finding: the supervisors' file is checked in full before it is attached again. */
  private supervisorsSuspect = false
  /** What opening a file recovered (a crash's -journal or -wal), waiting to be recorded for a supervisor. */
  private recoveries: Recovery[] = []

  /** The recoveries since last asked, for the audit trail. */
  takeRecoveries(): Recovery[] {
    return this.recoveries.splice(0)
  }

  constructor(readonly databaseFile: string) {
    this.keyringFile = keyringFileFor(databaseFile)
    this.supervisorsFile = supervisorsFileFor(databaseFile)
  }

  get keyring(): KeyringFile | null {
    if (this.keyringCache === undefined) this.keyringCache = readKeyring(this.keyringFile)
    return this.keyringCache
  }

  saveKeyring(keyring: KeyringFile): void {
    writeKeyring(this.keyringFile, keyring)
    this.keyringCache = keyring
  }

  /**
   * For the count of wrong tries only: saved if the disk allows, else kept in memory until the next save, so that on
   * a full disk a wrong password is still counted and slowed, and the right one still signs in.
   */
  saveKeyringOrKeep(keyring: KeyringFile): void {
    try {
      this.saveKeyring(keyring)
    } catch (error) {
      if (!(error instanceof AppError && error.code === 'storage_full')) throw error
      this.keyringCache = keyring
    }
  }

  /** The key file, for a change to it: a missing one means the database cannot be opened or changed. */
  requireKeyring(): KeyringFile {
    const keyring = this.keyring
    if (!keyring) throw new AppError('database_unavailable', 'The key file beside the database is missing.')
    return keyring
  }

  /**
   * Saves `keyring` as part of the call's database transaction: written now, just before the commit, and put back as
   * it was if the transaction rolls back (a full disk at commit), so the two never disagree about who can sign in.
   */
  saveKeyringWith(ctx: Pick<Context, 'onRollback'>, keyring: KeyringFile): void {
    const previous = this.keyring
    this.saveKeyring(keyring)
    ctx.onRollback(() => {
      if (previous) this.saveKeyring(previous)
    })
  }

  get database(): OpenedDatabase | null {
    return this.opened
  }

  /** The open database; a call that needs data before sign-in is a bug in the router's rules. */
  get db(): Db {
    if (!this.opened) throw new AppError('unauthenticated', 'Please sign in first.')
    return this.opened.db
  }

  /** The key the database was opened with, to wrap a new account's slot. */
  openKey(): Buffer {
    if (!this.opened || !this.key) throw new AppError('unauthenticated', 'Please sign in first.')
    return this.key
  }

  get supervisorsAttached(): boolean {
    return this.supervisorsKey !== null
  }

  /** The supervisors' key, to seal it into a supervisor's slot; only there while a supervisor is signed in. */
  openSupervisorsKey(): Buffer {
    if (!this.supervisorsKey) {
      throw new AppError('forbidden', 'The supervisors’ key is not open: a supervisor must be signed in to do that.')
    }
    return this.supervisorsKey
  }

  /**
   * Attaches the supervisors' file with its key, first opening it alone to check it and run its migrations (making it
   * if it is missing). A file that is not one or that this key does not open is set aside, never deleted, and a new
   * one made: the caller records that. Waits for the connection, so no transaction is open while it attaches.
   */
  async attachSupervisors(key: Buffer, stamp: string): Promise<AttachOutcome> {
    const opened = this.opened
    if (!opened) throw new AppError('unauthenticated', 'Please sign in first.')
    if (this.supervisorsKey) {
      if (!timingSafeEqual(this.supervisorsKey, key)) throw new Error('Another supervisors’ key is already attached')
      return 'already'
    }
    const file = this.supervisorsFile
    let outcome: AttachOutcome = existsSync(file) && statSync(file).size > 0 ? 'attached' : 'created'
    // The full check reads the whole file (100 ms at a decade's private notes): after the sign-in's answer, on the
    // worker, unless an earlier check found it damaged.
    const suspect = `${file}${CHECK_FIRST}`
    const checkNow = this.supervisorsSuspect || existsSync(suspect)
    try {
      const checked = openDatabase(file, {
        key,
        kind: SUPERVISORS_FILE,
        stamp,
        integrityCheck: checkNow ? 'now' : 'later',
      })
      this.recoveries.push(...checked.recoveries)
      await checked.close()
    } catch (error) {
      const unusable = ['cannot_decrypt', 'not_a_database', 'not_this_app', 'damaged']
      if (!(error instanceof DatabaseOpenError) || !unusable.includes(error.reason)) throw error
      setAside(file, stamp)
      outcome = 'replaced'
      await openDatabase(file, { key, kind: SUPERVISORS_FILE }).close()
    }
    await opened.db.connection().execute(async () => attachFile(opened.sqlite, file, key, SUPERVISORS_SCHEMA))
    this.supervisorsKey = Buffer.from(key)
    this.supervisorsSuspect = false
    // Checked in full just now (or made anew): the mark left by a damaged finding has done its work.
    if (checkNow) rmSync(suspect, { force: true })
    // A copy: the caller zeroes its key once the sign-in is done, the check may still be running.
    if (!checkNow && outcome === 'attached') void this.track(this.checkSupervisorsInBackground(Buffer.from(key)))
    return outcome
  }

  /** quick_check of the supervisors' file on the worker; damage detaches it until a supervisor signs in again. */
  private async checkSupervisorsInBackground(key: Buffer): Promise<void> {
    const file = this.supervisorsFile
    let result: string | null
    try {
      try {
        ;[result = null] = await runFileJobs([{ kind: 'quick_check', file, key }])
      } catch (error) {
        const code = (error as FileJobError).code ?? ''
        if (!code.startsWith('SQLITE_CORRUPT') && code !== 'SQLITE_NOTADB') {
          this.onCheckError(error)
          return
        }
        result = (error as Error).message
      }
      if (result === 'ok') return
      this.supervisorsSuspect = true
      // Kept on disk too, so that the next sign-in checks it first even after the app was restarted.
      try {
        writeFileSync(`${file}${CHECK_FIRST}`, '', { mode: 0o600 })
      } catch (error) {
        this.onCheckError(error)
      }
      // Only if the same key is still attached: a sign-out in between has detached it already.
      if (this.supervisorsKey && timingSafeEqual(this.supervisorsKey, key))
        await this.detachSupervisors({ seal: false })
    } finally {
      key.fill(0)
    }
    await this.onSupervisorsDamaged(result ?? 'no answer')
  }

  /**
   * Run while the supervisors' file is still attached, just before it is detached or the database closed: the audit
   * seal is brought up to the head (set by Auth; it reports its own failures, so detaching goes on regardless).
   */
  beforeDetach: (() => Promise<void>) | null = null

  /** Detaches the supervisors' file and drops its key from memory; waits for a transaction in progress to finish. */
  async detachSupervisors(options: { seal?: boolean } = {}): Promise<void> {
    // One detach at a time: a sign-out and the background check's finding may both ask for it.
    this.detaching ??= this.detachOnce(options.seal ?? true).finally(() => (this.detaching = null))
    return this.detaching
  }

  private detaching: Promise<void> | null = null

  private async detachOnce(seal: boolean): Promise<void> {
    const opened = this.opened
    if (!this.supervisorsKey) return
    if (opened?.sqlite.open) {
      // Not into a file found damaged: the seal is brought up to the head in the next one.
      if (seal) await this.beforeDetach?.()
      await opened.db.connection().execute(async () => {
        opened.sqlite.exec(`DETACH DATABASE ${SUPERVISORS_SCHEMA}`)
      })
    }
    this.forgetSupervisorsKey()
  }

  private forgetSupervisorsKey() {
    this.supervisorsKey?.fill(0)
    this.supervisorsKey = null
  }

  /** Makes a new, empty supervisors' file for a new key, setting any old one aside. */
  async newSupervisorsFile(key: Buffer, stamp: string): Promise<void> {
    if (this.supervisorsKey) throw new Error('The supervisors’ file is attached')
    setAside(this.supervisorsFile, stamp)
    await openDatabase(this.supervisorsFile, { key, kind: SUPERVISORS_FILE }).close()
  }

  state(): VaultState {
    if (this.opened) return { kind: 'open' }
    const file = this.databaseFile
    const found = existsSync(file) ? statSync(file) : null
    if (found?.isDirectory()) {
      throw new DatabaseOpenError(
        'is_folder',
        `There is a folder named ${basename(file)} where the database file should be. Move that folder somewhere ` +
          'else (nothing in it was changed), then restore a backup or start again.',
      )
    }
    const hasDatabase = found !== null && found.size > 0
    if (!hasDatabase) {
      const setup = { kind: 'setup', existingData: false, officeName: '', coachTitle: 'recovery_coach' } as const
      // First run makes the database before its key file is final, so an empty one beside a key file was emptied.
      if (found && existsSync(this.keyringFile)) {
        return {
          ...setup,
          emptied:
            `The office's database file (${basename(file)}) is empty: 0 bytes, although its key file is beside it. ` +
            'Its data was emptied outside the app (a full disk, a sync or cleaning tool, a copy that stopped), so ' +
            'this is not a new office. Restore the latest backup to get the data back.',
        }
      }
      return setup
    }
    if (!isPlainSqliteHeader(readHeader(file))) {
      if (!this.keyring) {
        throw new DatabaseOpenError(
          'cannot_decrypt',
          `The database is encrypted but its key file (${this.keyringFile}) is missing. Put the key file back beside it, or restore a backup.`,
        )
      }
      return { kind: 'sealed' }
    }
    // Unencrypted: from before sign-in existed, or a first run cut off before it finished encrypting. A schema-1
    // file is still in rollback-journal mode until its first open switches it to WAL, so a kill in that first write
    // leaves a hot -journal, which a read-only look cannot roll back (it would answer "not a database" at every start
    // from then on). Before sign-in exists there is no key to try: rolled back now, as any first read-write open
    // would, once a copy shows the result is this app's database (and with the files kept aside). With a key file,
    // the journal is an older version's in-place encryption cut off: the sign-in rolls it back with the key.
    if (!this.keyring) {
      const journal = recoverHotJournal(file, [undefined])
      if (journal) this.recoveries.push(journal)
    } else if (hasHotJournal(file)) {
      return { kind: 'sealed' }
    }
    const legacy = peekUnencrypted(file)
    if (legacy.accounts > 0 && this.keyring) return { kind: 'sealed' }
    return {
      kind: 'setup',
      existingData: legacy.hasTables,
      officeName: legacy.officeName,
      coachTitle: legacy.coachTitle,
    }
  }

  /**
   * Opens the database with `key`. An unencrypted file (from before sign-in, or a first run cut off between writing
   * the key file and encrypting) is brought up to date and encrypted into a new file first. A -journal left by an
   * older version's in-place encryption, cut off, is rolled back (on a copy first) with the key or without it.
   */
  open(key: Buffer, stamp = new Date().toISOString()): OpenedDatabase {
    if (this.failure) throw this.failure
    if (this.opened) {
      if (!this.key || !timingSafeEqual(this.key, key)) {
        throw new AppError('unauthenticated', 'That key does not open this database.')
      }
      return this.opened
    }
    const file = this.databaseFile
    let opened: OpenedDatabase
    const recoveries: Recovery[] = []
    // A schema-1 office's plain file: checked in full as it is opened before its encryption, so not again after.
    let plain = false
    try {
      ownerOnlyFile(file)
      if (existsSync(file) && statSync(file).isFile()) {
        const journal = recoverHotJournal(file, [key, undefined], undefined, undefined, stamp)
        if (journal) recoveries.push(journal)
      }
      plain = existsSync(file) && statSync(file).size > 0 && isPlainSqliteHeader(readHeader(file))
      if (plain) {
        const before = openDatabase(file, { stamp })
        recoveries.push(...before.recoveries)
        // Only its own statements ran, never Kysely's: closing the connection is all there is to close.
        before.sqlite.close()
        void before.db.destroy()
        encryptFile(file, key)
      }
      // The integrity check, which reads the whole file, runs after the answer, off the main thread (checkInBackground).
      opened = openDatabase(file, { key, stamp, integrityCheck: 'later' })
    } catch (error) {
      if (error instanceof DatabaseOpenError && error.reason !== 'busy') this.failure = error
      throw error
    }
    this.recoveries.push(...recoveries, ...opened.recoveries)
    this.opened = opened
    this.key = Buffer.from(key)
    if (!plain) this.integrity = this.track(this.checkInBackground(key))
    return opened
  }

  /** Keeps `work` (on the open database's file) from being cut off by a close: close waits for it. */
  track<T>(work: Promise<T>): Promise<T> {
    this.background.add(work)
    const forget = () => this.background.delete(work)
    work.then(forget, forget)
    return work
  }

  /** Resolves once no background work is left (tests, the benchmark, and close itself). */
  async idle(): Promise<void> {
    while (this.background.size > 0) await Promise.allSettled([...this.background])
  }

  /** Whether the open file passed its background integrity check (waits for it): a backup is made only then. */
  passedCheck(): Promise<boolean> {
    return this.integrity
  }

  /**
   * quick_check on a connection of the worker's own. Damage makes the database unavailable as a failed open would
   * (every session ends, and the sign-in screen offers the latest backup); a check that could not run at all says
   * nothing about the file and is only reported.
   */
  private async checkInBackground(key: Buffer): Promise<boolean> {
    let result: string | null
    try {
      ;[result = null] = await runFileJobs([{ kind: 'quick_check', file: this.databaseFile, key }])
    } catch (error) {
      const code = (error as FileJobError).code ?? ''
      if (!code.startsWith('SQLITE_CORRUPT') && code !== 'SQLITE_NOTADB') {
        this.onCheckError(error)
        return true
      }
      result = (error as Error).message
    }
    if (result === 'ok') return true
    this.failure = new DatabaseOpenError(
      'damaged',
      `The database file is damaged (${result ?? 'no answer'}): the check that runs after opening it found this.`,
    )
    this.onDamaged(this.failure)
    return false
  }

  /** Opens an unencrypted database (first run over older data) so the first account can be written into it. */
  openUnencrypted(): OpenedDatabase {
    if (this.opened) throw new Error('The database is already open')
    this.opened = openDatabase(this.databaseFile)
    this.recoveries.push(...this.opened.recoveries)
    return this.opened
  }

  /** Encrypts the open, unencrypted database with `key` into a new file, reopens it and remembers the key. */
  async encryptOpen(key: Buffer): Promise<void> {
    if (!this.opened) throw new Error('The database is not open')
    const opened = this.opened
    this.opened = null
    await opened.close()
    encryptFile(this.databaseFile, key)
    this.opened = openDatabase(this.databaseFile, { key })
    this.key = Buffer.from(key)
  }

  /**
   * A key file (and supervisors' file) left by a first run that never created its database is moved aside, never
   * overwritten.
   */
  setAsideStaleKeyring(stamp: string): void {
    setAside(this.supervisorsFile, stamp)
    if (!existsSync(this.keyringFile)) return
    renameSync(this.keyringFile, `${this.keyringFile}.replaced-${stamp.replace(/[:.]/g, '-')}`)
    this.keyringCache = null
  }

  /** Forgets what it read of the files, after a restore put new ones in place. */
  reset(): void {
    this.keyringCache = undefined
    this.failure = null
  }

  /** Closes the database and drops both keys from memory: after the last sign-out, and before a restore. */
  async close(): Promise<void> {
    await this.idle()
    const opened = this.opened
    if (opened?.sqlite.open) {
      // Whatever transaction holds the connection finishes first.
      await opened.db.connection().execute(async () => undefined)
      if (this.supervisorsKey) await this.beforeDetach?.()
    }
    this.forgetSupervisorsKey()
    this.opened = null
    this.key?.fill(0)
    this.key = null
    await opened?.close()
  }
}

/** Beside the supervisors' file once a check found it damaged: the next attach checks it in full first. */
const CHECK_FIRST = '.check-first'

function hasHotJournal(file: string): boolean {
  const journal = `${file}-journal`
  return existsSync(journal) && statSync(journal).size > 0
}

function readHeader(file: string): Buffer {
  const fd = openSync(file, 'r')
  try {
    const header = Buffer.alloc(16)
    readSync(fd, header, 0, 16, 0)
    return header
  } finally {
    closeSync(fd)
  }
}

/**
 * Reads, without writing, what first run needs from an unencrypted database: its office name and whether it has
 * accounts. Read-only, so another program's file (or its pending WAL) is never changed; a file of another app is
 * refused here, before first run could offer to take it over.
 */
function peekUnencrypted(file: string): {
  hasTables: boolean
  accounts: number
  officeName: string
  coachTitle: CoachTitle
} {
  let sqlite: InstanceType<typeof Sqlite> | undefined
  let facts: {
    tables: Set<string>
    applicationId: number
    accounts: number
    settings?: { office_name: string; coach_title: string }
  }
  try {
    sqlite = new Sqlite(file, { readonly: true, fileMustExist: true })
    sqlite.pragma('temp_store = MEMORY')
    const tables = new Set(
      sqlite.prepare("SELECT name FROM sqlite_schema WHERE type = 'table'").pluck().all() as string[],
    )
    facts = {
      tables,
      applicationId: sqlite.pragma('application_id', { simple: true }) as number,
      accounts: tables.has('accounts')
        ? (sqlite.prepare('SELECT count(*) FROM accounts WHERE active = 1').pluck().get() as number)
        : 0,
      settings: tables.has('office_settings')
        ? (sqlite.prepare('SELECT office_name, coach_title FROM office_settings WHERE id = 1').get() as
            { office_name: string; coach_title: string } | undefined)
        : undefined,
    }
  } catch (cause) {
    throw new DatabaseOpenError('not_a_database', 'This file is not a database, or it is damaged beyond reading.', {
      cause,
    })
  } finally {
    sqlite?.close()
  }
  if (facts.tables.size > 0 && facts.applicationId !== APPLICATION_ID) {
    throw new DatabaseOpenError('not_this_app', "This file is a database, but not one of this app's.")
  }
  const title = CoachTitle.safeParse(facts.settings?.coach_title)
  return {
    hasTables: facts.tables.size > 0,
    accounts: facts.accounts,
    officeName: facts.settings?.office_name ?? '',
    coachTitle: title.success ? title.data : 'recovery_coach',
  }
}
