import { contract, isChannel, type Channel, type ChannelOutput, type ParsedInput } from '@shared/api/contract'
import type { ApiError, Result } from '@shared/api/result'
import { invalidInput } from '@shared/api/validation'
import { ACCESS, type Access } from '@shared/access'
import { AppError } from './errors'
import type { Context, Logger, SignedInContext, UserSession } from './context'
import type { Clock } from './clock'
import type { Db } from './db/schema'
import type { Vault } from './vault'
import { DatabaseOpenError } from './db/errors'
import type { AuditDeclaration, AuditEntry } from './audit/audit'
import { recordEvent } from './audit/audit.service'

/** The context a channel's handler gets: a signed-in one unless the channel is public. */
export type ContextFor<C extends Channel> = (typeof ACCESS)[C] extends 'public' ? Context : SignedInContext

export interface Route<C extends Channel> {
  handle(ctx: ContextFor<C>, input: ParsedInput<C>): ChannelOutput<C> | Promise<ChannelOutput<C>>
  /** The event a successful call records (every write, and sensitive reads); see audit/audit.ts. */
  audit?: AuditDeclaration<ParsedInput<C>, ChannelOutput<C>>
  /**
   * The call changes the key file together with the database, or checks a password: it runs one at a time with
   * sign-in and every other key-file change, so two windows cannot interleave a read-change-write of the file. A
   * password check is refused rather than queued when too many already wait (each costs a slow key derivation).
   */
  exclusive?: 'key file' | 'password check'
}

/** One route per channel of the contract; the type makes a missing one a compile error. */
export type Routes = { [C in Channel]: Route<C> }

/** A feature's routes: every channel whose name starts with `Prefix`. */
export type RoutesOf<Prefix extends string> = { [C in Channel as C extends `${Prefix}${string}` ? C : never]: Route<C> }

export interface RouterBase {
  vault: Vault
  clock: Clock
  log: Logger
  /** The client's current session, locked first if it has been idle too long. */
  sessionFor(client: string): UserSession | null
  /** Runs `work` one at a time with sign-in and the other key-file changes (routes marked `exclusive`). */
  exclusive<T>(work: () => Promise<T>, checksPassword: boolean): Promise<T>
  /** Who may call what: shared/access.ts, unless a test hands in another table. */
  access?: { [C in Channel]: Access }
  /** Before each call: sessions idle too long lock (and their lock is recorded) before anyone's session is read. */
  beforeCall?(): Promise<void>
  /** After each call, before it answers: closes what no one signed in needs open any more. */
  afterCall?(): Promise<void>
}

export type Router = {
  /** `client` identifies the caller's window or browser; the transport sets it, never the caller's input. */
  call(channel: unknown, input: unknown, client: string): Promise<Result<unknown>>
}

/**
 * The one router both transports serve: it validates the input against the contract, checks the caller against the
 * access table, runs the handler (inside the write transaction its route's audit declaration asks for, recording
 * the declared event in it), checks the answer against the contract, and turns every failure into an error as data.
 */
export function createRouter(base: RouterBase, routes: Routes): Router {
  const router = createCallRouter(base, routes)
  const step = async (work: (() => Promise<void>) | undefined, name: string) => {
    try {
      await work?.()
    } catch (error) {
      base.log.error(`The router's ${name} step failed`, describeError(error))
    }
  }
  return {
    async call(channel, input, client) {
      await step(base.beforeCall, 'before-call')
      try {
        return await router.call(channel, input, client)
      } finally {
        await step(base.afterCall, 'after-call')
      }
    },
  }
}

function createCallRouter(base: RouterBase, routes: Routes): Router {
  const accessTable = base.access ?? ACCESS
  return {
    async call(channel, rawInput, client) {
      if (!isChannel(channel)) {
        return fail({ code: 'unknown_channel', message: `There is no channel called ${describe(channel)}.` })
      }
      const route = routes[channel] as unknown as Route<Channel>
      const access: Access = accessTable[channel]
      const session = base.sessionFor(client)
      const isPublic = access === 'public'
      if (!isPublic) {
        if (!session) return fail({ code: 'unauthenticated', message: 'Please sign in first.' })
        if (session.locked) {
          return fail({ code: 'unauthenticated', message: 'The screen is locked; sign in again to go on.' })
        }
        if (!access.includes(session.role)) return fail(forbidden)
        if (session.mustChangePassword) {
          return fail({ code: 'forbidden', message: 'Choose a new password before you go on.' })
        }
      }

      const spec = contract[channel]
      const parsed = spec.input.safeParse(rawInput)
      if (!parsed.success) return fail(invalidInput(parsed.error))
      const activeSession = isPublic ? null : session
      if (activeSession) activeSession.lastActivityAt = base.clock.now().getTime()

      const call = new Call(base, channel, route, client, activeSession, session)
      try {
        const value = route.exclusive
          ? await base.exclusive(() => call.run(parsed.data), route.exclusive === 'password check')
          : await call.run(parsed.data)
        return { ok: true, value }
      } catch (error) {
        return fail(toApiError(error, channel, base.log))
      }
    },
  }
}

/** An answer that does not match the contract: a bug, reported as such, and (inside a write) rolled back. */
class AnswerMismatch extends Error {}

/** One call of one route: its context, its transaction and what to do on commit or rollback. */
class Call {
  private readonly rollbacks: Array<() => void> = []
  private readonly commits: Array<() => void> = []
  private ownResult: { value: unknown } | null = null

  constructor(
    private readonly base: RouterBase,
    private readonly channel: Channel,
    private readonly route: Route<Channel>,
    private readonly client: string,
    private readonly session: UserSession | null,
    /** Whoever was signed in on this client when the call began, locked or not: the actor of an `after` event. */
    private readonly sessionBefore: UserSession | null,
  ) {}

