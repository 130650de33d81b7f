import { copyFileSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import Sqlite from 'better-sqlite3-multiple-ciphers'
import { describe, expect, it } from 'vitest'
import { DATABASE_FILE_NAME } from '../../../electron/app'
import { DatabaseOpenError, openDatabase } from '../../../electron/app/db'
import { APPLICATION_ID, LATEST_SCHEMA_VERSION, MIGRATIONS, type Migration } from '../../../electron/app/db/migrations'
import { coachInput, NOW, onCleanup, snapshotOf, startTestApp, tempDir, type Snapshot } from '../helpers'

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'fixtures', 'db')

/** A read-only look at a closed database file, closed after the test. */
function inspect(file: string, key?: Buffer) {
  const sqlite = new Sqlite(file, { readonly: true, fileMustExist: true })
  if (key) sqlite.pragma(`key = "x'${key.toString('hex')}'"`)
  onCleanup(() => sqlite.open && sqlite.close())
  return {
    sqlite,
    userVersion: sqlite.pragma('user_version', { simple: true }) as number,
    applicationId: sqlite.pragma('application_id', { simple: true }) as number,
    tables: sqlite
      .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name")
      .pluck()
      .all() as string[],
    snapshot: () => snapshotOf(sqlite),
  }
}

/** Every row that was there before is still there, unchanged; later migrations may add columns and tables. */
function expectRowsKept(after: Snapshot, before: Snapshot) {
  expect(Object.keys(before).length).toBeGreaterThan(0)
  // First run over older data sets the office's name and word again (prefilled with the same), so only its time moves.
  const withoutSettingsTime = (snapshot: Snapshot) => ({
    ...snapshot,
    office_settings: snapshot['office_settings']?.map(({ updated_at: _, ...row }) => row),
  })
  expect(withoutSettingsTime(after)).toMatchObject(withoutSettingsTime(before))
}

describe('the migration list', () => {
  it('is numbered 1..N with no gaps, and LATEST_SCHEMA_VERSION is N', () => {
    expect(MIGRATIONS.length).toBeGreaterThan(0)
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1))
    expect(LATEST_SCHEMA_VERSION).toBe(MIGRATIONS.length)
  })

  it('gives every migration a distinct name and some SQL', () => {
    const names = MIGRATIONS.map((m) => m.name)
    expect(new Set(names).size).toBe(names.length)
    for (const migration of MIGRATIONS) {
      expect(migration.name.trim()).not.toBe('')
      expect((migration.sql ?? String(migration.run)).trim()).not.toBe('')
    }
  })

  it('refuses a list with a gap instead of skipping a version', () => {
    const gappy: Migration[] = [
      ...MIGRATIONS,
      { version: LATEST_SCHEMA_VERSION + 2, name: 'skips one', sql: 'CREATE TABLE y (a)' },
    ]
    expect(() => openDatabase(join(tempDir(), 'gap.sqlite'), { migrations: gappy })).toThrow(/gap/)
  })
})

describe('upgrading an existing database', () => {
  it('stops on a failing migration with a clear message, and changes nothing', async () => {
    const dataDir = tempDir()
    const file = join(dataDir, DATABASE_FILE_NAME)
    const app = await startTestApp({ dataDir })
    await app.call('coaches.create', coachInput({ legalName: 'Kept Through Failure' }))
    await app.call('settings.update', { officeName: 'Still Here', coachTitle: 'companion' })
    const before = app.snapshot()
    const key = Buffer.from(app.core.vault.openKey())
    await app.close()

    const broken: Migration = {
      version: LATEST_SCHEMA_VERSION + 1,
      name: 'broken',
      sql: 'CREATE TABLE x(a); INSERT INTO nope VALUES (1);',
    }
    let failure: unknown
    try {
      const opened = openDatabase(file, { key, migrations: [...MIGRATIONS, broken] })
      await opened.close()
    } catch (error) {
      failure = error
    }
    expect(failure).toBeInstanceOf(DatabaseOpenError)
    const error = failure as DatabaseOpenError
    expect(error.reason).toBe('migration_failed')
    expect(error.message).toContain(`version ${LATEST_SCHEMA_VERSION + 1}`)
    expect(error.message).toContain('broken')
    // SQLite's own words stay on the cause (for the log and support), never in the message a person reads.
    expect(error.message).not.toContain('no such table')
    expect(error.message).toMatch(/a fault in this version of the app, not in your data/)
    expect((error.cause as Error).message).toContain('no such table: nope')
    expect(error.message).toContain(`still at version ${LATEST_SCHEMA_VERSION}`)

    const after = inspect(file, key)
    expect(after.userVersion).toBe(LATEST_SCHEMA_VERSION)
    expect(after.applicationId).toBe(APPLICATION_ID)
    expect(after.tables).not.toContain('x')
    expect(after.snapshot()).toEqual(before)
    after.sqlite.close()

    // And the current code still opens it as before.
    const reopened = await startTestApp({ dataDir })
    // Signing in again adds its own audit event; every other row is as it was.
    const { audit_events: auditAfter, ...rowsAfter } = reopened.snapshot()
    const { audit_events: auditBefore, ...rowsBefore } = before
    expect(rowsAfter).toEqual(rowsBefore)
    expect(auditAfter!.filter((row) => auditBefore!.some((kept) => kept['id'] === row['id']))).toEqual(auditBefore)
  })
})

