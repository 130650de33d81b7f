import type { ParsedInput } from '@shared/api/contract'
import type { AuthStatus, Role, SignedInUser } from '@shared/domain/auth'
import { DEFAULT_AUTO_LOCK_MINUTES } from '@shared/domain/settings'
import type { Kysely } from 'kysely'
import { randomBytes } from 'node:crypto'
import { renameSync, rmSync } from 'node:fs'
import { openDatabase } from '../db/open'
import { instant } from '../clock'
import type { Clock } from '../clock'
import type { Context } from '../context'
import type { Database } from '../db/schema'
import { AppError } from '../errors'
import type { Vault } from '../vault'
import { DatabaseOpenError } from '../db/errors'
import { recordAudit } from '../audit/audit'
import {
  accountLabel,
  accountSlot,
  findAccountSlot,
  formatRecoveryKey,
  newDatabaseKey,
  newKeyring,
  newRecoveryKey,
  PASSWORD_KDF,
  prepareWrapper,
  RECOVERY_LABEL,
  unwrapKey,
  wrapKey,
  type AccountSlot,
  type KdfParams,
  type KeyringFile,
} from './keyring'
import type { SessionStore, UserSession } from './sessions'

/** Wrong passwords in a row before an account locks until a supervisor resets its password. */
export const LOCK_AFTER_FAILURES = 10
/** Calls waiting for the one-at-a-time password check before more are refused. */
const MAX_WAITING_PASSWORD_CHECKS = 8
/** Wrong passwords in a row allowed before each further try must wait. */
const FREE_FAILURES = 3

/** How long to wait after `failures` wrong passwords in a row: nothing for the first few, then doubling from 1 s. */
export function retryDelayMs(failures: number): number {
  if (failures < FREE_FAILURES) return 0
  return Math.min(2 ** (failures - FREE_FAILURES), 300) * 1000
}

const WRONG_CREDENTIALS = 'That username and password do not match an active account.'

interface Throttled {
  failures: number
  lastFailureAt: string | null
}

/**
 * Sign-in, the screen lock, passwords and the recovery key: everything that touches the key file. Passwords, derived
 * keys and the database key stay in this process; none is logged or put in an error.
 */
export class Auth {
  /** Wrong tries against usernames that have no account, so they are slowed down the same way. */
  private readonly unknownNames = new Map<string, Throttled>()
  private queue: Promise<unknown> = Promise.resolve()
  autoLockMinutes = DEFAULT_AUTO_LOCK_MINUTES
  /** The newest automatic backup, offered when the database cannot be opened. Set by the backups service. */
  latestBackup: () => { path: string; createdAt: string } | null = () => null
  /** Runs after each sign-in or unlock: the day's automatic backup. Set by the backups service. */
  afterSignIn: () => Promise<unknown> = async () => undefined

  constructor(
    readonly vault: Vault,
    readonly sessions: SessionStore,
    private readonly clock: Clock,
    readonly kdf: KdfParams = PASSWORD_KDF,
  ) {}

  private waiting = 0

  /**
   * Runs key-file changes and password checks one at a time, so two windows cannot interleave a read-change-write of
   * the file. Each password check costs a slow key derivation, so a flood of them is refused rather than queued.
   */
  serialized<T>(work: () => Promise<T>, options: { checksPassword?: boolean } = {}): Promise<T> {
    if (options.checksPassword && this.waiting >= MAX_WAITING_PASSWORD_CHECKS) {
      return Promise.reject(
        new AppError('too_many_attempts', 'The app is busy checking passwords. Try again in a moment.'),
      )
    }
    this.waiting++
    const run = this.queue.then(work, work).finally(() => this.waiting--)
    this.queue = run.catch(() => undefined)
    return run
  }

  private checkingPassword<T>(work: () => Promise<T>): Promise<T> {
    return this.serialized(work, { checksPassword: true })
  }

  sessionFor(client: string): UserSession | null {
    return this.sessions.current(client, this.clock.now().getTime(), this.autoLockMinutes * 60_000)
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
    return { state: 'signed_in', user: toUser(session), autoLockMinutes: this.autoLockMinutes }
  }

  // --- First run -------------------------------------------------------------------------------------------------

