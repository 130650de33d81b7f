import type { ParsedInput } from '@shared/api/contract'
import { DEFAULT_AUTO_LOCK_MINUTES, type OfficeSettings } from '@shared/domain/settings'
import { instant } from '../clock'
import type { Context, SignedInContext } from '../context'
import type { Db } from '../db/schema'
import { readAutoLockMinutes, readOfficeSettings, writeOfficeSettings } from './settings.repository'
import type { OfficeSettingsRow } from './settings.table'

const toDto = (row: OfficeSettingsRow): OfficeSettings => ({
  officeName: row.office_name,
  coachTitle: row.coach_title,
  autoLockMinutes: row.auto_lock_minutes,
  timeZone: row.time_zone,
  effectiveTimeZone: row.time_zone ?? systemTimeZone(),
  updatedAt: row.updated_at,
})

/** The computer's own time zone. */
export function systemTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC'
}

/** The office's time zone, for services that turn local times into instants (coverage windows, opening hours). */
export async function officeTimeZone(db: Db): Promise<string> {
  return (await readOfficeSettings(db)).time_zone ?? systemTimeZone()
}

/**
 * The automatic lock's minutes. The database holds the setting; this is the copy every call's session check reads
 * (synchronously), refreshed when the database opens and when the setting's change commits, and nowhere else.
 */
export class AutoLock {
  minutes = DEFAULT_AUTO_LOCK_MINUTES

  async load(db: Db): Promise<void> {
    this.minutes = (await readAutoLockMinutes(db)) ?? DEFAULT_AUTO_LOCK_MINUTES
  }
}

export async function getOfficeSettings(ctx: Context): Promise<OfficeSettings> {
  return toDto(await readOfficeSettings(ctx.db))
}

export async function updateOfficeSettings(
  ctx: SignedInContext,
  input: ParsedInput<'settings.update'>,
  autoLock: AutoLock,
): Promise<OfficeSettings> {
  await writeOfficeSettings(ctx.db, {
    office_name: input.officeName,
    coach_title: input.coachTitle,
    ...(input.autoLockMinutes !== undefined ? { auto_lock_minutes: input.autoLockMinutes } : {}),
    ...(input.timeZone !== undefined ? { time_zone: input.timeZone } : {}),
    updated_at: instant(ctx.clock),
  })
  const saved = await getOfficeSettings(ctx)
  ctx.afterCommit(() => (autoLock.minutes = saved.autoLockMinutes))
  return saved
}