describe('committed fixture test/fixtures/db/v1.sqlite (made by test/fixtures/make-fixtures.ts)', () => {
  /** A copy of the fixture as the data folder's database; the committed file is never opened for writing. */
  function copyFixture(name: string): { dataDir: string; file: string } {
    const dataDir = tempDir()
    const file = join(dataDir, DATABASE_FILE_NAME)
    copyFileSync(join(FIXTURES, name), file)
    return { dataDir, file }
  }

  it('is a schema-1 database of this app', () => {
    const { file } = copyFixture('v1.sqlite')
    const fixture = inspect(file)
    expect(fixture.userVersion).toBe(1)
    expect(fixture.applicationId).toBe(APPLICATION_ID)
    expect(fixture.snapshot()['coaches']).toHaveLength(3)
  })

  it('opens with the latest code and keeps every row', async () => {
    const { dataDir, file } = copyFixture('v1.sqlite')
    const fixture = inspect(file)
    const before = fixture.snapshot()
    fixture.sqlite.close()

    const app = await startTestApp({ dataDir })
    expect(app.core.vault.database!.schemaVersion).toBe(LATEST_SCHEMA_VERSION)
    expectRowsKept(app.snapshot(), before)

    expect(await app.call('settings.get', undefined)).toMatchObject({
      officeName: 'Riverside Recovery Community',
      coachTitle: 'navigator',
    })

    const everyone = await app.call('coaches.list', { filter: 'all' })
    expect(everyone.total).toBe(3)
    expect(everyone.items.map((c) => [c.displayName, c.status])).toEqual([
      ['Dana Whitfield Fixture', 'left'],
      ['Mari', 'active'],
      ['Samuel Okoro Fixture', 'on_leave'],
    ])
    const current = await app.call('coaches.list', {})
    expect(current.items.map((c) => c.id)).toEqual([1, 2])

    expect(await app.call('coaches.get', { id: 1 })).toMatchObject({
      version: 1,
      legalName: 'Maria Lopez Fixture',
      preferredName: 'Mari',
      pronouns: 'she/her',
      email: 'mari@example.org',
      startDate: '2023-04-03',
      employment: 'full_time',
      title: 'navigator',
      supervisionCadenceDays: 14,
      workSettings: ['emergency_department', 'drug_court'],
      languages: ['English', 'Spanish'],
      careerStage: 'rcp',
    })
    const samuel = await app.call('coaches.get', { id: 2 })
    expect(samuel.version).toBe(3)
    expect(samuel.statusHistory).toEqual([
      { status: 'on_leave', effectiveOn: '2026-02-01', note: 'Family leave', recordedAt: '2026-02-01T08:00:00.000Z' },
      { status: 'active', effectiveOn: '2024-09-16', note: null, recordedAt: '2026-01-05T09:20:00.000Z' },
    ])
    expect(samuel.stageHistory.map((s) => [s.stage, s.changedOn])).toEqual([
      ['training', '2025-03-01'],
      ['volunteering', '2024-09-16'],
    ])
    const dana = await app.call('coaches.get', { id: 3 })
    expect(dana.statusHistory[0]).toMatchObject({ status: 'left', effectiveOn: '2025-06-30', note: 'Moved away' })
  })

  it('can be written to after the upgrade', async () => {
    const { dataDir } = copyFixture('v1.sqlite')
    const app = await startTestApp({ dataDir })
    const mari = await app.call('coaches.get', { id: 1 })
    const {
      id,
      version,
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
      ...fields
    } = mari
    const updated = await app.call('coaches.update', {
      id,
      expectedVersion: version,
      fields: { ...fields, phone: '+1 555 0199' },
    })
    expect(updated).toMatchObject({ version: 2, phone: '+1 555 0199', updatedAt: NOW, createdAt })
    const added = await app.call('coaches.create', coachInput({ legalName: 'New After Upgrade' }))
    expect(added.id).toBe(4)
  })

  it('leaves the committed fixture untouched', () => {
    // The tests above work on copies; this guards against one of them opening the committed file by mistake.
    const fixture = readFileSync(join(FIXTURES, 'v1.sqlite'))
    expect(fixture.readUInt32BE(60)).toBe(1) // user_version
    expect(fixture.readUInt8(18)).toBe(1) // rollback journal (not WAL): never opened by openDatabase
  })
})