  setup(ctx: Context, input: ParsedInput<'auth.setup'>): Promise<{ recoveryKey: string; status: AuthStatus }> {
    return this.serialized(async () => {
      const state = this.vault.state()
      if (state.kind !== 'setup') throw new AppError('conflict', 'This office is already set up; sign in instead.')
      const databaseKey = newDatabaseKey()
      const recoveryKey = newRecoveryKey()
      const [passwordWrapper, recoveryWrapper] = await Promise.all([
        prepareWrapper(input.password, this.kdf),
        prepareWrapper(recoveryKey, this.kdf),
      ])
      const now = instant(this.clock)
      // The first account is number 1 in a database that has none, so its slot can be written before the database.
      const accountId = 1
      const keyring = newKeyring(wrapKey(databaseKey, recoveryWrapper, RECOVERY_LABEL))
      keyring.accounts.push(
        accountSlot(keyring, accountId, input.username, wrapKey(databaseKey, passwordWrapper, accountLabel(accountId))),
      )

      try {
        if (state.existingData) await this.setUpOverUnencrypted(keyring, databaseKey, input, accountId, now)
        else await this.setUpNew(keyring, databaseKey, input, accountId, now)
      } finally {
        passwordWrapper.key.fill(0)
        recoveryWrapper.key.fill(0)
      }
      databaseKey.fill(0)
      await this.loadSettings()
      const session = await this.startSession(ctx.client, accountId)
      await this.runAfterSignIn()
      return { recoveryKey: formatRecoveryKey(recoveryKey), status: this.statusOf(session) }
    })
  }

  /**
   * A new office: the database is built beside its final name with the first account in it, then the key file is
   * written, then the database is renamed into place. A failure or crash before the rename leaves no database, so the
   * next start is a first run again (a key file left behind is set aside, never reused).
   */
  private async setUpNew(
    keyring: KeyringFile,
    databaseKey: Buffer,
    input: ParsedInput<'auth.setup'>,
    accountId: number,
    now: string,
  ) {
    const file = this.vault.databaseFile
    const staging = `${file}.setup`
    const removeStaging = () => {
      for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(`${staging}${suffix}`, { force: true })
    }
    removeStaging()
    try {
      const opened = openDatabase(staging, { key: databaseKey })
      try {
        await this.writeFirstAccount(opened.db, input, accountId, now)
        opened.sqlite.pragma('wal_checkpoint(TRUNCATE)')
      } finally {
        await opened.close()
      }
      this.vault.setAsideStaleKeyring(now)
      this.vault.saveKeyring(keyring)
      renameSync(staging, file)
    } finally {
      removeStaging()
    }
    this.vault.open(databaseKey)
  }

  /**
   * First run over an unencrypted database from before sign-in: the key file is written first, then the first account,
   * then the file is encrypted in place. If the account cannot be written, the key file is set aside again; if the
   * encryption is cut off, the next sign-in finishes it.
   */
  private async setUpOverUnencrypted(
    keyring: KeyringFile,
    databaseKey: Buffer,
    input: ParsedInput<'auth.setup'>,
    accountId: number,
    now: string,
  ) {
    const opened = this.vault.openUnencrypted()
    try {
      const existing = opened.sqlite.prepare('SELECT count(*) FROM accounts').pluck().get() as number
      if (existing > 0) throw new AppError('conflict', 'This database already has accounts; sign in instead.')
      this.vault.setAsideStaleKeyring(now)
      this.vault.saveKeyring(keyring)
      try {
        await this.writeFirstAccount(opened.db, input, accountId, now)
      } catch (error) {
        this.vault.setAsideStaleKeyring(`${now}-failed`)
        throw error
      }
      this.vault.encryptOpen(databaseKey)
    } catch (error) {
      await this.vault.close()
      throw error
    }
    await recordAudit(opened.db, { clock: this.clock, session: null }, 'encrypt', 'database', null, accountId)
  }

  private async writeFirstAccount(
    db: Kysely<Database>,
    input: ParsedInput<'auth.setup'>,
    accountId: number,
    now: string,
  ) {
    await db.transaction().execute(async (trx) => {
      await trx
        .updateTable('office_settings')
        .set({ office_name: input.officeName, coach_title: input.coachTitle, updated_at: now })
        .where('id', '=', 1)
        .execute()
      await trx
        .insertInto('accounts')
        .values({
          id: accountId,
          version: 1,
          username: input.username,
          display_name: input.displayName,
          role: 'supervisor',
          coach_id: null,
          active: 1,
          must_change_password: 0,
          created_at: now,
          updated_at: now,
        })
        .execute()
      const actor = { clock: this.clock, session: null }
      await recordAudit(trx, actor, 'setup', 'office_settings', null, accountId)
      await recordAudit(trx, actor, 'create', 'account', accountId, accountId)
    })
  }

  // --- Signing in and out ----------------------------------------------------------------------------------------

