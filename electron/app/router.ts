import { contract, isChannel, type Channel, type ChannelOutput, type ParsedInput } from '@shared/api/contract'
import type { ApiError, Result } from '@shared/api/result'
import { invalidInput } from '@shared/api/validation'
import type { Role } from '@shared/domain/auth'
import { AppError } from './errors'
import type { Context, Logger, UserSession } from './context'
import type { Clock } from './clock'
import type { Vault } from './vault'
import { DatabaseOpenError } from './db/errors'

/**
 * Who may call a channel. `public` channels (sign-in and the like) answer anyone; every other channel names the roles
 * that may call it, and for a coach, `ownCoach` names the coach record the input reaches: a coach may reach only their
 * own. Services scope their queries to the session as well; this is the first check, not the only one.
 */
export type Access<C extends Channel> =
  | { public: true }
  | {
      roles: readonly Role[]
      ownCoach?: (input: ParsedInput<C>) => number
    }

export interface Route<C extends Channel> {
  access: Access<C>
  handle(ctx: Context, input: ParsedInput<C>): ChannelOutput<C> | Promise<ChannelOutput<C>>
}

/** One route per channel of the contract; the type makes a missing one a compile error. */
export type Routes = { [C in Channel]: Route<C> }

export const EVERYONE: readonly Role[] = ['supervisor', 'coordinator', 'coach']
export const STAFF: readonly Role[] = ['supervisor', 'coordinator']
export const SUPERVISORS: readonly Role[] = ['supervisor']

export interface RouterBase {
  vault: Vault
  clock: Clock
  log: Logger
  /** The client's current session, locked first if it has been idle too long. */
  sessionFor(client: string): UserSession | null
}

export type Router = {
  /** `client` identifies the caller's window or browser; the transport sets it, never the caller's input. */
  call(channel: unknown, input: unknown, client: string): Promise<Result<unknown>>
}

export function createRouter(base: RouterBase, routes: Routes): Router {
  return {
    async call(channel, rawInput, client) {
      if (!isChannel(channel)) {
        return fail({ code: 'unknown_channel', message: `There is no channel called ${describe(channel)}.` })
      }
      const route = routes[channel] as unknown as Route<Channel>
      const access = route.access
      const session = base.sessionFor(client)
      let activeSession: UserSession | null = null
      if (!('public' in access)) {
        if (!session) return fail({ code: 'unauthenticated', message: 'Please sign in first.' })
        if (session.locked)
          return fail({ code: 'unauthenticated', message: 'The screen is locked; sign in again to go on.' })
        if (!access.roles.includes(session.role)) return fail(forbidden)
        if (session.mustChangePassword) {
          return fail({ code: 'forbidden', message: 'Choose a new password before you go on.' })
        }
        activeSession = session
      }

      const spec = contract[channel]
      const parsed = spec.input.safeParse(rawInput)
      if (!parsed.success) return fail(invalidInput(parsed.error))

      if (activeSession && !('public' in access) && access.ownCoach && activeSession.role === 'coach') {
        if (access.ownCoach(parsed.data as never) !== activeSession.coachId) return fail(forbidden)
      }
      if (activeSession) activeSession.lastActivityAt = base.clock.now().getTime()

      const ctx: Context = {
        get db() {
          return base.vault.db
        },
        clock: base.clock,
        log: base.log,
        session: activeSession,
        client,
      }
      try {
        const value = await route.handle(ctx, parsed.data as never)
        const checked = spec.output.safeParse(value)
        if (!checked.success) {
          base.log.error(`Answer of ${channel} does not match the contract`, checked.error.issues)
          return fail({ code: 'internal', message: 'Something went wrong inside the app; nothing more was changed.' })
        }
        return { ok: true, value: checked.data }
      } catch (error) {
        return fail(toApiError(error, channel, base.log))
      }
    },
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
  if (error instanceof Error)
    return `${error.name}${(error as { code?: unknown }).code ? ` ${(error as { code?: unknown }).code}` : ''}\n${error.stack?.split('\n').slice(1, 6).join('\n') ?? ''}`
  return typeof error
}
