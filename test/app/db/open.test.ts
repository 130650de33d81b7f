import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import Sqlite from 'better-sqlite3-multiple-ciphers'
import { describe, expect, it } from 'vitest'
import {
  BUSY_TIMEOUT_MS,
  compareVersions,
  DatabaseOpenError,
  MINIMUM_SQLITE_VERSION,
  openDatabase,
  type OpenedDatabase,
} from '../../../electron/app/db'
import { APPLICATION_ID, LATEST_SCHEMA_VERSION } from '../../../electron/app/db/migrations'
import { onCleanup, tempDir } from '../helpers'

function open(file: string): OpenedDatabase {
  const opened = openDatabase(file)
  onCleanup(() => opened.close())
  return opened
}

/** Runs `openDatabase` expecting it to refuse the file; answers the error. */
function refusal(file: string): DatabaseOpenError {
  try {
    const opened = openDatabase(file)
    void opened.close()
  } catch (error) {
    expect(error).toBeInstanceOf(DatabaseOpenError)
    return error as DatabaseOpenError
  }
  throw new Error(`openDatabase accepted ${file}`)
}

/** A plain better-sqlite3 connection for arranging files by hand, closed after the test. */
function raw(file: string, options?: Sqlite.Options): Sqlite.Database {
  const sqlite = new Sqlite(file, options)
  onCleanup(() => sqlite.open && sqlite.close())
  return sqlite
}

describe('openDatabase on a new file', () => {
  it('sets and verifies WAL, synchronous FULL, foreign keys and the busy timeout', () => {
    const { sqlite } = open(join(tempDir(), 'new.sqlite'))
    expect(sqlite.pragma('journal_mode', { simple: true })).toBe('wal')
    expect(sqlite.pragma('synchronous', { simple: true })).toBe(2)
    expect(sqlite.pragma('foreign_keys', { simple: true })).toBe(1)
    expect(sqlite.pragma('busy_timeout', { simple: true })).toBe(5000)
    expect(BUSY_TIMEOUT_MS).toBe(5000)
  })

  it('enforces foreign keys for real', () => {
    const { sqlite } = open(join(tempDir(), 'new.sqlite'))
    expect(() =>
      sqlite
        .prepare(
          "INSERT INTO coach_status_changes (coach_id, status, effective_on, recorded_at) VALUES (999, 'active', '2026-01-01', '2026-01-01T00:00:00.000Z')",
        )
        .run(),
    ).toThrow(/FOREIGN KEY/)
  })

  it('passes quick_check', () => {
    const { sqlite } = open(join(tempDir(), 'new.sqlite'))
    expect(sqlite.pragma('quick_check', { simple: true })).toBe('ok')
  })

  it('stamps the latest schema version and the application id', () => {
    const file = join(tempDir(), 'new.sqlite')
    const opened = open(file)
    expect(opened.schemaVersion).toBe(LATEST_SCHEMA_VERSION)
    expect(opened.sqlite.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION)
    expect(opened.sqlite.pragma('application_id', { simple: true })).toBe(APPLICATION_ID)
    const tables = opened.sqlite
      .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name")
      .pluck()
      .all()
    expect(tables).toEqual([
      'accounts',
      'action_items',
      'action_items_fts',
      'action_items_fts_config',
      'action_items_fts_data',
      'action_items_fts_docsize',
      'action_items_fts_idx',
      'assessment_quarter_latest',
      'assessment_quarters_by_coach',
      'assessments',
      'audit_events',
      'coach_stage_changes',
      'coach_status_changes',
      'coaches',
      'contract_coverage',
      'contract_team',
      'contracts',
      'development_goals',
      'dispatches',
      'ladder_steps',
      'office_settings',
      'partner_contacts',
      'partners',
      'requirement_sets',
      'requirements',
      'resource_checks',
      'resource_connections',
      'resource_domains',
      'resource_hours',
      'resource_languages',
      'resource_pathway_links',
      'resource_pathways',
      'resource_tips',
      'resource_versions',
      'resources',
      'resources_fts',
      'resources_fts_config',
      'resources_fts_content',
      'resources_fts_data',
      'resources_fts_docsize',
      'resources_fts_idx',
      'session_addenda',
      'session_assessments',
      'session_barriers',
      'session_coaches',
      'session_notes_fts',
      'session_notes_fts_config',
      'session_notes_fts_data',
      'session_notes_fts_docsize',
      'session_notes_fts_idx',
      'supervision_sessions',
      'training_attendances',
      'trainings',
    ])
  })

  it('treats an empty (zero-byte) file as new', () => {
    const file = join(tempDir(), 'empty.sqlite')
    writeFileSync(file, '')
    expect(open(file).schemaVersion).toBe(LATEST_SCHEMA_VERSION)
  })

  it('opens its own file again without changing its version or its rows', async () => {
    const file = join(tempDir(), 'again.sqlite')
    const first = openDatabase(file)
    first.sqlite.prepare("UPDATE office_settings SET office_name = 'Kept'").run()
    await first.close()
    const second = open(file)
    expect(second.schemaVersion).toBe(LATEST_SCHEMA_VERSION)
    expect(second.sqlite.prepare('SELECT office_name FROM office_settings').pluck().get()).toBe('Kept')
    expect(second.sqlite.prepare('SELECT count(*) FROM office_settings').pluck().get()).toBe(1)
  })

  it('close() releases the file even when no query went through Kysely', async () => {
    const file = join(tempDir(), 'closed.sqlite')
    const opened = openDatabase(file)
    expect(existsSync(`${file}-wal`)).toBe(true)
    await opened.close()
    expect(opened.sqlite.open).toBe(false)
    // The last connection to close checkpoints and removes the WAL; a leaked handle would leave it behind.
    expect(existsSync(`${file}-wal`)).toBe(false)
    await opened.close() // twice is harmless
  })

  it('runs on a SQLite at least as new as the minimum', () => {
    const { sqlite } = open(join(tempDir(), 'new.sqlite'))
    const version = sqlite.prepare('SELECT sqlite_version()').pluck().get() as string
    expect(compareVersions(version, MINIMUM_SQLITE_VERSION)).toBeGreaterThanOrEqual(0)
  })
})

