import type { ParsedInput } from '@shared/api/contract'
import type { AuthStatus, SignedInUser } from '@shared/domain/auth'
import { randomBytes } from 'node:crypto'
import { instant, type Clock } from '../clock'
import type { Context, Logger } from '../context'
import { AppError } from '../errors'
import type { Vault } from '../vault'
import { DatabaseOpenError } from '../db/errors'
import * as accounts from '../accounts/accounts.repository'
import type { AutoLock } from '../settings/settings.service'
import type { AccountRow } from '../accounts/accounts.table'
import { SecurityEvents, type SecurityEvent } from '../audit/security-events'
import { resumeSealing, sealHead } from '../audit/seal'
import { headEvent, recordBreak } from '../audit/audit.repository'
import {
  accountSlot,
  accountWrapper,
  damagedSlots,
  hasSlot,
  newDatabaseKey,
  openAccount,
  openRecovery,
  recoverySlot,
  recoveryWrapper,
  supervisorsCheckOf,
  withAccountSlot,
  type KdfParams,
  type KeyringFile,
  type OpenedAccount,
  type OpenedKeys,
  type Wrapper,
} from './keyring'
import {
  RECOVERY_THROTTLE,
  remainingWaitMs,
  retryDelayMs,
  throttleKeyFor,
  tooManyAttempts,
  withFailure,
  withoutFailures,
} from './throttle'
import type { SessionStore, UserSession } from './sessions'
import type { KeyFileQueue } from './queue'

const WRONG_CREDENTIALS = 'That username and password do not match an active account.'
const NO_SUPERVISORS_KEY =
  'This supervisor account does not hold the supervisors’ key, so it cannot sign in as a supervisor. Another ' +
  'supervisor can give it one by resetting its password.'

/**
 * Sign-in, the screen lock, passwords and the recovery key. Passwords, derived keys and the database and supervisors'
 * keys stay in this process; none is logged or put in an error. Each method that checks a password runs inside the
 * key-file queue (its route says so, `exclusive`), so none of them queues itself.
 *
 * Who is signed in decides what is open: the database while anyone is, the supervisors' file while an unlocked
 * supervisor is (`reconcile`, after every call and every half minute).
 */
export class Auth {
  readonly security: SecurityEvents
  /** The newest automatic backup, offered when the database cannot be opened. Set by the backups service. */
  latestBackup: () => { path: string; createdAt: string } | null = () => null
  /** Runs after each sign-in or unlock: the day's automatic backup. Set by the backups service. */
  afterSignIn: () => Promise<unknown> = async () => undefined
  onBackgroundError: (error: unknown) => void = () => undefined
  /** The wait window in which a refused try was last recorded, by throttle bucket: one event per window, not per try. */
  private readonly refusalsRecorded = new Map<string, string>()

  constructor(
    readonly vault: Vault,
    readonly sessions: SessionStore,
    readonly clock: Clock,
    readonly kdf: KdfParams,
    readonly autoLock: AutoLock,
    private readonly queue: KeyFileQueue,
    log: Logger,
  ) {
    this.security = new SecurityEvents(vault, clock, log)
    this.log = log
    vault.beforeDetach = () => this.sealNow()
    vault.onSupervisorsDamaged = async (finding) => {
      // Private notes cannot be read or written until a supervisor signs in again, when the file is checked in full
      // before it is attached, and set aside (with an empty one made) if it is still damaged.
      await this.security
        .record({
          action: 'supervisors_file',
          recordType: 'audit_trail',
          recordId: null,
          summary:
            `The supervisors’ file was found damaged by the check after it was opened (${finding.slice(0, 200)}); ` +
            'it was closed. Sign in again as a supervisor to have it checked and, if need be, set aside.',
        })
        .catch((error: unknown) =>
          log.error('Recording the damaged supervisors’ file failed', (error as { code?: string })?.code ?? 'error'),
        )
    }
    vault.onDamaged = () => {
      // As if the open had failed: no one goes on writing to a damaged file, and every window's next call (or its
      // status) finds the database unavailable and offers the latest backup.
      this.sessions.endAll()
      this.reconcile().catch((error: unknown) =>
        log.error('Closing the damaged database failed', (error as { code?: string })?.code ?? 'error'),
      )
    }
  }

  private readonly log: Logger

