import {
  chmodSync,
  closeSync,
  existsSync,
  fsyncSync,
  openSync,
  writeSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs'
import { basename, dirname, join } from 'node:path'
import type { ParsedInput } from '@shared/api/contract'
import { KEEP_DAILY_BACKUPS, KEEP_WEEKLY_BACKUPS, type BackupInfo, type BackupList } from '@shared/domain/backups'
import { type AuthStatus } from '@shared/domain/auth'
import { instant, type Clock } from '../clock'
import type { Context } from '../context'
import { AppError, fileErrorSentence, isDiskFull } from '../errors'
import { recordEvent } from '../audit/audit.service'
import { headEvent, lastEventAt } from '../audit/audit.repository'
import { checkTrail, describeCheck } from '../audit/seal'
import { FOLDER_MODE, inspectBackupCopy, inspectSupervisorsCopy, ownerOnlyFile } from '../db/open'
import { runFileJobs, type FileJob } from '../db/worker'
import { LATEST_SUPERVISORS_VERSION, SUPERVISORS_FILE } from '../db/supervisors'
import { fsyncFolder } from '../db/recovery'
import {
  openAccount,
  openRecovery,
  withoutThrottle,
  writeKeyring,
  type KeyringFile,
  type OpenedKeys,
} from '../auth/keyring'
import type { Auth } from '../auth/auth.service'
import { retryDelayMs } from '../auth/throttle'
import { LATEST_SCHEMA_VERSION } from '../db/migrations'
import type { Vault } from '../vault'
import { BACKUP_EXTENSION, BackupFileError, readBackupFile, readBackupHeader, writeBackupFileFrom } from './backup-file'

const KEEP_DAILY = KEEP_DAILY_BACKUPS
const KEEP_WEEKLY = KEEP_WEEKLY_BACKUPS
const AUTO_PREFIX = 'auto-'

/**
 * Backups through `VACUUM INTO`, which keeps the encryption (the online backup API refuses an encrypted source) and
 * reads one consistent snapshot while other writes go on; the supervisors' file beside it, through a connection of
 * its own under its own key. Restoring checks the file before anything is replaced, and keeps the replaced files
 * aside.
 */
export class Backups {
  readonly folder: string
  /** Wrong passwords or recovery keys given to restore, in a row: slowed down like sign-in. */
  private failedRestores = { failures: 0, lastFailureAt: 0 }
  /** What the last restore replaced and found, for its audit event (recorded by the router once it succeeded). */
  private lastRestore = ''

  constructor(
    private readonly vault: Vault,
    private readonly auth: Auth,
    private readonly clock: Clock,
    private readonly appVersion: string,
  ) {
    this.folder = join(dirname(vault.databaseFile), 'backups')
  }

  async list(ctx: Context): Promise<BackupList> {
    const automatic = this.automatic()
    return { folder: this.folder, lastBackupAt: await this.lastBackupAt(ctx, automatic[0]), automatic }
  }

  /** The automatic backups, newest first. */
  automatic(): BackupInfo[] {
    if (!existsSync(this.folder)) return []
    return readdirSync(this.folder)
      .filter((name) => name.startsWith(AUTO_PREFIX) && name.endsWith(BACKUP_EXTENSION))
      .map((fileName) => {
        const path = join(this.folder, fileName)
        const stat = statSync(path)
        const createdAt = readBackupHeader(path)?.createdAt ?? stat.mtime.toISOString()
        return {
          path,
          fileName,
          createdAt,
          sizeBytes: stat.size,
          day: fileName.slice(AUTO_PREFIX.length, AUTO_PREFIX.length + 10),
        }
      })
      .sort((a, b) => (a.day < b.day ? 1 : a.day > b.day ? -1 : 0))
      .map(({ day: _day, ...info }) => info)
  }

  /** The newest of the recorded backups and the automatic files (a restored database may not record its own). */
  private async lastBackupAt(ctx: Context, newestAutomatic: BackupInfo | undefined): Promise<string | null> {
    const recorded = await lastEventAt(ctx.db, 'backup')
    const candidates = [recorded, newestAutomatic?.createdAt].filter((at): at is string => Boolean(at))
    return candidates.sort().at(-1) ?? null
  }

  /** "Back up now", to a file the supervisor chose. Never overwrites a file. */
  async create(ctx: Context, input: ParsedInput<'backups.create'>): Promise<BackupInfo> {
    if (existsSync(input.path)) {
      throw new AppError('invalid_input', 'A file with that name already exists; choose another name.', {
        path: 'Already exists',
      })
    }
    if (!existsSync(dirname(input.path)) || !statSync(dirname(input.path)).isDirectory()) {
      throw new AppError('invalid_input', 'That folder does not exist.', { path: 'No such folder' })
    }
    let info: BackupInfo
    try {
      info = await this.write(input.path)
    } catch (error) {
      if (error instanceof BackupFileError)
        throw new AppError('invalid_input', error.message, { path: 'Already exists' })
      // Said in words, whatever the system answered (a name too long, a folder gone, no permission, a full drive).
      const reason =
        error instanceof AppError ? null : isDiskFull(error) ? 'That drive is full.' : fileErrorSentence(error)
      if (reason) {
        throw new AppError('invalid_input', `${reason} Nothing was written; choose another place.`, { path: reason })
      }
      throw error
    }
    return info
  }

  /** The day's automatic backup while it is being made, so a second sign-in meanwhile does not start another. */
  private running: Promise<BackupInfo | null> | null = null

  /**
   * Today's automatic backup, once a day the app is used; then old ones beyond the keeping rule are removed. Started
   * after a sign-in's answer (Auth.runAfterSignIn); made only from a file that passed its integrity check.
   */
  automaticIfDue(): Promise<BackupInfo | null> {
    this.running ??= this.automaticNow().finally(() => {
      this.running = null
    })
    return this.running
  }

  private async automaticNow(): Promise<BackupInfo | null> {
    if (!this.vault.database) return null
    // A copy of a damaged file would push good backups out of the rotation.
    if (!(await this.vault.passedCheck()) || !this.vault.database) return null
    const today = instant(this.clock).slice(0, 10)
    const target = join(this.folder, `${AUTO_PREFIX}${today}${BACKUP_EXTENSION}`)
    if (existsSync(target)) return null
    mkdirSync(this.folder, { recursive: true, mode: FOLDER_MODE })
    ownerOnlyFolderMode(this.folder)
    const info = await this.write(target)
    // Not a call of anyone's: the day's automatic backup records itself.
    await recordEvent(
      this.vault.db,
      { clock: this.clock, session: null },
      { action: 'backup', recordType: 'database', recordId: null, summary: `Automatic backup ${info.fileName}` },
    )
    this.prune()
    return info
  }

  /** Resolves once the background work on the database (the day's backup, the integrity check) has finished. */
  idle(): Promise<void> {
    return this.vault.idle()
  }

  /**
   * The copies are made on a worker thread (db/worker.ts) through connections of its own, each reading one consistent
   * snapshot, then streamed into the backup file: the main thread answers calls meanwhile.
   */
  private async write(target: string): Promise<BackupInfo> {
    const opened = this.vault.database
    if (!opened) throw new AppError('unauthenticated', 'Please sign in first.')
    const keyring = this.vault.keyring
    if (!keyring)
      throw new AppError('database_unavailable', 'The key file is missing, so a backup could not be opened later.')
    const scratch = join(dirname(target), `.vacuum-${process.pid}-${Date.now()}.sqlite`)
    const scratchSupervisors = `${scratch}.supervisors`
    // The seal brought up to the head first, so the backup's trail is sealed as far as it goes.
    await this.auth.sealNow()
    try {
      // VACUUM INTO accepts an empty file: made first, owner-only, so the copy never exists with wider permissions.
      ownerOnlyFile(scratch, true)
      const jobs: FileJob[] = [
        { kind: 'vacuum_into', file: this.vault.databaseFile, key: this.vault.openKey(), target: scratch },
      ]
      const supervisorsFile = this.vault.supervisorsFile
      const attached = this.vault.supervisorsAttached
      if (attached) {
        // Through a connection under the supervisors' own key: `VACUUM supervisors INTO` would write the copy under
        // the main database's key, which every account holds.
        ownerOnlyFile(scratchSupervisors, true)
        jobs.push({
          kind: 'vacuum_into',
          file: supervisorsFile,
          key: this.vault.openSupervisorsKey(),
          target: scratchSupervisors,
        })
      }
      // The schema version the copy was made at: read before the copy starts, and no migration runs while it is open.
      const schemaVersion = opened.schemaVersion
      await this.vault.track(runFileJobs(jobs))
      // Not attached (a coach's sign-in made the day's backup): nothing has it open, so its bytes (and a WAL a crash
      // may have left) are taken as they are; this app never writes it without the key.
      const present = (path: string) => (existsSync(path) ? path : null)
      const createdAt = instant(this.clock)
      await writeBackupFileFrom(
        target,
        {
          createdAt,
          appVersion: this.appVersion,
          schemaVersion,
          supervisorsSchemaVersion: LATEST_SUPERVISORS_VERSION,
          keyring: withoutThrottle(keyring),
        },
        attached
          ? { database: scratch, supervisors: scratchSupervisors, supervisorsWal: null }
          : {
              database: scratch,
              supervisors: present(supervisorsFile),
              supervisorsWal: present(`${supervisorsFile}-wal`),
            },
      )
      return { path: target, fileName: basename(target), createdAt, sizeBytes: statSync(target).size }
    } finally {
      rmSync(scratch, { force: true })
      rmSync(scratchSupervisors, { force: true })
    }
  }

  /** Keeps the newest backup of each of the last KEEP_DAILY days that have one, and of each of the last KEEP_WEEKLY weeks. */
  prune(): string[] {
    const days = this.automatic().map((b) => ({
      ...b,
      day: b.fileName.slice(AUTO_PREFIX.length, AUTO_PREFIX.length + 10),
    }))
    const keep = new Set(days.slice(0, KEEP_DAILY).map((b) => b.fileName))
    const weeksSeen = new Set<string>()
    for (const backup of days) {
      const week = weekOf(backup.day)
      if (weeksSeen.has(week)) continue
      weeksSeen.add(week)
      if (weeksSeen.size <= KEEP_WEEKLY) keep.add(backup.fileName)
    }
    const removed: string[] = []
    for (const backup of days) {
      if (keep.has(backup.fileName)) continue
      rmSync(backup.path, { force: true })
      removed.push(backup.fileName)
    }
    return removed
  }

  /** What the last restore replaced, where the replaced files are, and what the check of the restored trail found. */
  describeLastRestore(): string {
    return this.lastRestore
  }

  /**
   * Replaces the database (and the supervisors' file) with a backup's, after checking it is this app's, undamaged and
   * not from a newer version. Allowed to a signed-in supervisor, and, when there is no usable database (a new
   * machine, or a damaged file), to anyone holding a supervisor's password from the backup or the recovery key.
   */
  async restore(ctx: Context, input: ParsedInput<'backups.restore'>): Promise<AuthStatus> {
    // The whole call runs in the key-file queue (its route is exclusive): the permission, the throttle and the swap
    // are decided one restore or sign-in at a time, and the caller is checked before anything is read.
    this.requireRestorer(ctx)
    let backup: Awaited<ReturnType<typeof readBackupFile>>
    try {
      backup = await readBackupFile(input.path)
    } catch (error) {
      if (error instanceof BackupFileError) throw new AppError('invalid_input', error.message, { path: error.message })
      throw error
    }
    const { header, parts } = backup
    if (
      header.schemaVersion > LATEST_SCHEMA_VERSION ||
      (header.supervisorsSchemaVersion ?? 0) > LATEST_SUPERVISORS_VERSION
    ) {
      throw new AppError(
        'invalid_input',
        'That backup was made by a newer version of the app. Update the app to restore it.',
        { path: 'From a newer version' },
      )
    }
    this.refuseWhileThrottled()
    // Counted before the slow key derivation, so calls sent at once cannot all slip past the throttle.
    this.failedRestores = { failures: this.failedRestores.failures + 1, lastFailureAt: this.clock.now().getTime() }
    const keys = await this.unlockBackup(header.keyring, input)
    this.failedRestores = { failures: 0, lastFailureAt: 0 }
    const stamp = Date.now()
    const dataDir = dirname(this.vault.databaseFile)
    const staged = join(dataDir, `.restore-${process.pid}-${stamp}.sqlite`)
    const stagedSupervisors = join(dataDir, `.restore-${process.pid}-${stamp}.supervisors.sqlite`)
    try {
      writeDurably(staged, parts.database)
      const checked = inspectBackupCopy(staged, keys.database)
      if ('username' in input && !checked.supervisors.includes(input.username.toLowerCase())) {
        throw new AppError(
          'unauthenticated',
          'That username and password do not match an active supervisor in this backup.',
          { password: 'Not an active supervisor of this backup' },
        )
      }
      const hasSupervisorsFile = parts.supervisors.length > 0
      if (hasSupervisorsFile) {
        writeDurably(stagedSupervisors, parts.supervisors)
        if (parts.supervisorsWal.length > 0) writeDurably(`${stagedSupervisors}-wal`, parts.supervisorsWal)
        // Without the key (a backup whose supervisor held none) it is restored as it was, checked when next attached.
        if (keys.supervisors) inspectSupervisorsCopy(stagedSupervisors, keys.supervisors, SUPERVISORS_FILE)
      }
      const replacedHead = this.vault.database ? await headEvent(this.vault.db) : undefined
      await this.auth.closeForReplacement()
      const aside = swapIn(this.vault, {
        staged,
        stagedSupervisors: hasSupervisorsFile ? stagedSupervisors : null,
        keyring: header.keyring,
        now: instant(this.clock),
      })
      await this.auth.openVault(keys.database)
      await this.auth.autoLock.load(this.vault.db)
      if (keys.supervisors) await this.auth.attachSupervisors(keys.supervisors, null)
      const check = await checkTrail(this.vault.db, keys.supervisors)
      this.lastRestore =
        `Restored from ${basename(input.path)} (made ${header.createdAt}). The replaced casebook.sqlite and ` +
        `casebook.supervisors.sqlite are kept in replaced/${basename(aside)}` +
        (replacedHead ? `; their trail ended at event ${replacedHead.id} (${replacedHead.hash?.slice(0, 16)}…)` : '') +
        `. The restored trail: ${describeCheck(check)}`
      // A backup from before the supervisors' key gives none: the next sign-in makes it (see Auth.signIn).
      return 'username' in input && keys.supervisors
        ? await this.auth.signInAfterRestore(ctx.client, input.username)
        : { state: 'signed_out' }
    } finally {
      keys.database.fill(0)
      keys.supervisors?.fill(0)
      for (const suffix of ['', '-wal', '-shm']) {
        rmSync(`${staged}${suffix}`, { force: true })
        rmSync(`${stagedSupervisors}${suffix}`, { force: true })
      }
    }
  }

  /** With a working database only a signed-in supervisor restores; without one, whoever holds the backup's secrets. */
  private requireRestorer(ctx: Context) {
    if (!this.hasUsableDatabase()) return
    const session = this.auth.sessionFor(ctx.client)
    if (!session || session.locked) throw new AppError('unauthenticated', 'Please sign in first.')
    if (session.role !== 'supervisor' || session.mustChangePassword) {
      throw new AppError('forbidden', 'You do not have permission to do that.')
    }
  }

  private refuseWhileThrottled() {
    const wait = retryDelayMs(this.failedRestores.failures)
    const remaining = this.failedRestores.lastFailureAt + wait - this.clock.now().getTime()
    if (wait > 0 && remaining > 0) {
      const seconds = Math.ceil(remaining / 1000)
      throw new AppError(
        'too_many_attempts',
        `Too many wrong tries. Wait ${seconds} second${seconds === 1 ? '' : 's'} and try again.`,
      )
    }
  }

  private hasUsableDatabase(): boolean {
    try {
      const state = this.vault.state()
      return state.kind !== 'setup' && !this.vault.failure
    } catch {
      return false
    }
  }

  private async unlockBackup(keyring: KeyringFile, input: ParsedInput<'backups.restore'>): Promise<OpenedKeys> {
    if ('recoveryKey' in input) {
      const keys = await openRecovery(keyring, input.recoveryKey)
      if (keys) return keys
      await this.recordFailure('Wrong recovery key for a backup')
      throw new AppError('unauthenticated', 'That recovery key does not open this backup.', {
        recoveryKey: 'Wrong recovery key',
      })
    }
    const opened = await openAccount(keyring, input.username, input.password)
    opened?.wrapper?.key.fill(0)
    if (opened) return opened.keys
    await this.recordFailure('Wrong username or password for a backup')
    throw new AppError(
      'unauthenticated',
      'That username and password do not match an active supervisor in this backup.',
      { password: 'Wrong password' },
    )
  }

  private recordFailure(summary: string) {
    return this.auth.security.record({ action: 'sign_in_failed', recordType: 'database', recordId: null, summary })
  }
}

/** ISO year and week of a `YYYY-MM-DD` day, e.g. `2026-W47`. */
export function weekOf(day: string): string {
  const date = new Date(`${day}T00:00:00Z`)
  const weekday = (date.getUTCDay() + 6) % 7
  date.setUTCDate(date.getUTCDate() - weekday + 3)
  const firstThursday = new Date(Date.UTC(date.getUTCFullYear(), 0, 4))
  const week =
    1 +
    Math.round(
      ((date.getTime() - firstThursday.getTime()) / 86_400_000 - 3 + ((firstThursday.getUTCDay() + 6) % 7)) / 7,
    )
  return `${date.getUTCFullYear()}-W${String(week).padStart(2, '0')}`
}

const RESTORE_MARKER = 'restore-pending.json'

interface RestoreMarker {
  aside: string
  staged: string
  stagedSupervisors: string | null
  newKeyring: string
}

/**
 * Puts a checked, staged backup in place of the current files: database, key file and supervisors' file. A marker
 * names the folder the current files go to; if anything fails the current files are moved back, and if the app is
 * killed in the middle, `finishInterruptedRestore` (run at start) completes or undoes it. The replaced files are kept,
 * never deleted. Answers the folder they were put in.
 */
function swapIn(
  vault: Vault,
  restore: { staged: string; stagedSupervisors: string | null; keyring: KeyringFile; now: string },
): string {
  const dataDir = dirname(vault.databaseFile)
  const replaced = join(dataDir, 'replaced')
  const aside = join(replaced, restore.now.replace(/[:.]/g, '-'))
  mkdirSync(aside, { recursive: true, mode: FOLDER_MODE })
  ownerOnlyFolderMode(replaced)
  const newKeyring = `${vault.keyringFile}.restoring`
  writeKeyring(newKeyring, restore.keyring)
  writeMarker(dataDir, { aside, staged: restore.staged, stagedSupervisors: restore.stagedSupervisors, newKeyring })
  const moved: string[] = []
  try {
    for (const file of liveFiles(vault)) {
      if (!existsSync(file)) continue
      renameSync(file, join(aside, basename(file)))
      moved.push(file)
    }
    renameSync(newKeyring, vault.keyringFile)
    if (restore.stagedSupervisors) {
      if (existsSync(`${restore.stagedSupervisors}-wal`)) {
        renameSync(`${restore.stagedSupervisors}-wal`, `${vault.supervisorsFile}-wal`)
      }
      renameSync(restore.stagedSupervisors, vault.supervisorsFile)
    }
    // The database last: its arrival is what completes the restore.
    renameSync(restore.staged, vault.databaseFile)
    fsyncFolder(dataDir)
    fsyncFolder(aside)
  } catch (error) {
    rmSync(newKeyring, { force: true })
    for (const file of [vault.supervisorsFile, `${vault.supervisorsFile}-wal`]) {
      if (!moved.includes(file)) rmSync(file, { force: true })
    }
    for (const file of moved) {
      rmSync(file, { force: true })
      renameSync(join(aside, basename(file)), file)
    }
    rmSync(join(dataDir, RESTORE_MARKER), { force: true })
    throw error
  }
  rmSync(join(dataDir, RESTORE_MARKER), { force: true })
  return aside
}

function ownerOnlyFolderMode(dir: string) {
  try {
    chmodSync(dir, FOLDER_MODE)
  } catch {
    // Not supported on this system (Windows).
  }
}

/**
 * Every file the restore replaces. The -journal too: left beside the restored database, the next start would roll the
 * replaced file's half-done change into it (or refuse it).
 */
function liveFiles(vault: Vault): string[] {
  const supervisors = vault.supervisorsFile
  return [
    vault.databaseFile,
    `${vault.databaseFile}-wal`,
    `${vault.databaseFile}-shm`,
    `${vault.databaseFile}-journal`,
    vault.keyringFile,
    supervisors,
    `${supervisors}-wal`,
    `${supervisors}-shm`,
    `${supervisors}-journal`,
  ]
}

/** A staged file, flushed to disk before anything is renamed onto the office's files. */
function writeDurably(file: string, bytes: Buffer) {
  const fd = openSync(file, 'wx', 0o600)
  try {
    for (let done = 0; done < bytes.length;) done += writeSync(fd, bytes, done)
    fsyncSync(fd)
  } catch (error) {
    closeSync(fd)
    rmSync(file, { force: true })
    throw error
  }
  closeSync(fd)
}

function writeMarker(dataDir: string, marker: RestoreMarker) {
  const file = join(dataDir, RESTORE_MARKER)
  writeFileSync(`${file}.tmp`, JSON.stringify(marker), { mode: 0o600 })
  renameSync(`${file}.tmp`, file)
}

/**
 * The marker as this app writes it, or null: every path must be the one `swapIn` would have named, inside the data
 * folder. A marker is followed at start, before anyone signs in, by removing and renaming files; a crafted one must
 * not steer that anywhere else.
 */
function trustedMarker(vault: Vault, text: string): RestoreMarker | null {
  let value: Partial<Record<keyof RestoreMarker, unknown>>
  try {
    value = JSON.parse(text) as typeof value
  } catch {
    return null
  }
  const dataDir = dirname(vault.databaseFile)
  const inside = (path: unknown, folder: string, name: RegExp): path is string =>
    typeof path === 'string' && path === join(folder, basename(path)) && name.test(basename(path))
  const { aside, staged, stagedSupervisors, newKeyring } = value
  if (
    !inside(aside, join(dataDir, 'replaced'), /^[0-9A-Za-z-]{1,64}$/) ||
    !inside(staged, dataDir, /^\.restore-[0-9A-Za-z-]{1,64}\.sqlite$/) ||
    // Absent from a marker written before the supervisors' file existed.
    !(
      stagedSupervisors === undefined ||
      stagedSupervisors === null ||
      inside(stagedSupervisors, dataDir, /^\.restore-[0-9A-Za-z-]{1,64}\.supervisors\.sqlite$/)
    ) ||
    newKeyring !== `${vault.keyringFile}.restoring`
  ) {
    return null
  }
  return { aside, staged, stagedSupervisors: stagedSupervisors ?? null, newKeyring }
}

/**
 * A restore cut off by a crash: if every new file made it into place it is complete; otherwise the files set aside
 * are moved back, so the office's data is never left missing (and first run is never offered over it). A marker that
 * names anything but this app's own paths is set aside unfollowed.
 */
export function finishInterruptedRestore(vault: Vault): 'none' | 'completed' | 'undone' | 'refused' {
  const dataDir = dirname(vault.databaseFile)
  const markerFile = join(dataDir, RESTORE_MARKER)
  if (!existsSync(markerFile)) return 'none'
  const marker = trustedMarker(vault, readFileSync(markerFile, 'utf8'))
  if (!marker) {
    renameSync(markerFile, `${markerFile}.refused-${Date.now()}`)
    return 'refused'
  }
  const complete =
    existsSync(vault.databaseFile) &&
    existsSync(vault.keyringFile) &&
    !existsSync(marker.staged) &&
    !existsSync(marker.newKeyring) &&
    (marker.stagedSupervisors === null || !existsSync(marker.stagedSupervisors))
  if (!complete) {
    for (const file of liveFiles(vault)) {
      const kept = join(marker.aside, basename(file))
      if (!existsSync(kept)) {
        // The backup's supervisors' file, moved in before the cut over an office that had none: not this office's.
        const movedIn = marker.stagedSupervisors !== null && !existsSync(marker.stagedSupervisors)
        if (movedIn && file.startsWith(vault.supervisorsFile)) rmSync(file, { force: true })
        continue
      }
      rmSync(file, { force: true })
      renameSync(kept, file)
    }
    for (const suffix of ['', '-wal']) {
      rmSync(`${marker.staged}${suffix}`, { force: true })
      if (marker.stagedSupervisors) rmSync(`${marker.stagedSupervisors}${suffix}`, { force: true })
    }
    rmSync(marker.newKeyring, { force: true })
  }
  rmSync(markerFile, { force: true })
  return complete ? 'completed' : 'undone'
}
