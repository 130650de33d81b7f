import { z } from 'zod'
import { Id } from '../domain/common'
import { OfficeSettings, OfficeSettingsInput } from '../domain/office'
import {
  Coach,
  CoachCreateInput,
  CoachListInput,
  CoachListPage,
  CoachStageInput,
  CoachStatusInput,
  CoachUpdateInput,
} from '../domain/roster'

const NoInput = z.strictObject({}).optional().transform(() => ({}))

export const AppInfo = z.object({
  appVersion: z.string(),
  sqliteVersion: z.string(),
  schemaVersion: z.number().int(),
  transport: z.enum(['electron', 'http']),
})

/**
 * The one contract between the UI and the main process: every channel, with the schema its input must pass and the
 * schema its answer follows. Main validates with it; the renderer's client is typed from it.
 */
export const contract = {
  'app.info': { input: NoInput, output: AppInfo },
  'settings.get': { input: NoInput, output: OfficeSettings },
  'settings.update': { input: OfficeSettingsInput, output: OfficeSettings },
  'coaches.list': { input: CoachListInput, output: CoachListPage },
  'coaches.get': { input: z.strictObject({ id: Id }), output: Coach },
  'coaches.create': { input: CoachCreateInput, output: Coach },
  'coaches.update': { input: CoachUpdateInput, output: Coach },
  'coaches.setStatus': { input: CoachStatusInput, output: Coach },
  'coaches.setStage': { input: CoachStageInput, output: Coach },
} as const satisfies Record<string, { input: z.ZodType; output: z.ZodType }>

export type Contract = typeof contract
export type Channel = keyof Contract
export type ChannelInput<C extends Channel> = z.input<Contract[C]['input']>
export type ParsedInput<C extends Channel> = z.output<Contract[C]['input']>
export type ChannelOutput<C extends Channel> = z.output<Contract[C]['output']>

export const CHANNELS = Object.keys(contract) as Channel[]

export function isChannel(name: unknown): name is Channel {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(contract, name)
}