  /**
   * Brings the audit seal up to the head while the supervisors' file is attached (see audit/seal.ts): every half
   * minute, before a check of the trail, and just before the file is detached. A failure is logged, never thrown: the
   * events stay chained, and the next seal covers them.
   */
  async sealNow(): Promise<void> {
    if (!this.vault.supervisorsAttached || !this.vault.database) return
    try {
      await sealHead(this.vault.db, this.vault.openSupervisorsKey(), this.clock)
    } catch (error) {
      this.log.error('The audit trail could not be sealed', (error as { code?: string })?.code ?? 'error')
    }
  }

  /** Minutes without input before a session locks: the office's setting. */
  get autoLockMinutes(): number {
    return this.autoLock.minutes
  }

  sessionFor(client: string): UserSession | null {
    return this.sessions.current(client, this.clock.now().getTime(), this.autoLock.minutes * 60_000)
  }

  status(client: string): AuthStatus {
    let state: ReturnType<Vault['state']>
    try {
      if (this.vault.failure) throw this.vault.failure
      state = this.vault.state()
    } catch (error) {
      if (!(error instanceof DatabaseOpenError)) throw error
      return { state: 'unavailable', message: error.message, latestBackup: this.latestBackup() }
    }
    if (state.kind === 'setup') {
      return {
        state: 'setup',
        existingData: state.existingData,
        officeName: state.officeName,
        coachTitle: state.coachTitle,
        ...(state.emptied ? { emptied: { message: state.emptied, latestBackup: this.latestBackup() } } : {}),
      }
    }
    const session = this.sessionFor(client)
    if (!session) return { state: 'signed_out' }
    if (session.locked)
      return { state: 'locked', user: { username: session.username, displayName: session.displayName } }
    return this.statusOf(session)
  }

  // --- What is open follows who is signed in -----------------------------------------------------------------

  /** Locks idle sessions (recording each lock) and ends those locked too long. Before every call. */
  async sweep(): Promise<void> {
    const { locked } = this.sessions.sweep(this.clock.now().getTime(), this.autoLock.minutes * 60_000)
    for (const session of locked) {
      await this.security.record({
        action: 'lock',
        recordType: 'session',
        recordId: null,
        summary: `Locked after ${this.autoLock.minutes} minutes without input`,
        actorAccountId: session.accountId,
      })
    }
  }

  /**
   * Closes the database once no one is signed in, and detaches the supervisors' file once no supervisor is signed in
   * with the screen unlocked; both keys leave memory with them. After every call (and from a timer), outside the
   * key-file queue; the closing itself waits its turn in the queue, so it never cuts into a sign-in.
   */
  async reconcile(): Promise<void> {
    await this.sweep()
    if (!this.needsClosing() && !this.needsDetaching()) return
    await this.queue.run(async () => {
      if (this.needsClosing()) await this.vault.close()
      else if (this.needsDetaching()) await this.vault.detachSupervisors()
    })
  }

  private needsClosing() {
    return this.vault.database !== null && this.sessions.size === 0
  }

  private needsDetaching() {
    return this.vault.supervisorsAttached && !this.sessions.hasUnlocked('supervisor')
  }

  /** Opens the database with `key` and writes the security events that waited for it. */
  async openVault(key: Buffer): Promise<void> {
    this.vault.open(key, instant(this.clock))
    await this.security.flush()
    await this.recordRecoveries()
  }

  /** What opening a file recovered after a crash (and where the copies are), for a supervisor to read in the trail. */
  async recordRecoveries(): Promise<void> {
    for (const recovery of this.vault.takeRecoveries()) {
      await this.security.record({
        action: 'recovery',
        recordType: 'database',
        recordId: null,
        summary: recovery.summary,
      })
    }
  }

  /**
   * Attaches the supervisors' file for a supervisor, then checks and seals the audit trail's tail. Run only for a
   * supervisor whose own slot (or the recovery key) gave the key.
   */
  async attachSupervisors(key: Buffer, actorAccountId: number | null): Promise<void> {
    const stamp = instant(this.clock)
    const outcome = await this.vault.attachSupervisors(key, stamp)
    await this.recordRecoveries()
    // Another supervisor is in: the seal is kept up in the background already, and nothing was written unsealed.
    if (outcome === 'already') return
    const record = (action: SecurityEvent['action'], summary: string) =>
      this.security.record({
        action,
        recordType: 'audit_trail',
        recordId: null,
        summary,
        ...(actorAccountId !== null ? { actorAccountId } : {}),
      })
    const lost =
      outcome === 'replaced'
        ? 'The supervisors’ file could not be opened with the supervisors’ key; it was set aside and an empty one made'
        : outcome === 'created' && (await this.hasEvents())
          ? 'The supervisors’ file was missing; an empty one was made'
          : null
    if (lost) {
      // The seal went with the file, so the trail so far can no longer be checked against it: a break, kept for good
      // in the new file, so that removing the file is never a way to make a rewritten trail pass the check.
      await recordBreak(this.vault.db, stamp, `${lost}: the events before it were never checked against a seal.`)
      await record('supervisors_file', lost)
    }
    await resumeSealing(this.vault.db, key, this.clock, (summary) => record('seal', summary))
  }

