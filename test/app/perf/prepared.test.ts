import { join } from 'node:path'
import { sql } from 'kysely'
import { describe, expect, it } from 'vitest'
import { openDatabase } from '../../../electron/app/db/open'
import { prepared } from '../../../electron/app/db/prepared'
import { onCleanup, tempDir } from '../helpers'

function database() {
  const opened = openDatabase(join(tempDir(), 'prepared.sqlite'))
  onCleanup(() => opened.close())
  opened.sqlite.exec("UPDATE office_settings SET office_name = 'Prepared Office'")
  return opened
}

describe('prepared queries', () => {
  it('bind each call’s arguments in their places, fixed values kept, inside a transaction too', async () => {
    const { db } = database()
    const byName = prepared((db, name: string, limit: number) =>
      db
        .selectFrom('office_settings')
        .select(['id', 'office_name'])
        .where('office_name', '=', name)
        .where('id', '>', 0)
        .limit(limit),
    )
    expect(await byName(db, 'Prepared Office', 5)).toEqual([{ id: 1, office_name: 'Prepared Office' }])
    expect(await byName(db, 'Another Office', 5)).toEqual([])
    await db.transaction().execute(async (trx) => {
      await trx.updateTable('office_settings').set({ office_name: 'Renamed' }).execute()
      expect(await byName(trx, 'Renamed', 1)).toEqual([{ id: 1, office_name: 'Renamed' }])
      await sql`SELECT 1`.execute(trx)
    })
  })

  it('refuse a query that uses an argument other than as a value (its SQL would change from call to call)', async () => {
    const { db } = database()
    const shaped = prepared((db, wide: boolean) =>
      wide ? db.selectFrom('office_settings').selectAll() : db.selectFrom('office_settings').select('id'),
    )
    await expect(shaped(db, true)).rejects.toThrow(/other than as a value/)
  })
})