describe('openDatabase refuses files it must not touch, and leaves them byte for byte', () => {
  it('a plain text file -> not_a_database', () => {
    const file = join(tempDir(), 'notes.sqlite')
    writeFileSync(file, 'Shopping list: milk, eggs, bread.\n'.repeat(200))
    const before = readFileSync(file)
    const error = refusal(file)
    expect(error.reason).toBe('not_a_database')
    expect(error.message).toMatch(/not a database/)
    expect(readFileSync(file).equals(before)).toBe(true)
  })

  it("another app's SQLite database -> not_this_app", () => {
    const file = join(tempDir(), 'other.sqlite')
    const other = raw(file)
    other.exec("CREATE TABLE recipes (name TEXT); INSERT INTO recipes VALUES ('soup')")
    other.close()
    const before = readFileSync(file)
    expect(before.readUInt32BE(68)).toBe(0) // application_id in the header

    const error = refusal(file)
    expect(error.reason).toBe('not_this_app')
    expect(readFileSync(file).equals(before)).toBe(true)
    const check = raw(file, { readonly: true })
    expect(check.prepare('SELECT name FROM recipes').pluck().all()).toEqual(['soup'])
    expect(check.pragma('user_version', { simple: true })).toBe(0)
  })

  it('a database of this app from a newer version -> newer_version', async () => {
    const file = join(tempDir(), 'newer.sqlite')
    await openDatabase(file).close()
    const bump = raw(file)
    bump.pragma('journal_mode = DELETE')
    bump.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 1}`)
    bump.close()
    const before = readFileSync(file)
    expect(before.readUInt32BE(60)).toBe(LATEST_SCHEMA_VERSION + 1) // user_version in the header
    expect(before.readUInt32BE(68)).toBe(APPLICATION_ID)

    const error = refusal(file)
    expect(error.reason).toBe('newer_version')
    expect(error.message).toContain(`schema ${LATEST_SCHEMA_VERSION + 1}`)
    expect(readFileSync(file).equals(before)).toBe(true)
  })

  it('a file with damaged pages -> damaged', async () => {
    const file = join(tempDir(), 'damaged.sqlite')
    const opened = openDatabase(file)
    const insert = opened.sqlite.prepare(
      "INSERT INTO coaches (legal_name, sort_name, start_date, status, employment, title, supervision_cadence_days, career_stage, created_at, updated_at) VALUES (?, ?, '2025-01-01', 'active', 'volunteer', 'ally', 7, 'training', 'x', 'x')",
    )
    opened.sqlite.transaction(() => {
      for (let i = 0; i < 500; i++) insert.run(`Coach number ${i}`, `coach number ${i}`)
    })()
    opened.sqlite.pragma('journal_mode = DELETE')
    await opened.close()

    // Scribble over the index pages of coaches_by_name: the file still opens, but its structure is broken.
    const bytes = readFileSync(file)
    const pageSize = bytes.readUInt16BE(16)
    const check = raw(file, { readonly: true })
    const rootPage = check
      .prepare("SELECT rootpage FROM sqlite_schema WHERE name = 'coaches_by_name'")
      .pluck()
      .get() as number
    check.close()
    bytes.fill(0x5a, (rootPage - 1) * pageSize, rootPage * pageSize)
    writeFileSync(file, bytes)

    const error = refusal(file)
    expect(error.reason).toBe('damaged')
    expect(readFileSync(file).equals(bytes)).toBe(true)
  })
})

describe('compareVersions', () => {
  it.each([
    ['3.51.3', '3.51.3', 0],
    ['3.51.4', '3.51.3', 1],
    ['3.51.2', '3.51.3', -1],
    ['3.51.10', '3.51.9', 1], // numeric, not alphabetical
    ['3.9.0', '3.10.0', -1],
    ['3.51', '3.51.0', 0], // a missing part counts as 0
    ['3.52', '3.51.3', 1],
    ['4.0.0', '3.99.99', 1],
  ])('compareVersions(%s, %s) = %i', (a, b, expected) => {
    expect(compareVersions(a, b)).toBe(expected)
    expect(compareVersions(b, a)).toBe(-expected || 0)
  })
})

describe('prepared statements', () => {
  it('are prepared once per distinct SQL and reused, with each call bound to its own parameters', async () => {
    const opened = openDatabase(join(tempDir(), 'cache.sqlite'))
    try {
      const real = opened.sqlite.prepare.bind(opened.sqlite)
      const prepared: string[] = []
      ;(opened.sqlite as unknown as { prepare: unknown }).prepare = (source: string) => (
        prepared.push(source),
        real(source)
      )
      const name = (id: number) =>
        opened.db.selectFrom('office_settings').select('office_name').where('id', '=', id).executeTakeFirst()
      expect(await name(1)).toEqual({ office_name: '' })
      expect(await name(2)).toBeUndefined()
      expect(await name(1)).toEqual({ office_name: '' })
      expect(prepared).toHaveLength(1)
    } finally {
      await opened.close()
    }
  })
})