  private async hasEvents(): Promise<boolean> {
    return (await headEvent(this.vault.db)) !== undefined
  }

  /**
   * A supervisors' key for an office that has none yet (a key file from before this version), or whose recovery key
   * holds none when it is the only way in: a new key and an empty supervisors' file, the old one set aside.
   */
  private async newSupervisorsKey(actorAccountId: number, why: string): Promise<Buffer> {
    const key = newDatabaseKey()
    await this.vault.newSupervisorsFile(key, instant(this.clock))
    this.vault.saveKeyring({ ...this.vault.requireKeyring(), supervisorsCheck: supervisorsCheckOf(key) })
    await this.security.record({
      action: 'new_supervisors_key',
      recordType: 'database',
      recordId: null,
      summary: why,
      actorAccountId,
    })
    return key
  }

  // --- Signing in and out ----------------------------------------------------------------------------------------

  async signIn(ctx: Context, input: ParsedInput<'auth.signIn'>): Promise<AuthStatus> {
    const keyring = this.requireKeyring()
    const bucket = throttleKeyFor(keyring, input.username)
    await this.refuseWhileWaiting(keyring, bucket)
    const opened = await openAccount(keyring, input.username, input.password)
    if (!opened) {
      await this.refuseIfSlotsDamaged(keyring, 'accounts')
      await this.countFailure(bucket, {
        action: 'sign_in_failed',
        recordType: 'account',
        recordId: null,
        summary: 'Wrong password',
        summaryForUnknownName: 'Unknown username',
        username: input.username,
      })
      throw new AppError('unauthenticated', WRONG_CREDENTIALS)
    }
    this.clearFailures(bucket)
    try {
      await this.openVault(opened.keys.database)
      await this.autoLock.load(this.vault.db)
      const account = await accounts.findAccount(this.vault.db, opened.accountId)
      if (!account || account.active !== 1 || account.username.toLowerCase() !== input.username.toLowerCase()) {
        throw new AppError('unauthenticated', WRONG_CREDENTIALS)
      }
      const wrapper = await this.currentSlot(account, opened, input.password)
      if (account.role === 'supervisor') {
        let supervisors = opened.keys.supervisors
        if (!supervisors && this.vault.requireKeyring().supervisorsCheck === null) {
          supervisors = await this.newSupervisorsKey(
            account.id,
            'Made the supervisors’ key for this office at its first supervisor’s sign-in since the update; make a ' +
              'new recovery key so that it opens supervisor-only records too',
          )
          this.vault.saveKeyring(
            withAccountSlot(
              this.vault.requireKeyring(),
              accountSlot(account.id, wrapper, { ...opened.keys, supervisors }),
            ),
          )
          opened.keys.supervisors = supervisors
        }
        if (!supervisors) throw new AppError('unauthenticated', NO_SUPERVISORS_KEY)
        await this.attachSupervisors(supervisors, account.id)
      }
      const session = await this.startSession(ctx.client, account.id)
      // Signed in only once the sign-in is in the trail: if it cannot be recorded (a full disk), no session stays.
      ctx.onRollback(() => this.sessions.end(ctx.client))
      this.runAfterSignIn()
      return this.statusOf(session)
    } catch (error) {
      throw await this.damageBehind(error)
    } finally {
      zero(opened)
    }
  }

  /**
   * The integrity check runs in the background after the open, so a damaged page can be met by the sign-in's own
   * reads first: then the check's finding is the answer (the database unavailable, the latest backup offered).
   */
  private async damageBehind(error: unknown): Promise<unknown> {
    const code = String((error as { code?: unknown })?.code ?? '')
    if (!code.startsWith('SQLITE_CORRUPT') && code !== 'SQLITE_NOTADB') return error
    return (await this.vault.passedCheck()) ? error : (this.vault.failure ?? error)
  }

