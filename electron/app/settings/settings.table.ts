import type { Selectable } from 'kysely'
import type { CoachTitle } from '@shared/domain/settings'

/** The office's one row of settings (migrations 001 and 002). */
export interface SettingsTables {
  office_settings: OfficeSettingsTable
}

export interface OfficeSettingsTable {
  id: number
  office_name: string
  coach_title: CoachTitle
  auto_lock_minutes: number
  /** An IANA time zone; null follows the computer's. */
  time_zone: string | null
  updated_at: string | null
}

export type OfficeSettingsRow = Selectable<OfficeSettingsTable>
