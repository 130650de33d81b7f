import type { ParsedInput } from '@shared/api/contract'
import type { AuthStatus, SignedInUser } from '@shared/domain/auth'
import { randomBytes } from 'node:crypto'
import { instant, type Clock } from '../clock'
import type { Context } from '../context'
import { AppError } from '../errors'
import type { Vault } from '../vault'
import { DatabaseOpenError } from '../db/errors'
import { recordEvent } from '../audit/audit.service'
import * as accounts from '../accounts/accounts.repository'
import type { AutoLock } from '../settings/settings.service'
import type { AccountRow } from '../accounts/accounts.table'
import {
  accountLabel,
  findAccountSlot,
  prepareWrapper,
  RECOVERY_LABEL,
  unwrapKey,
  withAccountSlot,
  type AccountSlot,
  type KdfParams,
  type KeyringFile,
} from './keyring'
import { LOCK_AFTER_FAILURES, lockedOutError, refuseWhileThrottled, UnknownNames } from './throttle'
import type { SessionStore, UserSession } from './sessions'

const WRONG_CREDENTIALS = 'That username and password do not match an active account.'

/**
 * Sign-in, the screen lock, passwords and the recovery key. Passwords, derived keys and the database key stay in this
 * process; none is logged or put in an error. Each method that checks a password runs inside the key-file queue
 * (its route says so, `exclusive`), so none of them queues itself.
 */
export class Auth {
  private readonly unknownNames: UnknownNames
  /** The newest automatic backup, offered when the database cannot be opened. Set by the backups service. */
  latestBackup: () => { path: string; createdAt: string } | null = () => null
  /** Runs after each sign-in or unlock: the day's automatic backup. Set by the backups service. */
  afterSignIn: () => Promise<unknown> = async () => undefined
  onBackgroundError: (error: unknown) => void = () => undefined

