import { z } from 'zod'
import { accountChannels } from '../domain/accounts'
import { auditChannels } from '../domain/audit'
import { authChannels } from '../domain/auth'
import { backupChannels } from '../domain/backups'
import { directoryChannels } from '../domain/directory'
import { growthChannels } from '../domain/growth'
import { contractChannels } from '../domain/contracts'
import { dispatchChannels } from '../domain/dispatches'
import { ladderChannels } from '../domain/ladder'
import { rosterChannels } from '../domain/roster'
import { settingsChannels } from '../domain/settings'
import { supervisionChannels } from '../domain/supervision'
import { NoInput, type ChannelSpec } from './spec'

export const AppInfo = z.object({
  appVersion: z.string(),
  sqliteVersion: z.string(),
  transport: z.enum(['electron', 'http']),
})

const appChannels = {
  'app.info': { input: NoInput, output: AppInfo },
} as const satisfies Record<string, ChannelSpec>

/** Merges the features' parts, refusing a channel named twice (a spread would let the later one win unseen). */
function merge<const P extends readonly Record<string, ChannelSpec>[]>(...parts: P): UnionToIntersection<P[number]> {
  const all: Record<string, ChannelSpec> = {}
  for (const part of parts) {
    for (const [name, spec] of Object.entries(part)) {
      if (name in all) throw new Error(`The channel ${name} is defined twice in the contract`)
      all[name] = spec
    }
  }
  return all as UnionToIntersection<P[number]>
}
type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never

/**
 * The one contract between the UI and the main process: every channel, with the schema its input must pass and the
 * schema its answer follows. Each feature keeps its part beside its domain schemas (`shared/domain/<feature>.ts`);
 * they meet here. Main validates with it; the renderer's client is typed from it.
 */
export const contract = merge(
  appChannels,
  authChannels,
  accountChannels,
  auditChannels,
  backupChannels,
  settingsChannels,
  rosterChannels,
  directoryChannels,
  growthChannels,
  contractChannels,
  dispatchChannels,
  ladderChannels,
  supervisionChannels,
)

export type Contract = typeof contract
export type Channel = keyof Contract
export type ChannelInput<C extends Channel> = z.input<Contract[C]['input']>
export type ParsedInput<C extends Channel> = z.output<Contract[C]['input']>
export type ChannelOutput<C extends Channel> = z.output<Contract[C]['output']>

export const CHANNELS = Object.keys(contract) as Channel[]

export function isChannel(name: unknown): name is Channel {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(contract, name)
}