  async run(input: unknown): Promise<unknown> {
    const audit = this.route.audit as AuditDeclaration<unknown, unknown> | undefined
    const handle = (ctx: Context) => this.route.handle(ctx as never, input as never)
    switch (audit?.kind) {
      case undefined: {
        return this.checked(await handle(this.context(null)))
      }
      case 'write':
      case 'read': {
        return this.inTransaction(async (trx) => {
          const ctx = this.context(trx)
          const makeEntry = await audit.start(trx, input, ctx)
          const value = this.checked(await handle(ctx))
          await this.record(trx, makeEntry(value))
          return value
        })
      }
      case 'own': {
        const ctx = this.context(null, async (work) => {
          if (this.ownResult) throw new Error(`${this.channel} opened its own transaction twice`)
          return this.inTransaction(async (trx) => {
            const makeEntry = await audit.start(trx, input, ctx)
            const value = this.checked(await work(trx))
            await this.record(trx, makeEntry(value))
            this.ownResult = { value }
            return value as never
          })
        })
        const value = await handle(ctx)
        // The answer is what the transaction answered, so the event describes exactly what was saved.
        if (!this.ownResult || this.ownResult.value !== value) {
          throw new Error(`${this.channel} must answer what its own transaction answered`)
        }
        return value
      }
      case 'after': {
        const ctx = this.context(null)
        const makeEntry = await audit.start(null, input, ctx)
        const value = this.checked(await handle(ctx))
        const entry = makeEntry(value)
        const database = this.base.vault.database
        try {
          if (entry && database) await this.inTransaction((trx) => this.record(trx, entry))
        } catch (error) {
          // The call's undos (ctx.onRollback) have run: a sign-in's session is gone. Something done outside the
          // database that stays done (a backup written to another disk) is said so instead of "nothing was saved".
          throw audit.unrecorded?.(value, error) ?? error
        }
        return value
      }
    }
  }

  private context(trx: Db | null, transaction?: Context['transaction']): Context {
    const base = this.base
    const channel = this.channel
    return {
      get db() {
        return trx ?? base.vault.db
      },
      clock: base.clock,
      log: base.log,
      session: this.session,
      client: this.client,
      transaction:
        transaction ??
        (() => {
          throw new Error(`${channel} opens a transaction but its route does not declare audit kind 'own'`)
        }),
      onRollback: (undo) => {
        // An `after` call's undo runs when its event cannot be recorded: the call then fails, so must leave nothing.
        if (!trx && !transaction && this.route.audit?.kind !== 'after') {
          throw new Error(`${channel} has no transaction to roll back`)
        }
        this.rollbacks.push(undo)
      },
      afterCommit: (work) => this.commits.push(work),
    }
  }

  private async inTransaction<T>(work: (trx: Db) => Promise<T>): Promise<T> {
    let value: T
    try {
      value = await this.base.vault.db.transaction().execute(work)
    } catch (error) {
      for (const undo of this.rollbacks.splice(0).reverse()) {
        try {
          undo()
        } catch (undoError) {
          this.base.log.error(`Undoing ${this.channel} after a rollback failed`, (undoError as Error)?.name)
        }
      }
      throw error
    }
    for (const work of this.commits.splice(0)) work()
    return value
  }

  /** The actor is whoever is signed in on this client now, else whoever was when the call began (signing out). */
  private async record(trx: Db, entry: AuditEntry | null): Promise<void> {
    if (!entry) return
    const actor = this.base.sessionFor(this.client) ?? this.sessionBefore
    await recordEvent(trx, { clock: this.base.clock, session: actor }, entry)
  }

  private checked(value: unknown): unknown {
    const checked = contract[this.channel].output.safeParse(value)
    if (!checked.success) {
      this.base.log.error(`Answer of ${this.channel} does not match the contract`, checked.error.issues)
      throw new AnswerMismatch()
    }
    return checked.data
  }
}

const forbidden: ApiError = { code: 'forbidden', message: 'You do not have permission to do that.' }

const fail = (error: ApiError): Result<never> => ({ ok: false, error })

function describe(channel: unknown): string {
  return typeof channel === 'string' ? JSON.stringify(channel.slice(0, 80)) : `of type ${typeof channel}`
}

function toApiError(error: unknown, channel: Channel, log: Logger): ApiError {
  if (error instanceof AppError) {
    return { code: error.code, message: error.message, ...(error.fields ? { fields: error.fields } : {}) }
  }
  if (error instanceof AnswerMismatch) {
    return { code: 'internal', message: 'Something went wrong inside the app; nothing more was changed.' }
  }
  if (error instanceof DatabaseOpenError) return { code: 'database_unavailable', message: error.message }
  const sqliteCode = (error as { code?: unknown })?.code
  if (typeof sqliteCode === 'string' && sqliteCode.startsWith('SQLITE_')) {
    if (sqliteCode === 'SQLITE_FULL') {
      return { code: 'storage_full', message: 'The disk is full, so nothing was saved. Free some space and try again.' }
    }
    if (sqliteCode.startsWith('SQLITE_CONSTRAINT')) {
      return { code: 'conflict', message: 'That change conflicts with a record already saved; nothing was saved.' }
    }
  }
  // Only the channel and the error's kind are logged: an error's message could quote the input, such as a password.
  log.error(`Unexpected failure in ${channel}`, describeError(error))
  return { code: 'internal', message: 'Something went wrong inside the app; nothing was saved.' }
}

function describeError(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code
    return `${error.name}${code ? ` ${String(code)}` : ''}\n${error.stack?.split('\n').slice(1, 6).join('\n') ?? ''}`
  }
  return typeof error
}
