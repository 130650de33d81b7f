import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { basename, dirname, join } from 'node:path'
import Sqlite from 'better-sqlite3-multiple-ciphers'
import type { ParsedInput } from '@shared/api/contract'
import { KEEP_DAILY_BACKUPS, KEEP_WEEKLY_BACKUPS, type AuthStatus, type BackupInfo, type BackupList } from '@shared/domain/accounts'
import { instant, type Clock } from '../clock'
import type { Context } from '../context'
import { AppError } from '../errors'
import { recordAudit } from '../audit/audit'
import { accountLabel, findAccountSlot, RECOVERY_LABEL, unwrapKey, writeKeyring, type KeyringFile } from '../auth/keyring'
import { retryDelayMs, type Auth } from '../auth/auth.service'
import { APPLICATION_ID, LATEST_SCHEMA_VERSION } from '../db/migrations'
import type { Vault } from '../vault'
import { BACKUP_EXTENSION, BackupFileError, readBackupFile, readBackupHeader, writeBackupFile } from './backup-file'

const KEEP_DAILY = KEEP_DAILY_BACKUPS
const KEEP_WEEKLY = KEEP_WEEKLY_BACKUPS
const AUTO_PREFIX = 'auto-'

/**
 * Backups through `VACUUM INTO`, which keeps the encryption (the online backup API refuses an encrypted source) and
 * reads one consistent snapshot while other writes go on. Restoring checks the file before anything is replaced, and
 * keeps the replaced files aside.
 */
export class Backups {
  readonly folder: string
  /** Wrong passwords or recovery keys given to restore, in a row: slowed down like sign-in. */
  private failedRestores = { failures: 0, lastFailureAt: 0 }

  constructor(
    private readonly vault: Vault,
    private readonly auth: Auth,
    private readonly clock: Clock,
    private readonly appVersion: string,
  ) {
    this.folder = join(dirname(vault.databaseFile), 'backups')
  }