  signIn(ctx: Context, input: ParsedInput<'auth.signIn'>): Promise<AuthStatus> {
    return this.checkingPassword(async () => {
      const keyring = this.requireKeyring()
      const slot = findAccountSlot(keyring, input.username)
      if (!slot) {
        await this.failUnknown(input.username, input.password)
        throw new AppError('unauthenticated', WRONG_CREDENTIALS)
      }
      const databaseKey = await this.unwrapThrottled(keyring, slot, input.password, accountLabel(slot.accountId))
      try {
        this.vault.open(databaseKey)
      } finally {
        databaseKey.fill(0)
      }
      await this.loadSettings()
      const account = await this.activeAccount(slot.accountId, input.username)
      if (!account) throw new AppError('unauthenticated', WRONG_CREDENTIALS)
      const session = await this.startSession(ctx.client, account.id)
      await recordAudit(this.vault.db, { clock: this.clock, session }, 'sign_in', 'session', null)
      await this.runAfterSignIn()
      return this.statusOf(session)
    })
  }

  async signOut(ctx: Context): Promise<AuthStatus> {
    const session = this.sessions.current(ctx.client, this.clock.now().getTime(), Number.POSITIVE_INFINITY)
    if (session && this.vault.database) {
      await recordAudit(this.vault.db, { clock: this.clock, session }, 'sign_out', 'session', null)
    }
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

  unlock(ctx: Context, input: ParsedInput<'auth.unlock'>): Promise<AuthStatus> {
    return this.checkingPassword(async () => {
      const session = this.sessionFor(ctx.client)
      if (!session) throw new AppError('unauthenticated', 'Please sign in first.')
      await this.checkOwnPassword(session, input.password)
      session.locked = false
      session.lastActivityAt = this.clock.now().getTime()
      await this.runAfterSignIn()
      return this.statusOf(session)
    })
  }

  changePassword(ctx: Context, input: ParsedInput<'auth.changePassword'>): Promise<AuthStatus> {
    return this.checkingPassword(async () => {
      const session = this.sessionFor(ctx.client)
      if (!session || session.locked) throw new AppError('unauthenticated', 'Please sign in first.')
      if (input.newPassword === input.currentPassword) {
        throw new AppError('invalid_input', 'Choose a password different from the current one.', {
          newPassword: 'Must be different from the current password',
        })
      }
      const databaseKey = await this.checkOwnPassword(session, input.currentPassword, 'currentPassword')
      await this.setPassword(session.accountId, session.username, databaseKey, input.newPassword, 'change_password', {
        clock: this.clock,
        session,
      })
      databaseKey.fill(0)
      // Whoever signed in elsewhere with the old password is signed out; this window goes on.
      this.sessions.endAccount(session.accountId, ctx.client)
      session.mustChangePassword = false
      return this.statusOf(session)
    })
  }

  recover(ctx: Context, input: ParsedInput<'auth.recover'>): Promise<AuthStatus> {
    return this.checkingPassword(async () => {
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
        await this.loadSettings()
        const account = await this.vault.db
          .selectFrom('accounts')
          .select(['id', 'username'])
          .where('username', '=', input.username)
          .where('active', '=', 1)
          .where('role', '=', 'supervisor')
          .executeTakeFirst()
        if (!account) {
          throw new AppError('invalid_input', 'There is no active supervisor account with that username.', {
            username: 'Not an active supervisor account',
          })
        }
        const actor = { clock: this.clock, session: null }
        await this.setPassword(
          account.id,
          account.username,
          databaseKey,
          input.newPassword,
          'recover',
          actor,
          false,
          account.id,
        )
        this.sessions.endAccount(account.id)
        const session = await this.startSession(ctx.client, account.id)
        return this.statusOf(session)
      } finally {
        databaseKey.fill(0)
      }
    })
  }

  /** A new recovery key for the office: the old one stops opening the current key file (older backups keep theirs). */
  newRecoveryKey(ctx: Context): Promise<{ recoveryKey: string }> {
    return this.serialized(async () => {
      const recoveryKey = newRecoveryKey()
      const wrapper = await prepareWrapper(recoveryKey, this.kdf)
      const keyring = this.requireKeyring()
      try {
        await this.inStep(keyring, async (trx) => {
          await recordAudit(trx, ctx, 'new_recovery_key', 'database', null)
          const recovery = {
            ...wrapKey(this.vault.openKey(), wrapper, RECOVERY_LABEL),
            failures: 0,
            lastFailureAt: null,
          }
          this.vault.saveKeyring({ ...keyring, recovery })
        })
      } finally {
        wrapper.key.fill(0)
      }
      return { recoveryKey: formatRecoveryKey(recoveryKey) }
    })
  }