  /**
   * The account's derived key, for changes to its slot. A slot from a version-1 key file is rewritten now, in the
   * form that holds no username (one more key derivation, once).
   */
  private async currentSlot(account: AccountRow, opened: OpenedAccount, password: string): Promise<Wrapper> {
    if (opened.wrapper) return opened.wrapper
    const keyring = this.vault.requireKeyring()
    opened.wrapper = await accountWrapper(keyring, account.username, password, this.kdf)
    this.vault.saveKeyring(withAccountSlot(keyring, accountSlot(account.id, opened.wrapper, opened.keys)))
    return opened.wrapper
  }

  signOut(ctx: Context): AuthStatus {
    this.sessions.end(ctx.client)
    return this.status(ctx.client)
  }

  lock(ctx: Context): AuthStatus {
    const session = this.sessionFor(ctx.client)
    if (!session) throw new AppError('unauthenticated', 'Please sign in first.')
    session.locked = true
    return this.status(ctx.client)
  }

  /** Input at the screen counts as activity; a locked session stays locked. */
  touch(ctx: Context): AuthStatus {
    const session = this.sessionFor(ctx.client)
    if (session && !session.locked) session.lastActivityAt = this.clock.now().getTime()
    return this.status(ctx.client)
  }

  async unlock(ctx: Context, input: ParsedInput<'auth.unlock'>): Promise<AuthStatus> {
    const session = this.sessionFor(ctx.client)
    if (!session) throw new AppError('unauthenticated', 'Please sign in first.')
    const opened = await this.checkOwnPassword(session, input.password)
    try {
      if (session.role === 'supervisor') {
        if (!opened.keys.supervisors) throw new AppError('unauthenticated', NO_SUPERVISORS_KEY)
        await this.attachSupervisors(opened.keys.supervisors, session.accountId)
      }
    } finally {
      zero(opened)
    }
    session.locked = false
    session.lastActivityAt = this.clock.now().getTime()
    ctx.onRollback(() => {
      session.locked = true
    })
    this.runAfterSignIn()
    return this.statusOf(session)
  }

  async changePassword(ctx: Context, input: ParsedInput<'auth.changePassword'>): Promise<AuthStatus> {
    const session = this.sessionFor(ctx.client)
    if (!session || session.locked) throw new AppError('unauthenticated', 'Please sign in first.')
    if (input.newPassword === input.currentPassword) {
      throw new AppError('invalid_input', 'Choose a password different from the current one.', {
        newPassword: 'Must be different from the current password',
      })
    }
    const opened = await this.checkOwnPassword(session, input.currentPassword, 'currentPassword')
    try {
      const wrapper = await accountWrapper(this.vault.requireKeyring(), session.username, input.newPassword, this.kdf)
      try {
        // A supervisor's slot keeps the supervisors' key; anyone else's holds none.
        const keys = {
          database: opened.keys.database,
          supervisors: session.role === 'supervisor' ? opened.keys.supervisors : null,
        }
        return await ctx.transaction(async (db) => {
          await accounts.passwordChanged(db, session.accountId, instant(this.clock))
          const keyring = this.vault.requireKeyring()
          this.vault.saveKeyringWith(ctx, withAccountSlot(keyring, accountSlot(session.accountId, wrapper, keys)))
          ctx.afterCommit(() => {
            // Whoever signed in elsewhere with the old password is signed out; this window goes on.
            this.sessions.endAccount(session.accountId, ctx.client)
            session.mustChangePassword = false
          })
          return this.statusOf({ ...session, mustChangePassword: false })
        })
      } finally {
        wrapper.key.fill(0)
      }
    } finally {
      zero(opened)
    }
  }