  list(ctx: Context): Promise<BackupList> {
    return this.lastBackupAt(ctx).then((lastBackupAt) => ({ folder: this.folder, lastBackupAt, automatic: this.automatic() }))
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
        return { path, fileName, createdAt, sizeBytes: stat.size, day: fileName.slice(AUTO_PREFIX.length, AUTO_PREFIX.length + 10) }
      })
      .sort((a, b) => (a.day < b.day ? 1 : a.day > b.day ? -1 : 0))
      .map(({ day: _day, ...info }) => info)
  }

  /** The newest of the recorded backups and the automatic files (a restored database may not record its own). */
  private async lastBackupAt(ctx: Context): Promise<string | null> {
    const row = await ctx.db
      .selectFrom('audit_events')
      .select('at')
      .where('action', '=', 'backup')
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst()
    const candidates = [row?.at, this.automatic()[0]?.createdAt].filter((at): at is string => Boolean(at))
    return candidates.sort().at(-1) ?? null
  }

  /** "Back up now", to a file the supervisor chose. Never overwrites a file. */
  async create(ctx: Context, input: ParsedInput<'backups.create'>): Promise<BackupInfo> {
    if (existsSync(input.path)) {
      throw new AppError('invalid_input', 'A file with that name already exists; choose another name.', { path: 'Already exists' })
    }
    if (!existsSync(dirname(input.path)) || !statSync(dirname(input.path)).isDirectory()) {
      throw new AppError('invalid_input', 'That folder does not exist.', { path: 'No such folder' })
    }
    const info = this.write(input.path)
    await recordAudit(ctx.db, ctx, 'backup', 'database', null)
    return info
  }

  /** Today's automatic backup, once a day the app is used; then old ones beyond the keeping rule are removed. */
  async automaticIfDue(): Promise<BackupInfo | null> {
    if (!this.vault.database) return null
    const today = instant(this.clock).slice(0, 10)
    const target = join(this.folder, `${AUTO_PREFIX}${today}${BACKUP_EXTENSION}`)
    if (existsSync(target)) return null
    mkdirSync(this.folder, { recursive: true })
    const info = this.write(target)
    await recordAudit(this.vault.db, { clock: this.clock, session: null }, 'backup', 'database', null)
    this.prune()
    return info
  }

  private write(target: string): BackupInfo {
    const opened = this.vault.database
    if (!opened) throw new AppError('unauthenticated', 'Please sign in first.')
    const keyring = this.vault.keyring
    if (!keyring) throw new AppError('database_unavailable', 'The key file is missing, so a backup could not be opened later.')
    const scratch = join(dirname(target), `.vacuum-${process.pid}-${Date.now()}.sqlite`)
    try {
      opened.sqlite.prepare('VACUUM INTO ?').run(scratch)
      const database = readFileSync(scratch)
      const clean: KeyringFile = {
        ...keyring,
        accounts: keyring.accounts.map((slot) => ({ ...slot, failures: 0, lastFailureAt: null })),
        recovery: { ...keyring.recovery, failures: 0, lastFailureAt: null },
      }
      const createdAt = instant(this.clock)
      writeBackupFile(target, { format: 1, createdAt, appVersion: this.appVersion, schemaVersion: opened.schemaVersion, keyring: clean }, database)
      return { path: target, fileName: basename(target), createdAt, sizeBytes: statSync(target).size }
    } finally {
      rmSync(scratch, { force: true })
    }
  }

  /** Keeps the newest backup of each of the last KEEP_DAILY days that have one, and of each of the last KEEP_WEEKLY weeks. */
  prune(): string[] {
    const days = this.automatic().map((b) => ({ ...b, day: b.fileName.slice(AUTO_PREFIX.length, AUTO_PREFIX.length + 10) }))
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

  /**
   * Replaces the database with a backup's, after checking it is this app's, undamaged and not from a newer version.
   * Allowed to a signed-in supervisor, and, when there is no usable database (a new machine, or a damaged file), to
   * anyone holding a supervisor's password from the backup or the recovery key.
   */
  async restore(ctx: Context, input: ParsedInput<'backups.restore'>): Promise<AuthStatus> {
    if (this.hasUsableDatabase()) {
      const session = this.auth.sessionFor(ctx.client)
      if (!session || session.locked) throw new AppError('unauthenticated', 'Please sign in first.')
      if (session.role !== 'supervisor' || session.mustChangePassword) {
        throw new AppError('forbidden', 'You do not have permission to do that.')
      }
    }
    let backup: ReturnType<typeof readBackupFile>
    try {
      backup = readBackupFile(input.path)
    } catch (error) {
      if (error instanceof BackupFileError) throw new AppError('invalid_input', error.message, { path: error.message })
      throw error
    }
    const { header, database } = backup
    if (header.schemaVersion > LATEST_SCHEMA_VERSION) {
      throw new AppError('invalid_input', 'That backup was made by a newer version of the app. Update the app to restore it.', { path: 'From a newer version' })
    }
    this.refuseWhileThrottled()
    let key: Buffer
    try {
      key = await this.unlockBackup(header.keyring, input)
    } catch (error) {
      if (error instanceof AppError && error.code === 'unauthenticated') {
        this.failedRestores = { failures: this.failedRestores.failures + 1, lastFailureAt: this.clock.now().getTime() }
      }
      throw error
    }
    this.failedRestores = { failures: 0, lastFailureAt: 0 }
    const dataDir = dirname(this.vault.databaseFile)
    const staged = join(dataDir, `.restore-${process.pid}-${Date.now()}.sqlite`)
    try {
      writeFileSync(staged, database, { mode: 0o600, flag: 'wx' })
      const checked = checkStaged(staged, key)
      if ('username' in input) {
        const ok = checked.supervisors.includes(input.username.toLowerCase())
        if (!ok) {
          throw new AppError('unauthenticated', 'That username and password do not match an active supervisor in this backup.', {
            password: 'Not an active supervisor of this backup',
          })
        }
      }
      await this.auth.replaceDatabase(async () => {
        const stamp = instant(this.clock).replace(/[:.]/g, '-')
        const aside = join(dataDir, 'replaced', stamp)
        mkdirSync(aside, { recursive: true })
        for (const file of [this.vault.databaseFile, `${this.vault.databaseFile}-wal`, `${this.vault.databaseFile}-shm`, this.vault.keyringFile]) {
          if (existsSync(file)) renameSync(file, join(aside, basename(file)))
        }
        writeKeyring(this.vault.keyringFile, header.keyring)
        renameSync(staged, this.vault.databaseFile)
      })
      this.vault.open(key)
      await this.auth.loadSettings()
      if (!('username' in input)) {
        await recordAudit(this.vault.db, { clock: this.clock, session: null }, 'restore', 'database', null)
        return { state: 'signed_out' }
      }
      const status = await this.auth.signInAfterRestore(ctx.client, input.username)
      await recordAudit(this.vault.db, { clock: this.clock, session: this.auth.sessionFor(ctx.client) }, 'restore', 'database', null)
      return status
    } finally {
      key.fill(0)
      rmSync(staged, { force: true })
    }
  }

  private refuseWhileThrottled() {
    const wait = retryDelayMs(this.failedRestores.failures)
    const remaining = this.failedRestores.lastFailureAt + wait - this.clock.now().getTime()
    if (wait > 0 && remaining > 0) {
      const seconds = Math.ceil(remaining / 1000)
      throw new AppError('too_many_attempts', `Too many wrong tries. Wait ${seconds} second${seconds === 1 ? '' : 's'} and try again.`)
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

  private async unlockBackup(keyring: KeyringFile, input: ParsedInput<'backups.restore'>): Promise<Buffer> {
    if ('recoveryKey' in input) {
      const key = await unwrapKey(keyring.recovery, input.recoveryKey, RECOVERY_LABEL)
      if (!key) throw new AppError('unauthenticated', 'That recovery key does not open this backup.', { recoveryKey: 'Wrong recovery key' })
      return key
    }
    const slot = findAccountSlot(keyring, input.username)
    const key = slot ? await unwrapKey(slot, input.password, accountLabel(slot.accountId)) : null
    if (!key) throw new AppError('unauthenticated', 'That username and password do not match an active supervisor in this backup.', { password: 'Wrong password' })
    return key
  }
}

/** Opens the staged copy read-only with its key and checks it through and through before it replaces anything. */
function checkStaged(file: string, key: Buffer): { supervisors: string[] } {
  // Not readonly: a WAL-mode copy needs its -shm file made. It is our own staged copy, never the backup itself.
  const sqlite = new Sqlite(file, { fileMustExist: true })
  try {
    sqlite.pragma(`key = "x'${key.toString('hex')}'"`)
    let integrity: string
    try {
      integrity = sqlite.pragma('integrity_check', { simple: true }) as string
    } catch {
      throw new AppError('invalid_input', 'That backup is damaged and cannot be read.', { path: 'Damaged' })
    }
    if (integrity !== 'ok') throw new AppError('invalid_input', `That backup is damaged (${integrity}).`, { path: 'Damaged' })
    if (sqlite.pragma('application_id', { simple: true }) !== APPLICATION_ID) {
      throw new AppError('invalid_input', "That file is a database, but not one of this app's.", { path: 'Not this app’s' })
    }
    const version = sqlite.pragma('user_version', { simple: true }) as number
    if (version > LATEST_SCHEMA_VERSION) {
      throw new AppError('invalid_input', 'That backup was made by a newer version of the app.', { path: 'From a newer version' })
    }
    const supervisors = (sqlite
      .prepare("SELECT lower(username) FROM accounts WHERE role = 'supervisor' AND active = 1")
      .pluck()
      .all() as string[])
    return { supervisors }
  } finally {
    sqlite.close()
  }
}

/** ISO year and week of a `YYYY-MM-DD` day, e.g. `2026-W47`. */
export function weekOf(day: string): string {
  const date = new Date(`${day}T00:00:00Z`)
  const weekday = (date.getUTCDay() + 6) % 7
  date.setUTCDate(date.getUTCDate() - weekday + 3)
  const firstThursday = new Date(Date.UTC(date.getUTCFullYear(), 0, 4))
  const week = 1 + Math.round(((date.getTime() - firstThursday.getTime()) / 86_400_000 - 3 + ((firstThursday.getUTCDay() + 6) % 7)) / 7)
  return `${date.getUTCFullYear()}-W${String(week).padStart(2, '0')}`
}
