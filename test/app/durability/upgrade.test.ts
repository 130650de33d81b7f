/**
 * Upgrades from every schema version the app has ever had. For each version N from 1 to LATEST_SCHEMA_VERSION there
 * must be a committed fixture, test/fixtures/db/vN.sqlite, written by test/fixtures/make-fixtures.ts together with
 * vN.expected.json (every row it holds) and, for encrypted fixtures, vN.key.txt (the test key in hex). A migration
 * that lands without its fixture fails here, saying how to make one.
 *
 * Each fixture is copied to a temp folder (the committed file is never opened for writing), opened with today's
 * `openDatabase`, brought to the latest schema, and checked: every recorded row is still there with the same values
 * (later migrations may add columns, not change or drop rows), the file is sound, and it opens again.
 */
import { copyFileSync, existsSync, readdirSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import Sqlite from 'better-sqlite3-multiple-ciphers'
import { describe, expect, it } from 'vitest'
import { openDatabase } from '../../../electron/app/db/open'
import { APPLICATION_ID, LATEST_SCHEMA_VERSION } from '../../../electron/app/db/migrations'
import type { ExpectedRows } from '../../fixtures/make-fixtures'
import { sha256, tempDir } from './support'

const FIXTURE_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'fixtures', 'db')
const VERSIONS = Array.from({ length: LATEST_SCHEMA_VERSION }, (_, i) => i + 1)

interface FixtureFiles {
  file: string
  expected: ExpectedRows
  key?: Buffer
}

/** The committed fixture of schema `version`, with its recorded rows and key; fails clearly if any part is missing. */
function fixtureOf(version: number): FixtureFiles {
  const file = join(FIXTURE_DIR, `v${version}.sqlite`)
  const expectedFile = join(FIXTURE_DIR, `v${version}.expected.json`)
  const keyFile = join(FIXTURE_DIR, `v${version}.key.txt`)
  const howTo =
    `Schema version ${version} has no complete fixture. Add a maker for v${version}.sqlite to test/fixtures/make-fixtures.ts, ` +
    `run "npx tsx test/fixtures/make-fixtures.ts", and commit test/fixtures/db/v${version}.*`
  if (!existsSync(file)) throw new Error(`${howTo} (missing: ${file})`)
  if (!existsSync(expectedFile)) throw new Error(`${howTo} (missing: ${expectedFile})`)
  const expected = JSON.parse(readFileSync(expectedFile, 'utf8')) as ExpectedRows
  const key = existsSync(keyFile) ? Buffer.from(readFileSync(keyFile, 'utf8').trim(), 'hex') : undefined
  if (key && key.length !== 32) throw new Error(`${keyFile} must hold a 32-byte key in hex`)
  return { file, expected, key }
}

/** A copy of the fixture in a temp folder, named as the app names its database. */
function copyOf(fixture: FixtureFiles): string {
  const copy = join(tempDir(), 'casebook.sqlite')
  copyFileSync(fixture.file, copy)
  return copy
}

describe('upgrade fixtures', () => {
  it('exist for every schema version from 1 to the latest, and for no version the code does not know', () => {
    // Throws, saying what to do, for the first version without its fixture.
    for (const version of VERSIONS) fixtureOf(version)
    const versions = readdirSync(FIXTURE_DIR)
      .map((name) => /^v(\d+)\.sqlite$/.exec(name)?.[1])
      .filter((v): v is string => v !== undefined)
      .map(Number)
      .sort((a, b) => a - b)
    expect(versions).toEqual(VERSIONS)
  })
})

describe.each(VERSIONS)('a database from schema version %i', (version) => {
  it('is what its expected rows say: this app, that version, those rows (read without upgrading)', () => {
    const fixture = fixtureOf(version)
    expect(sha256(fixture.file), `v${version}.sqlite and v${version}.expected.json do not belong together`).toBe(
      fixture.expected.sha256,
    )
    expect(fixture.expected.schemaVersion).toBe(version)
    expect(fixture.expected.applicationId).toBe(APPLICATION_ID)
    expect(fixture.expected.encrypted).toBe(fixture.key !== undefined)

    const look = new Sqlite(copyOf(fixture), { readonly: true, fileMustExist: true })
    try {
      if (fixture.key) look.pragma(`key = "x'${fixture.key.toString('hex')}'"`)
      expect(look.pragma('user_version', { simple: true })).toBe(version)
      const coaches = look.prepare('SELECT count(*) FROM coaches').pluck().get() as number
      expect(coaches).toBe(fixture.expected.tables['coaches']!.length)
      expect(coaches).toBeGreaterThan(0)
    } finally {
      look.close()
    }
  })

  it('opens with the latest code, reaches the latest schema and keeps every row it had', async () => {
    const fixture = fixtureOf(version)
    const copy = copyOf(fixture)
    const opened = openDatabase(copy, fixture.key ? { key: fixture.key } : {})
    try {
      const { sqlite } = opened
      expect(opened.schemaVersion).toBe(LATEST_SCHEMA_VERSION)
      expect(sqlite.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION)
      expect(sqlite.pragma('application_id', { simple: true })).toBe(APPLICATION_ID)
      expect(sqlite.pragma('integrity_check', { simple: true })).toBe('ok')
      expect(sqlite.pragma('foreign_key_check')).toEqual([])

      const tables = Object.entries(fixture.expected.tables)
      expect(tables.length).toBeGreaterThan(0)
      for (const [table, rows] of tables) {
        const exists = sqlite
          .prepare("SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = ?")
          .pluck()
          .get(table)
        expect(exists, `table ${table} of schema ${version} is gone after the upgrade`).toBe(1)
        const now = sqlite.prepare(`SELECT * FROM "${table}" ORDER BY rowid`).all() as Record<string, unknown>[]
        expect(now.length, `rows of ${table}`).toBe(rows.length)
        // Same rows, same values; columns added by later migrations are allowed.
        rows.forEach((row, i) => expect(now[i], `${table} row ${i + 1}`).toMatchObject(row))
      }
    } finally {
      await opened.close()
    }

    // Opens again as a database of the latest version, unchanged by the second opening.
    const again = openDatabase(copy, fixture.key ? { key: fixture.key } : {})
    try {
      expect(again.schemaVersion).toBe(LATEST_SCHEMA_VERSION)
      expect(again.sqlite.prepare('SELECT count(*) FROM coaches').pluck().get()).toBe(
        fixture.expected.tables['coaches']!.length,
      )
    } finally {
      await again.close()
    }

    // The committed fixture was only ever copied.
    expect(sha256(fixture.file)).toBe(fixture.expected.sha256)
  })

  it('refuses to open without its key when it is encrypted, and leaves it as it was', () => {
    const fixture = fixtureOf(version)
    const copy = copyOf(fixture)
    if (!fixture.key) {
      // Unencrypted fixtures (from before encryption): the check is that they carry no key file by mistake.
      expect(existsSync(join(FIXTURE_DIR, `v${version}.key.txt`))).toBe(false)
      expect(readFileSync(copy).subarray(0, 16).toString('latin1')).toBe('SQLite format 3\0')
      return
    }
    expect(() => openDatabase(copy)).toThrow(/not a database/)
    expect(() => openDatabase(copy, { key: Buffer.alloc(32, 1) })).toThrow(/could not be opened with its key/)
    expect(sha256(copy)).toBe(fixture.expected.sha256)
  })
})