  /** A failed automatic backup must not stop anyone signing in; it is logged without detail that could hold data. */
  private async runAfterSignIn() {
    try {
      await this.afterSignIn()
    } catch (error) {
      this.onBackgroundError(error)
    }
  }

  onBackgroundError: (error: unknown) => void = () => undefined

  /** Closes the database and ends every session before a restore replaces the files. The caller holds the queue. */
  async closeForReplacement(): Promise<void> {
    await this.vault.close()
    this.sessions.endAll()
    this.vault.reset()
  }

  /** Signs in the supervisor whose password just opened a restored backup. */
  async signInAfterRestore(client: string, username: string): Promise<AuthStatus> {
    const account = await this.vault.db
      .selectFrom('accounts')
      .select('id')
      .where('username', '=', username)
      .where('active', '=', 1)
      .executeTakeFirstOrThrow()
    return this.statusOf(await this.startSession(client, account.id))
  }

  // --- Account slots, for the accounts service ---------------------------------------------------------------------

  /**
   * Writes `accountId`'s slot for `password` inside `write`, the database transaction that records the change; the
   * key file is saved before the transaction commits, and a failure in either leaves both as they were.
   */
  writeAccountSlot<T>(
    username: string,
    password: string,
    write: (trx: Kysely<Database>, slotFor: (id: number) => void) => Promise<T>,
  ): Promise<T> {
    return this.serialized(async () => {
      const wrapper = await prepareWrapper(password, this.kdf)
      const keyring = this.requireKeyring()
      try {
        return await this.inStep(keyring, async (trx) => {
          let pending: KeyringFile | null = null
          const result = await write(trx, (id) => {
            const slot = accountSlot(keyring, id, username, wrapKey(this.vault.openKey(), wrapper, accountLabel(id)))
            pending = { ...keyring, accounts: [...keyring.accounts.filter((s) => s.accountId !== id), slot] }
          })
          if (pending) this.vault.saveKeyring(pending)
          return result
        })
      } finally {
        wrapper.key.fill(0)
      }
    })
  }

  /**
   * Runs a database transaction that also changes the key file. The key file is saved just before the commit; if the
   * transaction fails after that (a full disk at commit), the key file it replaced is written back, so the two never
   * disagree about who can sign in.
   */
  private async inStep<T>(previous: KeyringFile, work: (trx: Kysely<Database>) => Promise<T>): Promise<T> {
    try {
      return await this.vault.db.transaction().execute(work)
    } catch (error) {
      if (this.vault.keyring !== previous) this.vault.saveKeyring(previous)
      throw error
    }
  }

  /** Removes an account's slot (deactivation) inside the transaction that records it. */
  removeAccountSlot<T>(accountId: number, write: (trx: Kysely<Database>) => Promise<T>): Promise<T> {
    return this.serialized(async () => {
      const keyring = this.requireKeyring()
      const result = await this.inStep(keyring, async (trx) => {
        const result = await write(trx)
        this.vault.saveKeyring({ ...keyring, accounts: keyring.accounts.filter((s) => s.accountId !== accountId) })
        return result
      })
      this.sessions.endAccount(accountId)
      return result
    })
  }

  /** Accounts locked out by wrong passwords. */
  lockedOut(): Set<number> {
    const keyring = this.vault.keyring
    return new Set((keyring?.accounts ?? []).filter((s) => s.failures >= LOCK_AFTER_FAILURES).map((s) => s.accountId))
  }

  async loadSettings(): Promise<void> {
    const row = await this.vault.db
      .selectFrom('office_settings')
      .select('auto_lock_minutes')
      .where('id', '=', 1)
      .executeTakeFirst()
    this.autoLockMinutes = row?.auto_lock_minutes ?? DEFAULT_AUTO_LOCK_MINUTES
  }

  // --- Internals -------------------------------------------------------------------------------------------------

  private requireKeyring(): KeyringFile {
    const state = this.vault.state()
    if (state.kind === 'setup')
      throw new AppError('unauthenticated', 'This office has no accounts yet; set it up first.')
    const keyring = this.vault.keyring
    if (!keyring) throw new AppError('database_unavailable', 'The key file beside the database is missing.')
    return keyring
  }