  constructor(
    readonly vault: Vault,
    readonly sessions: SessionStore,
    readonly clock: Clock,
    readonly kdf: KdfParams,
    readonly autoLock: AutoLock,
  ) {
    this.unknownNames = new UnknownNames(clock, kdf)
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
      }
    }
    const session = this.sessionFor(client)
    if (!session) return { state: 'signed_out' }
    if (session.locked)
      return { state: 'locked', user: { username: session.username, displayName: session.displayName } }
    return this.statusOf(session)
  }

  // --- Signing in and out ----------------------------------------------------------------------------------------

  async signIn(ctx: Context, input: ParsedInput<'auth.signIn'>): Promise<AuthStatus> {
    const keyring = this.requireKeyring()
    const slot = findAccountSlot(keyring, input.username)
    if (!slot) {
      await this.unknownNames.fail(input.username, input.password)
      throw new AppError('unauthenticated', WRONG_CREDENTIALS)
    }
    const databaseKey = await this.unwrapThrottled(keyring, slot, input.password, accountLabel(slot.accountId))
    try {
      this.vault.open(databaseKey)
    } finally {
      databaseKey.fill(0)
    }
    await this.autoLock.load(this.vault.db)
    const account = await accounts.findAccount(this.vault.db, slot.accountId)
    if (!account || account.active !== 1 || account.username.toLowerCase() !== input.username.toLowerCase()) {
      throw new AppError('unauthenticated', WRONG_CREDENTIALS)
    }
    const session = await this.startSession(ctx.client, account.id)
    await this.runAfterSignIn()
    return this.statusOf(session)
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
    const key = await this.checkOwnPassword(session, input.password)
    key.fill(0)
    session.locked = false
    session.lastActivityAt = this.clock.now().getTime()
    await this.runAfterSignIn()
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
    const databaseKey = await this.checkOwnPassword(session, input.currentPassword, 'currentPassword')
    const wrapper = await prepareWrapper(input.newPassword, this.kdf)
    try {
      return await ctx.transaction(async (db) => {
        await accounts.passwordChanged(db, session.accountId, instant(this.clock))
        const keyring = this.vault.requireKeyring()
        this.vault.saveKeyringWith(
          ctx,
          withAccountSlot(keyring, session.accountId, session.username, databaseKey, wrapper),
        )
        ctx.afterCommit(() => {
          // Whoever signed in elsewhere with the old password is signed out; this window goes on.
          this.sessions.endAccount(session.accountId, ctx.client)
          session.mustChangePassword = false
        })
        return this.statusOf({ ...session, mustChangePassword: false })
      })
    } finally {
      databaseKey.fill(0)
      wrapper.key.fill(0)
    }
  }

  async recover(ctx: Context, input: ParsedInput<'auth.recover'>): Promise<AuthStatus> {
    const keyring = this.requireKeyring()
    const databaseKey = await this.unwrapThrottled(
      keyring,
      keyring.recovery,
      input.recoveryKey,
      RECOVERY_LABEL,
      'recoveryKey',
    )
    try {
      this.vault.open(databaseKey)
      await this.autoLock.load(this.vault.db)
      const account = await accounts.findAccountByUsername(this.vault.db, input.username)
      if (!account || account.active !== 1 || account.role !== 'supervisor') {
        throw new AppError('invalid_input', 'There is no active supervisor account with that username.', {
          username: 'Not an active supervisor account',
        })
      }
      const wrapper = await prepareWrapper(input.newPassword, this.kdf)
      try {
        return await ctx.transaction(async (db) => {
          await accounts.passwordChanged(db, account.id, instant(this.clock))
          const current = this.vault.requireKeyring()
          this.vault.saveKeyringWith(ctx, withAccountSlot(current, account.id, account.username, databaseKey, wrapper))
          const session = this.sessionOf({ ...account, must_change_password: 0 })
          ctx.afterCommit(() => {
            this.sessions.endAccount(account.id)
            this.sessions.set(ctx.client, session)
          })
          return this.statusOf(session)
        })
      } finally {
        wrapper.key.fill(0)
      }
    } finally {
      databaseKey.fill(0)
    }
  }

  /** A failed automatic backup must not stop anyone signing in; it is logged without detail that could hold data. */
  async runAfterSignIn() {
    try {
      await this.afterSignIn()
    } catch (error) {
      this.onBackgroundError(error)
    }
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

  private async checkOwnPassword(session: UserSession, password: string, field = 'password'): Promise<Buffer> {
    const keyring = this.requireKeyring()
    const slot = keyring.accounts.find((s) => s.accountId === session.accountId)
    if (!slot) {
      this.sessions.endAccount(session.accountId)
      throw new AppError('unauthenticated', 'This account can no longer sign in.')
    }
    return this.unwrapThrottled(keyring, slot, password, accountLabel(slot.accountId), field)
  }

  /** Unwraps a slot, counting wrong secrets against it and refusing while it must wait or is locked. */
  private async unwrapThrottled(
    keyring: KeyringFile,
    slot: AccountSlot | KeyringFile['recovery'],
    secret: string,
    label: string,
    field = 'password',
  ): Promise<Buffer> {
    refuseWhileThrottled(slot, this.clock)
    const key = await unwrapKey(slot, secret, label)
    if (key) {
      if (slot.failures > 0) {
        slot.failures = 0
        slot.lastFailureAt = null
        this.vault.saveKeyring(keyring)
      }
      return key
    }
    // The count is saved at once, outside any transaction: a wrong password is never rolled back.
    slot.failures += 1
    slot.lastFailureAt = instant(this.clock)
    this.vault.saveKeyring(keyring)
    if ('accountId' in slot && this.vault.database) {
      // A security event: the one kind of audit entry a failed call records, by design.
      await recordEvent(
        this.vault.db,
        { clock: this.clock, session: null },
        { action: 'sign_in_failed', recordType: 'account', recordId: slot.accountId, summary: 'Wrong password' },
        slot.accountId,
      )
    }
    if ('accountId' in slot && slot.failures >= LOCK_AFTER_FAILURES) throw lockedOutError()
    if ('accountId' in slot) throw new AppError('unauthenticated', WRONG_CREDENTIALS, { [field]: 'Wrong password' })
    throw new AppError('unauthenticated', 'That recovery key does not open this database.', {
      [field]: 'Wrong recovery key',
    })
  }
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

/** A random client id, for transports that mint their own (browser mode's cookie). */
export function newClientId(): string {
  return randomBytes(32).toString('base64url')
}
