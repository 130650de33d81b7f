/**
 * A full disk, simulated with `PRAGMA max_page_count` on the app's own connection: SQLite then fails any write that
 * needs one more page with SQLITE_FULL, exactly where a full disk would. Writes go through the real router, services
 * and signed-in session (test/app/helpers.ts). Each refused write must answer `storage_full` with a message for a
 * person, and leave the database exactly as before: no row of a half-done transaction, the connection out of its
 * transaction, reads still working, and the same writes succeeding once there is room again.
 */
import { describe, expect, it } from 'vitest'
import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers'
import type { Result } from '@shared/api/result'
import { coachInput, startTestApp, type TestApp } from '../helpers'

interface Spy {
  /** Statements run since the last reset: their SQL and whether they succeeded. */
  log: { sql: string; ok: boolean; code?: string }[]
  reset(): void
}

/**
 * Records every statement the connection runs, and whether it failed, without changing what it does: so a test can
 * tell a write that failed at its first statement from one that failed in the middle of its transaction.
 */
function spyOn(sqlite: BetterSqlite3.Database): Spy {
  const spy: Spy = { log: [], reset: () => (spy.log.length = 0) }
  const prepare = sqlite.prepare.bind(sqlite)
  ;(sqlite as unknown as { prepare: unknown }).prepare = (sql: string) => {
    const statement = prepare(sql)
    for (const method of ['run', 'all', 'get', 'iterate'] as const) {
      const original = (statement[method] as (...args: unknown[]) => unknown).bind(statement)
      ;(statement as unknown as Record<string, unknown>)[method] = (...args: unknown[]) => {
        try {
          const result = original(...args)
          spy.log.push({ sql, ok: true })
          return result
        } catch (error) {
          spy.log.push({ sql, ok: false, code: (error as { code?: string }).code })
          throw error
        }
      }
    }
    return statement
  }
  return spy
}

function databaseOf(app: TestApp): BetterSqlite3.Database {
  const database = app.core.vault.database
  if (!database) throw new Error('The database is not open')
  return database.sqlite
}

/** Lets the file grow by at most `pages` more pages, as a disk with that much room left. */
function leaveRoom(sqlite: BetterSqlite3.Database, pages: number): void {
  const count = sqlite.pragma('page_count', { simple: true }) as number
  sqlite.pragma(`max_page_count = ${count + pages}`)
  expect(sqlite.pragma('max_page_count', { simple: true })).toBe(count + pages)
}

function expectStorageFull(result: Result<unknown>) {
  expect(result.ok, JSON.stringify(result)).toBe(false)
  if (result.ok) return
  expect(result.error.code).toBe('storage_full')
  expect(result.error.message).toMatch(/disk is full/i)
  expect(result.error.message).toMatch(/nothing was saved/i)
}

/** Index of the first statement that failed with SQLITE_FULL in the spy's log, and how many writes succeeded before. */
function whereItFailed(spy: Spy): { writesBefore: number; failedSql: string } {
  const index = spy.log.findIndex((entry) => !entry.ok && entry.code === 'SQLITE_FULL')
  expect(index, `no SQLITE_FULL in ${JSON.stringify(spy.log)}`).toBeGreaterThanOrEqual(0)
  const begin = spy.log.findLastIndex((entry, i) => i < index && /^begin/i.test(entry.sql))
  const writesBefore = spy.log
    .slice(begin + 1, index)
    .filter((entry) => entry.ok && /^\s*(insert|update|delete)/i.test(entry.sql)).length
  return { writesBefore, failedSql: spy.log[index]!.sql }
}

/** Adds coaches through the router until the disk is full; answers the answers. */
async function fillUp(
  app: TestApp,
  spy: Spy,
): Promise<{ created: number; failure: Result<unknown>; writesBefore: number }> {
  for (let i = 1; i <= 2000; i++) {
    const before = app.snapshot()
    spy.reset()
    const result = await app.callRaw(
      'coaches.create',
      coachInput({ legalName: `Filler Coach ${i} ${'x'.repeat(150)}` }),
    )
    if (!result.ok) {
      // The call that hit the full disk changed nothing.
      expect(app.snapshot()).toEqual(before)
      return { created: i - 1, failure: result, writesBefore: whereItFailed(spy).writesBefore }
    }
  }
  throw new Error('the disk never filled up')
}

