import type { Kysely } from 'kysely'
import type { Database } from '../db/schema'

export function readOfficeSettings(db: Kysely<Database>) {
  return db.selectFrom('office_settings').selectAll().where('id', '=', 1).executeTakeFirstOrThrow()
}

export function writeOfficeSettings(
  db: Kysely<Database>,
  values: { office_name: string; coach_title: string; auto_lock_minutes?: number; updated_at: string },
) {
  return db.updateTable('office_settings').set(values).where('id', '=', 1).execute()
}
