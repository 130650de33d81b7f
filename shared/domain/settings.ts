import { z } from 'zod'
import { NoInput, type ChannelSpec } from '../api/spec'
import { requiredText, enumOf } from './common'

/** The words an office may use for its coaches, with the forms the UI needs. */
export const COACH_TITLES = {
  recovery_coach: { singular: 'recovery coach', plural: 'recovery coaches' },
  navigator: { singular: 'navigator', plural: 'navigators' },
  ally: { singular: 'ally', plural: 'allies' },
  ambassador: { singular: 'ambassador', plural: 'ambassadors' },
  companion: { singular: 'companion', plural: 'companions' },
} as const

export type CoachTitle = keyof typeof COACH_TITLES
export const CoachTitle = enumOf(COACH_TITLES, 'Choose one of the listed titles')

export const DEFAULT_AUTO_LOCK_MINUTES = 10
export const AutoLockMinutes = z
  .number({ error: 'Automatic lock must be a number of minutes' })
  .int('Automatic lock must be a whole number of minutes')
  .min(1, 'Automatic lock must be at least 1 minute')
  .max(240, 'Automatic lock must be at most 240 minutes')

/** Whether `name` is a time zone this system knows (an IANA name such as Europe/London or America/Chicago). */
export function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: name })
    return name.includes('/') || name === 'UTC'
  } catch {
    return false
  }
}

export const TimeZoneName = z
  .string()
  .trim()
  .max(64, 'Time zone must be at most 64 characters')
  .refine(isTimeZone, 'Choose a time zone such as Europe/London or America/New_York')

export const OfficeSettings = z.object({
  officeName: z.string(),
  coachTitle: CoachTitle,
  /** Minutes without input before the screen locks. */
  autoLockMinutes: z.number().int(),
  /** The office's own time zone as set, or null to follow the computer's. */
  timeZone: z.string().nullable(),
  /** The time zone the office's local times are in: its own, else the computer's. Instants are stored in UTC. */
  effectiveTimeZone: z.string(),
  updatedAt: z.string().nullable(),
})
export type OfficeSettings = z.infer<typeof OfficeSettings>

export const OfficeSettingsInput = z.strictObject({
  officeName: requiredText('Office name', 120),
  coachTitle: CoachTitle,
  /** Left out: kept as it is. */
  autoLockMinutes: AutoLockMinutes.optional(),
  /** Left out: kept as it is; null: follow the computer's time zone. */
  timeZone: TimeZoneName.nullable().optional(),
})
export type OfficeSettingsInput = z.input<typeof OfficeSettingsInput>

export function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1)
}

/** The settings channels of the contract. */
export const settingsChannels = {
  'settings.get': { input: NoInput, output: OfficeSettings },
  'settings.update': { input: OfficeSettingsInput, output: OfficeSettings },
} as const satisfies Record<string, ChannelSpec>