  private async activeAccount(id: number, username: string) {
    const account = await this.vault.db
      .selectFrom('accounts')
      .selectAll()
      .where('id', '=', id)
      .where('active', '=', 1)
      .executeTakeFirst()
    return account && account.username.toLowerCase() === username.toLowerCase() ? account : undefined
  }

  private async startSession(client: string, accountId: number): Promise<UserSession> {
    const account = await this.vault.db
      .selectFrom('accounts')
      .selectAll()
      .where('id', '=', accountId)
      .executeTakeFirstOrThrow()
    const session: UserSession = {
      accountId: account.id,
      username: account.username,
      displayName: account.display_name,
      role: account.role as Role,
      coachId: account.coach_id,
      mustChangePassword: account.must_change_password === 1,
      locked: false,
      lastActivityAt: this.clock.now().getTime(),
    }
    this.sessions.set(client, session)
    return session
  }

  private statusOf(session: UserSession): AuthStatus {
    return { state: 'signed_in', user: toUser(session), autoLockMinutes: this.autoLockMinutes }
  }

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
    this.refuseWhileThrottled(slot)
    const key = await unwrapKey(slot, secret, label)
    if (key) {
      if (slot.failures > 0) {
        slot.failures = 0
        slot.lastFailureAt = null
        this.vault.saveKeyring(keyring)
      }
      return key
    }
    slot.failures += 1
    slot.lastFailureAt = instant(this.clock)
    this.vault.saveKeyring(keyring)
    if ('accountId' in slot && this.vault.database) {
      await recordAudit(
        this.vault.db,
        { clock: this.clock, session: null },
        'sign_in_failed',
        'account',
        slot.accountId,
        slot.accountId,
      )
    }
    if ('accountId' in slot && slot.failures >= LOCK_AFTER_FAILURES) throw lockedOutError()
    if ('accountId' in slot) throw new AppError('unauthenticated', WRONG_CREDENTIALS, { [field]: 'Wrong password' })
    throw new AppError('unauthenticated', 'That recovery key does not open this database.', {
      [field]: 'Wrong recovery key',
    })
  }

  private refuseWhileThrottled(slot: Throttled & { accountId?: number }) {
    if (slot.accountId !== undefined && slot.failures >= LOCK_AFTER_FAILURES) throw lockedOutError()
    const wait = retryDelayMs(slot.failures)
    if (wait > 0 && slot.lastFailureAt) {
      const remaining = new Date(slot.lastFailureAt).getTime() + wait - this.clock.now().getTime()
      if (remaining > 0) {
        const seconds = Math.ceil(remaining / 1000)
        throw new AppError(
          'too_many_attempts',
          `Too many wrong tries. Wait ${seconds} second${seconds === 1 ? '' : 's'} and try again.`,
        )
      }
    }
  }

  private async failUnknown(username: string, password: string) {
    const entry = this.unknownNames.get(username) ?? { failures: 0, lastFailureAt: null }
    this.refuseWhileThrottled(entry)
    // Spend the same time as a real check, so a wrong username cannot be told from a wrong password by the clock.
    await prepareWrapper(password, this.kdf)
    entry.failures += 1
    entry.lastFailureAt = instant(this.clock)
    if (this.unknownNames.size > 10_000) this.unknownNames.clear()
    this.unknownNames.set(username, entry)
  }

  private async setPassword(
    accountId: number,
    username: string,
    databaseKey: Buffer,
    password: string,
    action: 'change_password' | 'recover',
    actor: Pick<Context, 'clock' | 'session'>,
    mustChange = false,
    auditAccountId = actor.session?.accountId ?? null,
  ) {
    const wrapper = await prepareWrapper(password, this.kdf)
    const keyring = this.requireKeyring()
    const slot = accountSlot(keyring, accountId, username, wrapKey(databaseKey, wrapper, accountLabel(accountId)))
    wrapper.key.fill(0)
    await this.inStep(keyring, async (trx) => {
      await trx
        .updateTable('accounts')
        .set((eb) => ({
          must_change_password: mustChange ? 1 : 0,
          version: eb('version', '+', 1),
          updated_at: instant(this.clock),
        }))
        .where('id', '=', accountId)
        .execute()
      await recordAudit(trx, actor, action, 'account', accountId, auditAccountId)
      this.vault.saveKeyring({
        ...keyring,
        accounts: [...keyring.accounts.filter((s) => s.accountId !== accountId), slot],
      })
    })
  }
}

function lockedOutError() {
  return new AppError(
    'too_many_attempts',
    `This account is locked after ${LOCK_AFTER_FAILURES} wrong passwords in a row. A supervisor can reset its password.`,
  )
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