  async recover(ctx: Context, input: ParsedInput<'auth.recover'>): Promise<AuthStatus> {
    const keyring = this.requireKeyring()
    await this.refuseWhileWaiting(keyring, RECOVERY_THROTTLE)
    const keys = await openRecovery(keyring, input.recoveryKey)
    if (!keys) {
      await this.refuseIfSlotsDamaged(keyring, 'recovery')
      await this.countFailure(RECOVERY_THROTTLE, {
        action: 'sign_in_failed',
        recordType: 'database',
        recordId: null,
        summary: 'Wrong recovery key',
      })
      throw new AppError('unauthenticated', 'That recovery key does not open this database.', {
        recoveryKey: 'Wrong recovery key',
      })
    }
    this.clearFailures(RECOVERY_THROTTLE)
    try {
      await this.openVault(keys.database)
      await this.autoLock.load(this.vault.db)
      const account = await accounts.findAccountByUsername(this.vault.db, input.username)
      if (!account || account.active !== 1 || account.role !== 'supervisor') {
        throw new AppError('invalid_input', 'There is no active supervisor account with that username.', {
          username: 'Not an active supervisor account',
        })
      }
      // A recovery key from before the supervisors' key holds none: this is the only way in, so a new one is made.
      const supervisors =
        keys.supervisors ??
        (await this.newSupervisorsKey(
          account.id,
          'Made a new supervisors’ key with the recovery key, which held none: supervisor-only records kept under ' +
            'the old key were set aside, and other supervisors need their passwords reset to sign in',
        ))
      keys.supervisors = supervisors
      const wrapper = await accountWrapper(this.vault.requireKeyring(), account.username, input.newPassword, this.kdf)
      const recovery = await recoveryWrapper(input.recoveryKey, this.kdf)
      try {
        const status = await ctx.transaction(async (db) => {
          await accounts.passwordChanged(db, account.id, instant(this.clock))
          const current = this.vault.requireKeyring()
          this.vault.saveKeyringWith(ctx, {
            ...withAccountSlot(current, accountSlot(account.id, wrapper, keys)),
            // Sealed again, so that a recovery key from before the supervisors' key opens it from now on.
            recovery: recoverySlot(recovery, keys),
          })
          const session = this.sessionOf({ ...account, must_change_password: 0 })
          ctx.afterCommit(() => {
            this.sessions.endAccount(account.id)
            this.sessions.set(ctx.client, session)
          })
          return this.statusOf(session)
        })
        await this.attachSupervisors(supervisors, account.id)
        return status
      } finally {
        wrapper.key.fill(0)
        recovery.key.fill(0)
      }
    } finally {
      keys.database.fill(0)
      keys.supervisors?.fill(0)
    }
  }

  /**
   * Starts the day's automatic backup after the answer: it grows with the file, so no one waits for it (the vault's
   * close does). A failure must not stop anyone signing in; it is logged without detail that could hold data.
   */
  runAfterSignIn(): void {
    if (!this.vault.database) return
    this.vault.track(
      (async () => {
        // A turn of the event loop first, so the sign-in's own answer (and its audit event) goes out before it starts.
        await new Promise((resolve) => setImmediate(resolve))
        await this.afterSignIn()
      })().catch((error: unknown) => this.onBackgroundError(error)),
    )
  }

  /** Closes the database and ends every session before a restore replaces the files. The caller holds the queue. */
  async closeForReplacement(): Promise<void> {
    await this.vault.close()
    this.sessions.endAll()
    this.vault.reset()
  }

  /** Signs in the supervisor whose password just opened a restored backup. */
  async signInAfterRestore(client: string, username: string): Promise<AuthStatus> {
    const account = await accounts.findAccountByUsername(this.vault.db, username)
    if (!account || account.active !== 1) throw new AppError('unauthenticated', WRONG_CREDENTIALS)
    return this.statusOf(await this.startSession(client, account.id))
  }

  async startSession(client: string, accountId: number): Promise<UserSession> {
    const account = await accounts.findAccount(this.vault.db, accountId)
    if (!account) throw new AppError('unauthenticated', WRONG_CREDENTIALS)
    const session = this.sessionOf(account)
    this.sessions.set(client, session)
    return session
  }

  private sessionOf(account: AccountRow): UserSession {
    return {
      accountId: account.id,
      username: account.username,
      displayName: account.display_name,
      role: account.role,
      coachId: account.coach_id,
      mustChangePassword: account.must_change_password === 1,
      locked: false,
      lastActivityAt: this.clock.now().getTime(),
    }
  }

  statusOf(session: UserSession): AuthStatus {
    return { state: 'signed_in', user: toUser(session), autoLockMinutes: this.autoLock.minutes }
  }

  requireKeyring(): KeyringFile {
    const state = this.vault.state()
    if (state.kind === 'setup')
      throw new AppError('unauthenticated', 'This office has no accounts yet; set it up first.')
    return this.vault.requireKeyring()
  }

  // --- Internals -------------------------------------------------------------------------------------------------

  private async checkOwnPassword(session: UserSession, password: string, field = 'password'): Promise<OpenedAccount> {
    const keyring = this.requireKeyring()
    if (!hasSlot(keyring, session.accountId)) {
      this.sessions.endAccount(session.accountId)
      throw new AppError('unauthenticated', 'This account can no longer sign in.')
    }
    const bucket = throttleKeyFor(keyring, session.username)
    await this.refuseWhileWaiting(keyring, bucket)
    const opened = await openAccount(keyring, session.username, password, session.accountId)
    if (!opened) {
      await this.refuseIfSlotsDamaged(keyring, 'accounts')
      await this.countFailure(bucket, {
        action: 'sign_in_failed',
        recordType: 'account',
        recordId: session.accountId,
        summary: 'Wrong password at the lock screen or a password change',
        actorAccountId: session.accountId,
      })
      throw new AppError('unauthenticated', WRONG_CREDENTIALS, { [field]: 'Wrong password' })
    }
    this.clearFailures(bucket)
    return opened
  }