describe('a full disk', () => {
  it('refuses a new coach with storage_full, a clear message, and no trace of the half-done transaction', async () => {
    const app = await startTestApp()
    await app.call('coaches.create', coachInput({ legalName: 'Already Here' }))
    const sqlite = databaseOf(app)
    const spy = spyOn(sqlite)
    leaveRoom(sqlite, 3)

    const { created, failure, writesBefore } = await fillUp(app, spy)
    expect(created).toBeGreaterThan(0)
    expectStorageFull(failure)
    expect(sqlite.inTransaction).toBe(false)
    expect(app.log.entries).toEqual([])
    console.log(
      `full disk after ${created} more coaches; the failing call had done ${writesBefore} writes of its transaction first`,
    )

    // The same write again, and again: refused each time, nothing kept.
    const before = app.snapshot()
    for (let attempt = 0; attempt < 3; attempt++) {
      expectStorageFull(
        await app.callRaw('coaches.create', coachInput({ legalName: `Filler Coach again ${'x'.repeat(150)}` })),
      )
      expect(app.snapshot()).toEqual(before)
      expect(sqlite.inTransaction).toBe(false)
    }
    expect(sqlite.pragma('integrity_check', { simple: true })).toBe('ok')
  })

  it('fails a write in the middle of its transaction (some statements already done) and keeps none of it', async () => {
    const app = await startTestApp()
    const sqlite = databaseOf(app)
    const spy = spyOn(sqlite)
    // Try increasing room until a write fails after its first statements succeeded: a failure mid-transaction.
    let found = false
    for (let room = 1; room <= 40 && !found; room++) {
      leaveRoom(sqlite, room)
      for (let i = 0; i < 400; i++) {
        const before = app.snapshot()
        spy.reset()
        const result = await app.callRaw(
          'coaches.create',
          coachInput({ legalName: `Mid ${room}/${i} ${'y'.repeat(180)}` }),
        )
        if (result.ok) continue
        expectStorageFull(result)
        expect(app.snapshot(), 'a refused write left rows behind').toEqual(before)
        expect(sqlite.inTransaction).toBe(false)
        const { writesBefore, failedSql } = whereItFailed(spy)
        if (writesBefore > 0) {
          console.log(
            `mid-transaction failure after ${writesBefore} writes, at: ${failedSql.replace(/\s+/g, ' ').slice(0, 60)}`,
          )
          found = true
        }
        break
      }
      sqlite.pragma('max_page_count = 1073741823')
    }
    expect(found, 'no write failed in the middle of its transaction').toBe(true)
  })

  type Write = (app: TestApp, id: number, i: number) => Promise<Result<unknown>>
  const version = async (app: TestApp, id: number) => (await app.call('coaches.get', { id })).version
  const WRITES: [string, Write][] = [
    [
      'coaches.create',
      (app, _id, i) => app.callRaw('coaches.create', coachInput({ legalName: `New ${i} ${'z'.repeat(150)}` })),
    ],
    [
      'coaches.update',
      async (app, id, i) => {
        const {
          version: v,
          displayName,
          status,
          careerStage,
          createdAt,
          updatedAt,
          statusHistory,
          stageHistory,
          supervisorName,
          supervisorIsCurrent,
          supervisorUnmatched,
          id: _,
          ...fields
        } = await app.call('coaches.get', { id })
        return app.callRaw('coaches.update', {
          id,
          expectedVersion: v,
          fields: { ...fields, legalName: `${i % 2 ? 'K' : 'L'}`.repeat(200) },
        })
      },
    ],
    [
      'coaches.setStatus',
      async (app, id, i) =>
        app.callRaw('coaches.setStatus', {
          id,
          expectedVersion: await version(app, id),
          status: i % 2 ? 'on_leave' : 'active',
          effectiveOn: '2026-11-01',
          note: 'n'.repeat(300),
        }),
    ],
    [
      'coaches.setStage',
      async (app, id, i) =>
        app.callRaw('coaches.setStage', {
          id,
          expectedVersion: await version(app, id),
          stage: i % 2 ? 'employment' : 'rcp',
          changedOn: '2026-11-01',
        }),
    ],
    [
      'settings.update',
      (app, _id, i) =>
        app.callRaw('settings.update', { officeName: `Office ${i} ${'o'.repeat(100)}`, coachTitle: 'ally' }),
    ],
  ]

  it.each(WRITES)(
    'refuses %s with storage_full once full, keeps reads working, and saves it again once there is room',
    async (channel, write) => {
      const app = await startTestApp()
      const { id } = await app.call('coaches.create', coachInput({ legalName: 'Kept Coach' }))
      const sqlite = databaseOf(app)
      leaveRoom(sqlite, 2)

      // The same kind of write, again and again, until the disk is full.
      let failure: Result<unknown> | undefined
      let failedAt = 0
      let saved = 0
      let before = app.snapshot()
      for (let i = 1; i <= 3000 && !failure; i++) {
        const coach = await app.call('coaches.get', { id })
        const result = await write(app, id, i)
        if (result.ok) {
          saved++
          before = app.snapshot()
          continue
        }
        failure = result
        failedAt = i
        expect(app.snapshot(), `${channel} left something of its refused transaction`).toEqual(before)
        expect(await app.call('coaches.get', { id }), 'the coach as it was').toEqual(coach)
      }
      expect(failure, `${channel} never filled the disk`).toBeDefined()
      expectStorageFull(failure!)
      expect(saved).toBeGreaterThan(0)
      expect(sqlite.inTransaction).toBe(false)

      // Reading still works on a full disk.
      const list = await app.call('coaches.list', { filter: 'all' })
      expect(list.total).toBe(before['coaches']!.length)
      await app.call('settings.get', undefined)
      expect(app.snapshot()).toEqual(before)

      // Room again: the same write is saved, whole, and the file is sound.
      sqlite.pragma('max_page_count = 1073741823')
      const again = await write(app, id, failedAt)
      expect(again.ok, JSON.stringify(again)).toBe(true)
      expect(sqlite.pragma('integrity_check', { simple: true })).toBe('ok')
      expect(app.log.entries).toEqual([])
    },
  )

  it('a large write failing part-way through its transaction leaves nothing half-written', async () => {
    const app = await startTestApp()
    await app.call('coaches.create', coachInput({ legalName: 'Before The Import' }))
    const sqlite = databaseOf(app)
    const db = app.core.vault.database!.db
    leaveRoom(sqlite, 40)
    const before = app.snapshot()

    // An import of many coaches with their history in one transaction, through the app's own Kysely connection.
    let inserted = 0
    let failure: unknown
    try {
      await db.transaction().execute(async (trx) => {
        for (let i = 0; i < 5000; i++) {
          const { id } = await trx
            .insertInto('coaches')
            .values({
              version: 1,
              legal_name: `Imported ${i}`,
              sort_name: `imported ${i}`,
              search_text: `imported ${i}`,
              start_date: '2026-01-01',
              status: 'active',
              employment: 'volunteer',
              title: 'ally',
              assigned_supervisor: 'q'.repeat(300),
              work_settings: '[]',
              languages: '[]',
              supervision_cadence_days: 14,
              career_stage: 'training',
              created_at: '2026-11-22T10:00:00.000Z',
              updated_at: '2026-11-22T10:00:00.000Z',
            })
            .returning('id')
            .executeTakeFirstOrThrow()
          await trx
            .insertInto('coach_status_changes')
            .values({
              coach_id: id,
              status: 'active',
              effective_on: '2026-01-01',
              note: 'imported',
              recorded_at: '2026-11-22T10:00:00.000Z',
            })
            .execute()
          inserted++
        }
      })
    } catch (error) {
      failure = error
    }
    // It failed with the disk-full error itself (not, say, a failed ROLLBACK hiding it), after many rows.
    expect((failure as { code?: string } | undefined)?.code, String(failure)).toBe('SQLITE_FULL')
    expect(inserted).toBeGreaterThan(50)
    expect(sqlite.inTransaction).toBe(false)
    expect(app.snapshot()).toEqual(before)
    expect(sqlite.pragma('integrity_check', { simple: true })).toBe('ok')

    // And the app carries on normally once there is room.
    sqlite.pragma('max_page_count = 1073741823')
    const added = await app.call('coaches.create', coachInput({ legalName: 'After The Import' }))
    expect(added.legalName).toBe('After The Import')
  })
})
