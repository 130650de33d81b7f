import type { OfficeSettings, OfficeSettingsInput } from '@shared/domain/settings'
import type { z } from 'zod'
import { instant } from '../clock'
import type { Context } from '../context'
import { readOfficeSettings, writeOfficeSettings } from './settings.repository'
import { recordAudit } from '../audit/audit'

type SettingsRow = Awaited<ReturnType<typeof readOfficeSettings>>

const toDto = (row: SettingsRow): OfficeSettings => ({
  officeName: row.office_name,
  coachTitle: row.coach_title as OfficeSettings['coachTitle'],
  autoLockMinutes: row.auto_lock_minutes,
  updatedAt: row.updated_at,
})

export async function getOfficeSettings(ctx: Context): Promise<OfficeSettings> {
  return toDto(await readOfficeSettings(ctx.db))
}

export async function updateOfficeSettings(
  ctx: Context,
  input: z.output<typeof OfficeSettingsInput>,
): Promise<OfficeSettings> {
  await ctx.db.transaction().execute(async (trx) => {
    await writeOfficeSettings(trx, {
      office_name: input.officeName,
      coach_title: input.coachTitle,
      ...(input.autoLockMinutes !== undefined ? { auto_lock_minutes: input.autoLockMinutes } : {}),
      updated_at: instant(ctx.clock),
    })
    await recordAudit(trx, ctx, 'update', 'office_settings', null)
  })
  return getOfficeSettings(ctx)
}
