import type { Updateable } from 'kysely'
import type { Db } from '../db/schema'
import type { OfficeSettingsTable } from './settings.table'

/** All SQL of the office settings: one row, id 1. */

export function readOfficeSettings(db: Db) {
  return db.selectFrom('office_settings').selectAll().where('id', '=', 1).executeTakeFirstOrThrow()
}

export function writeOfficeSettings(db: Db, values: Updateable<OfficeSettingsTable>) {
  return db.updateTable('office_settings').set(values).where('id', '=', 1).execute()
}

export async function readAutoLockMinutes(db: Db): Promise<number | undefined> {
  const row = await db.selectFrom('office_settings').select('auto_lock_minutes').where('id', '=', 1).executeTakeFirst()
  return row?.auto_lock_minutes
}