  /** Refuses a try while its bucket must still wait; the refusal is recorded once per wait, not once per try. */
  private async refuseWhileWaiting(keyring: KeyringFile, bucket: string): Promise<void> {
    const entry = keyring.throttle[bucket]
    const remaining = remainingWaitMs(entry, this.clock)
    if (remaining === 0 || !entry) return
    if (this.refusalsRecorded.get(bucket) !== entry.lastFailureAt) {
      this.refusalsRecorded.set(bucket, entry.lastFailureAt)
      if (this.refusalsRecorded.size > 300) this.refusalsRecorded.clear()
      await this.security.record({
        action: 'locked_out',
        recordType: bucket === RECOVERY_THROTTLE ? 'database' : 'session',
        recordId: null,
        summary: `A try was refused after ${entry.failures} wrong ones in a row: the next may come in ${Math.ceil(remaining / 1000)} s`,
      })
    }
    throw tooManyAttempts(remaining)
  }

  /**
   * A try that opened no slot while a slot of the key file is damaged: the password may well be right, so it is not
   * counted as a wrong one; the person is told what happened and what still works.
   */
  private async refuseIfSlotsDamaged(keyring: KeyringFile, which: 'accounts' | 'recovery'): Promise<void> {
    const damaged = damagedSlots(keyring)
    if (which === 'accounts' ? damaged.accounts === 0 : !damaged.recovery) return
    await this.security.record({
      action: 'sign_in_failed',
      recordType: 'database',
      recordId: null,
      summary:
        which === 'accounts'
          ? `A try opened no key slot while ${damaged.accounts} slot${damaged.accounts === 1 ? ' is' : 's are'} damaged in the key file: not counted as a wrong password`
          : 'The recovery slot of the key file is damaged: the recovery key could not be checked',
    })
    throw new AppError(
      'unauthenticated',
      which === 'accounts'
        ? 'Part of the key file (the slot of an account) is damaged, so this password could not be checked; the try ' +
            'was not counted as a wrong password. If your password is right, sign in with the recovery key, or ask a ' +
            'supervisor to reset your password (which writes your slot anew), or restore a backup.'
        : 'The recovery key’s part of the key file is damaged, so the recovery key could not be checked. Restore a ' +
            'backup with a supervisor’s password or the recovery key, or sign in as a supervisor and make a new ' +
            'recovery key.',
      which === 'recovery' ? { recoveryKey: 'Damaged in the key file' } : undefined,
    )
  }

  /** Counts a wrong try at once, outside any transaction (it is never rolled back), and records it. */
  private async countFailure(bucket: string, event: SecurityEvent): Promise<void> {
    const keyring = withFailure(this.vault.requireKeyring(), bucket, this.clock)
    this.vault.saveKeyringOrKeep(keyring)
    const failures = keyring.throttle[bucket]!.failures
    const wait = retryDelayMs(failures)
    const note = wait > 0 ? ` (${failures} in a row: the next try must wait ${wait / 1000} s)` : ''
    await this.security.record({
      ...event,
      summary: event.summary + note,
      ...(event.summaryForUnknownName ? { summaryForUnknownName: event.summaryForUnknownName + note } : {}),
    })
  }

  private clearFailures(bucket: string) {
    const keyring = this.vault.requireKeyring()
    if (keyring.throttle[bucket]) this.vault.saveKeyringOrKeep(withoutFailures(keyring, bucket))
  }
}

function zero(opened: { keys: OpenedKeys; wrapper?: Wrapper | null }) {
  opened.keys.database.fill(0)
  opened.keys.supervisors?.fill(0)
  opened.wrapper?.key.fill(0)
}

function toUser(session: UserSession): SignedInUser {
  return {
    accountId: session.accountId,
    username: session.username,
    displayName: session.displayName,
    role: session.role,
    coachId: session.coachId,
    mustChangePassword: session.mustChangePassword,
  }
}

/** A random client id, for transports that mint their own (browser mode's cookie and page token). */
export function newClientId(): string {
  return randomBytes(32).toString('base64url')
}
