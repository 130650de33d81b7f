import type { OfficeSettings, OfficeSettingsInput } from '@shared/domain/office'
import type { z } from 'zod'
import { instant } from '../clock'
import type { Context } from '../context'
import { readOfficeSettings, writeOfficeSettings } from './settings.repository'

type SettingsRow = Awaited<ReturnType<typeof readOfficeSettings>>

const toDto = (row: SettingsRow): OfficeSettings => ({
  officeName: row.office_name,
  coachTitle: row.coach_title as OfficeSettings['coachTitle'],
  updatedAt: row.updated_at,
})

export async function getOfficeSettings(ctx: Context): Promise<OfficeSettings> {
  return toDto(await readOfficeSettings(ctx.db))
}

export async function updateOfficeSettings(
  ctx: Context,
  input: z.output<typeof OfficeSettingsInput>,
): Promise<OfficeSettings> {
  await writeOfficeSettings(ctx.db, {
    office_name: input.officeName,
    coach_title: input.coachTitle,
    updated_at: instant(ctx.clock),
  })
  return getOfficeSettings(ctx)
}
