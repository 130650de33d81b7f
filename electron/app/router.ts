import { contract, isChannel, type Channel, type ChannelOutput, type ParsedInput } from '@shared/api/contract'
import type { ApiError, Result } from '@shared/api/result'
import { invalidInput } from '@shared/api/validation'
import { AppError } from './errors'
import type { Context, Session } from './context'

/** Decides whether the session may make this call with this (already valid) input. */
export type Policy<C extends Channel> = (session: Session | null, input: ParsedInput<C>) => boolean

export interface Route<C extends Channel> {
  allow: Policy<C>
  handle(ctx: Context, input: ParsedInput<C>): ChannelOutput<C> | Promise<ChannelOutput<C>>
}

/** One route per channel of the contract; the type makes a missing one a compile error. */
export type Routes = { [C in Channel]: Route<C> }

/** Until sign-in exists every caller is the local user; the sign-in issue replaces this with real rules. */
export const anyone = (): boolean => true

export type Router = {
  call(channel: unknown, input: unknown, session: Session | null): Promise<Result<unknown>>
}

export function createRouter(base: Omit<Context, 'session'>, routes: Routes): Router {
  return {
    async call(channel, rawInput, session) {
      if (!isChannel(channel)) {
        return fail({ code: 'unknown_channel', message: `There is no channel called ${describe(channel)}.` })
      }
      const spec = contract[channel]
      const parsed = spec.input.safeParse(rawInput)
      if (!parsed.success) return fail(invalidInput(parsed.error))

      const route = routes[channel] as unknown as Route<Channel>
      if (!route.allow(session, parsed.data as never)) {
        return session
          ? fail({ code: 'forbidden', message: 'You do not have permission to do that.' })
          : fail({ code: 'unauthenticated', message: 'Please sign in first.' })
      }
      try {
        const value = await route.handle({ ...base, session }, parsed.data as never)
        const checked = spec.output.safeParse(value)
        if (!checked.success) {
          base.log.error(`Answer of ${channel} does not match the contract`, checked.error.issues)
          return fail({ code: 'internal', message: 'Something went wrong inside the app; nothing more was changed.' })
        }
        return { ok: true, value: checked.data }
      } catch (error) {
        return fail(toApiError(error, channel, base))
      }
    },
  }
}

const fail = (error: ApiError): Result<never> => ({ ok: false, error })

function describe(channel: unknown): string {
  return typeof channel === 'string' ? JSON.stringify(channel.slice(0, 80)) : `of type ${typeof channel}`
}

function toApiError(error: unknown, channel: Channel, base: Omit<Context, 'session'>): ApiError {
  if (error instanceof AppError) {
    return { code: error.code, message: error.message, ...(error.fields ? { fields: error.fields } : {}) }
  }
  const sqliteCode = (error as { code?: unknown })?.code
  if (typeof sqliteCode === 'string' && sqliteCode.startsWith('SQLITE_')) {
    if (sqliteCode === 'SQLITE_FULL') {
      return { code: 'storage_full', message: 'The disk is full, so nothing was saved. Free some space and try again.' }
    }
    if (sqliteCode.startsWith('SQLITE_CONSTRAINT')) {
      return { code: 'conflict', message: 'That change conflicts with a record already saved; nothing was saved.' }
    }
  }
  base.log.error(`Unexpected failure in ${channel}`, error)
  return { code: 'internal', message: 'Something went wrong inside the app; nothing was saved.' }
}