describe('migration 3: audit summaries and the roster search text', () => {
  it('folds each coach of a version 2 database into its search text, and keeps every row', async () => {
    const copy = join(tempDir(), DATABASE_FILE_NAME)
    copyFileSync(join(FIXTURES, 'v2.sqlite'), copy)
    const key = Buffer.from(readFileSync(join(FIXTURES, 'v2.key.txt'), 'utf8').trim(), 'hex')
    const before = inspect(copy, key).snapshot()
    const opened = openDatabase(copy, { key, migrations: MIGRATIONS.slice(0, 3) })
    try {
      expect(opened.schemaVersion).toBe(3)
      const rows = opened.sqlite.prepare('SELECT id, search_text FROM coaches ORDER BY id').all()
      expect(rows).toEqual([
        // Accents dropped and lower case, so "maori" finds "Māori"; names, languages and supervisor all searchable.
        {
          id: 1,
          search_text: 'aroha ngata fixture\u001faroha\u001fenglish\u001fte reo maori\u001fjess supervisor fixture',
        },
        { id: 2, search_text: 'tomasz wisniewski fixture\u001f\u001fpolish\u001fenglish\u001f' },
      ])
      const events = opened.sqlite.prepare('SELECT summary FROM audit_events').pluck().all()
      expect(events.length).toBeGreaterThan(0)
      expect(new Set(events)).toEqual(new Set([null]))
      expectRowsKept(snapshotOf(opened.sqlite), before)
    } finally {
      await opened.close()
    }
  })

  it('lets the roster find a coach of the upgraded file by a language or the supervisor, whatever the accents', async () => {
    const dataDir = tempDir()
    copyFileSync(join(FIXTURES, 'v2.sqlite'), join(dataDir, DATABASE_FILE_NAME))
    const opened = openDatabase(join(dataDir, DATABASE_FILE_NAME), {
      key: Buffer.from(readFileSync(join(FIXTURES, 'v2.key.txt'), 'utf8').trim(), 'hex'),
    })
    try {
      const find = (text: string) =>
        opened.sqlite.prepare('SELECT id FROM coaches WHERE search_text LIKE ? ORDER BY id').pluck().all(`%${text}%`)
      expect(find('maori')).toEqual([1])
      expect(find('polish')).toEqual([2])
      expect(find('jess supervisor')).toEqual([1])
      expect(find('wisniewski')).toEqual([2])
    } finally {
      await opened.close()
    }
  })
})

describe('a failing migration’s message', () => {
  const failing = (code: string): Migration => ({
    version: LATEST_SCHEMA_VERSION + 1,
    name: 'failing',
    run: () => {
      throw Object.assign(new Error(`raw ${code} text`), { code })
    },
  })
  const messageFor = (code: string) => {
    const file = join(tempDir(), 'failing.sqlite')
    openDatabase(file).sqlite.close()
    try {
      openDatabase(file, { migrations: [...MIGRATIONS, failing(code)] })
    } catch (error) {
      return (error as Error).message
    }
    throw new Error('expected the migration to fail')
  }

  it('says what to do for each kind of failure, never SQLite’s own words', () => {
    expect(messageFor('SQLITE_FULL')).toMatch(/disk is full\. Free some space/)
    expect(messageFor('SQLITE_CORRUPT_INDEX')).toMatch(/damaged\. Restore the latest backup/)
    expect(messageFor('SQLITE_BUSY')).toMatch(/another program is using the database file/)
    expect(messageFor('SQLITE_IOERR_WRITE')).toMatch(/could not be written/)
    expect(messageFor('SQLITE_CONSTRAINT_CHECK')).toMatch(/a fault in this version of the app, not in your data/)
    for (const code of ['SQLITE_FULL', 'SQLITE_CORRUPT_INDEX', 'SQLITE_BUSY', 'SQLITE_IOERR_WRITE']) {
      expect(messageFor(code)).not.toMatch(/raw|SQLITE_/)
      expect(messageFor(code)).toMatch(/Nothing was changed; the file is still at version \d+\.$/)
    }
  })
})
