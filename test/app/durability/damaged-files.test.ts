/**
 * A corpus of files the app must refuse, built at test time: its own database damaged in several ways, files that
 * are not databases at all, and databases that are not its own or come from a newer version. For every one,
 * `openDatabase` must throw a DatabaseOpenError with a reason and a message meant for a person, and must leave the
 * file byte for byte as it was, together with any -wal or -journal file beside it. Opening may leave an empty -wal
 * and a -shm beside a WAL-mode file (SQLite's shared-memory index, which it needs even to read such a file); it must
 * never put content into a -wal, checkpoint a -wal into the file, or delete a -wal that holds content.
 */
import { copyFileSync, existsSync, readFileSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import Sqlite from 'better-sqlite3-multiple-ciphers'
import { beforeAll, afterAll, describe, expect, it } from 'vitest'
import { DatabaseOpenError, openDatabase, type DatabaseOpenFailure } from '../../../electron/app/db'
import { APPLICATION_ID, LATEST_SCHEMA_VERSION } from '../../../electron/app/db/migrations'
import { fingerprint, prng, randomBytes, sha256, tempDir } from './support'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'

const MESSAGES: Record<DatabaseOpenFailure, RegExp> = {
  not_a_database: /not a database/i,
  cannot_decrypt: /could not be opened with its key/i,
  damaged: /damaged/i,
  not_this_app: /not one of this app's/i,
  interrupted: /in the middle of changing it/i,
  is_folder: /folder named/i,
  emptied: /empty/i,
  newer_version: /newer version of the app.*Update the app/i,
  sqlite_too_old: /too old/i,
  settings_not_applied: /refused a required setting/i,
  migration_failed: /Could not update the database/i,
  busy: /Another program is using/i,
}

// ---------------------------------------------------------------------------------------------------------------
// A valid database of this app, with enough rows to span many pages, made once for the whole file.

let baseDir: string
let validFile: string
let pageSize: number
let pageCount: number
/** Root pages of the app's b-trees, to aim damage at pages that are certainly in use. */
let rootPages: Record<string, number>

const COACHES = 400

function insertCoaches(sqlite: Sqlite.Database, from: number, count: number) {
  const coach = sqlite.prepare(`
    INSERT INTO coaches (id, legal_name, sort_name, start_date, status, employment, title, supervision_cadence_days,
      career_stage, created_at, updated_at, assigned_supervisor)
    VALUES (?, ?, ?, '2025-01-01', 'active', 'volunteer', 'ally', 14, 'training', '2026-01-01T00:00:00.000Z',
      '2026-01-01T00:00:00.000Z', ?)`)
  const status = sqlite.prepare(
    "INSERT INTO coach_status_changes (coach_id, status, effective_on, note, recorded_at) VALUES (?, 'active', '2025-01-01', ?, '2026-01-01T00:00:00.000Z')",
  )
  sqlite.transaction(() => {
    for (let id = from; id < from + count; id++) {
      coach.run(id, `Coach Number ${id}`, `coach number ${id}`, `Supervisor ${'s'.repeat(id % 120)}`)
      status.run(id, `Started as coach ${id}`)
    }
  })()
}

beforeAll(async () => {
  baseDir = mkdtempSync(join(tmpdir(), 'casebook-damaged-base-'))
  validFile = join(baseDir, 'valid.sqlite')
  const opened = openDatabase(validFile)
  insertCoaches(opened.sqlite, 1, COACHES)
  opened.sqlite.prepare("UPDATE office_settings SET office_name = 'Damage Test Office'").run()
  await opened.close() // checkpoints and removes the WAL: one self-contained file (still WAL mode in its header)
  expect(existsSync(`${validFile}-wal`)).toBe(false)

  const look = new Sqlite(validFile, { readonly: true })
  pageSize = look.pragma('page_size', { simple: true }) as number
  pageCount = look.pragma('page_count', { simple: true }) as number
  rootPages = Object.fromEntries(
    (
      look.prepare('SELECT name, rootpage FROM sqlite_schema WHERE rootpage > 0').all() as {
        name: string
        rootpage: number
      }[]
    ).map((r) => [r.name, r.rootpage]),
  )
  look.close()
  expect(pageCount).toBeGreaterThan(30)
})

afterAll(() => rmSync(baseDir, { recursive: true, force: true }))

/** A copy of the valid database, in a fresh folder, as bytes to damage. */
function validCopy(): { file: string; bytes: Buffer } {
  const file = join(tempDir(), 'casebook.sqlite')
  copyFileSync(validFile, file)
  return { file, bytes: readFileSync(file) }
}

const pageOffset = (page: number) => (page - 1) * pageSize

// ---------------------------------------------------------------------------------------------------------------
// The check every refusal goes through.

function expectRefused(file: string, reason: DatabaseOpenFailure, key?: Buffer): DatabaseOpenError {
  const before = fingerprint(file)
  const sizeBefore = statSync(file).size
  let failure: unknown
  try {
    const opened = openDatabase(file, key ? { key } : {})
    void opened.close()
  } catch (error) {
    failure = error
  }
  expect(failure, `openDatabase accepted ${file}`).toBeInstanceOf(DatabaseOpenError)
  const error = failure as DatabaseOpenError
  expect(error.reason, error.message).toBe(reason)
  expect(error.message).toMatch(MESSAGES[reason])
  // Written for a person: a sentence, not an SQLite code.
  expect(error.message).not.toMatch(/SQLITE_/)
  expect(error.message.length).toBeGreaterThan(20)

  const after = fingerprint(file)
  expect(statSync(file).size).toBe(sizeBefore)
  expect(after.main, 'the file itself was changed').toBe(before.main)
  expect(after['-journal'], 'a -journal was created, changed or removed').toBe(before['-journal'])
  if (before['-wal'] !== null) {
    expect(after['-wal'], 'a -wal with content was changed or removed (checkpointed into the file?)').toBe(
      before['-wal'],
    )
  } else if (after['-wal'] !== null) {
    expect(statSync(`${file}-wal`).size, 'a new -wal received content').toBe(0)
  }
  return error
}

// ---------------------------------------------------------------------------------------------------------------

describe('the valid database the corpus is made from', () => {
  it('opens, passes integrity_check and holds its rows (so every refusal below is due to the damage)', async () => {
    const { file } = validCopy()
    const opened = openDatabase(file)
    expect(opened.sqlite.pragma('integrity_check', { simple: true })).toBe('ok')
    expect(opened.sqlite.prepare('SELECT count(*) FROM coaches').pluck().get()).toBe(COACHES)
    await opened.close()
  })
})

describe("this app's database, damaged", () => {
  it('truncated to half its pages -> damaged', () => {
    const { file } = validCopy()
    truncateSync(file, pageOffset(Math.floor(pageCount / 2) + 1))
    expectRefused(file, 'damaged')
  })

  it('truncated in the middle of a page -> damaged', () => {
    const { file } = validCopy()
    truncateSync(file, pageOffset(Math.floor(pageCount / 2)) + 1234)
    expectRefused(file, 'damaged')
  })

  it('truncated to its first page -> damaged', () => {
    const { file } = validCopy()
    truncateSync(file, pageSize)
    expectRefused(file, 'damaged')
  })

  it('truncated inside the 100-byte header (the "SQLite format 3" magic still there) -> damaged', () => {
    const { file } = validCopy()
    truncateSync(file, 60)
    expectRefused(file, 'damaged')
  })

  it('with some pages zero-filled -> damaged', () => {
    const { file, bytes } = validCopy()
    for (const page of [rootPages['coaches']!, rootPages['coaches_by_name']!, pageCount - 3, pageCount - 2]) {
      bytes.fill(0, pageOffset(page), pageOffset(page + 1))
    }
    writeFileSync(file, bytes)
    expectRefused(file, 'damaged')
  })

  it('with its first page (header and schema) zero-filled -> not_a_database', () => {
    const { file, bytes } = validCopy()
    bytes.fill(0, 0, pageSize)
    writeFileSync(file, bytes)
    expectRefused(file, 'not_a_database')
  })

  it('with random bytes over a run of pages -> damaged', () => {
    const { file, bytes } = validCopy()
    const random = prng(20261122)
    const from = pageOffset(Math.floor(pageCount / 3))
    randomBytes(random, 5 * pageSize).copy(bytes, from)
    writeFileSync(file, bytes)
    expectRefused(file, 'damaged')
  })

  it('with random bytes over the schema table (page 1 after the header) -> damaged', () => {
    const { file, bytes } = validCopy()
    randomBytes(prng(7), pageSize - 100).copy(bytes, 100)
    writeFileSync(file, bytes)
    expectRefused(file, 'damaged')
  })

  it('with random bytes over the header magic -> not_a_database', () => {
    const { file, bytes } = validCopy()
    randomBytes(prng(99), 16).copy(bytes, 0)
    writeFileSync(file, bytes)
    expectRefused(file, 'not_a_database')
  })

  it('damaged in the file while its -wal still holds committed changes -> damaged, and the -wal is not checkpointed', () => {
    const dir = tempDir()
    const file = join(dir, 'casebook.sqlite')
    copyFileSync(validFile, file)
    // A crash: the app committed more coaches to the WAL and stopped before any checkpoint.
    const writer = openDatabase(join(dir, 'casebook.sqlite'))
    writer.sqlite.pragma('wal_autocheckpoint = 0')
    insertCoaches(writer.sqlite, COACHES + 1, 50)
    const crashed = join(tempDir(), 'casebook.sqlite')
    copyFileSync(file, crashed)
    copyFileSync(`${file}-wal`, `${crashed}-wal`)
    void writer.close()
    expect(statSync(`${crashed}-wal`).size).toBeGreaterThan(pageSize)

    const bytes = readFileSync(crashed)
    bytes.fill(
      0,
      pageOffset(rootPages['coach_status_changes_by_coach']!),
      pageOffset(rootPages['coach_status_changes_by_coach']! + 1),
    )
    writeFileSync(crashed, bytes)
    expectRefused(crashed, 'damaged')
  })
})

describe('files that are not databases', () => {
  it('a wholly random file -> not_a_database', () => {
    const file = join(tempDir(), 'casebook.sqlite')
    writeFileSync(file, randomBytes(prng(1), 64 * 1024))
    expectRefused(file, 'not_a_database')
  })

  it('a text file -> not_a_database', () => {
    const file = join(tempDir(), 'casebook.sqlite')
    writeFileSync(file, 'Name,Phone\nJordan,555-0100\n'.repeat(500))
    expectRefused(file, 'not_a_database')
  })

  it('a short text file, smaller than a database header -> not_a_database', () => {
    const file = join(tempDir(), 'casebook.sqlite')
    writeFileSync(file, 'hello\n')
    expectRefused(file, 'not_a_database')
  })

  it('a file that starts like SQLite but is not -> not_a_database', () => {
    const file = join(tempDir(), 'casebook.sqlite')
    writeFileSync(file, Buffer.concat([Buffer.from('SQLite format 3\0'), randomBytes(prng(3), 8192)]))
    expectRefused(file, 'not_a_database')
  })

  /**
   * Decision: a zero-byte file is a new, empty database. SQLite itself treats it so, a 0-byte file holds no data to
   * protect, and the likeliest way to get one is creating the file and stopping before the first write (a crash
   * during the very first start). The app initialises it as if it were absent.
   */
  it('an empty (zero-byte) file is not refused: it is initialised as a new database', async () => {
    const file = join(tempDir(), 'casebook.sqlite')
    writeFileSync(file, '')
    const opened = openDatabase(file)
    expect(opened.schemaVersion).toBe(LATEST_SCHEMA_VERSION)
    expect(opened.sqlite.pragma('application_id', { simple: true })).toBe(APPLICATION_ID)
    expect(opened.sqlite.pragma('integrity_check', { simple: true })).toBe('ok')
    await opened.close()
  })
})

describe("databases that are not this app's, or are too new", () => {
  it('a database of another app (another application_id) -> not_this_app', () => {
    const file = join(tempDir(), 'casebook.sqlite')
    const other = new Sqlite(file)
    other.pragma('application_id = 1179795789') // "FOSM"
    other.exec("CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES ('keep me')")
    other.close()
    const error = expectRefused(file, 'not_this_app')
    expect(error.message).toMatch(/database/)
  })

  it('a plain SQLite database with tables and no application id -> not_this_app', () => {
    const file = join(tempDir(), 'casebook.sqlite')
    const other = new Sqlite(file)
    other.exec("CREATE TABLE coaches (name TEXT); INSERT INTO coaches VALUES ('a table named like ours')")
    other.close()
    expect(readFileSync(file).readUInt32BE(68)).toBe(0)
    expectRefused(file, 'not_this_app')
  })

  it("another app's WAL-mode database with committed changes still in its -wal -> not_this_app, -wal untouched", () => {
    const dir = tempDir()
    const file = join(dir, 'live.sqlite')
    const other = new Sqlite(file)
    other.pragma('journal_mode = WAL')
    other.pragma('wal_autocheckpoint = 0')
    other.pragma('application_id = 1179795789')
    other.exec("CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES ('in the file')")
    other.pragma('wal_checkpoint(TRUNCATE)')
    other.exec("INSERT INTO notes VALUES ('only in the wal')")
    const crashed = join(dir, 'casebook.sqlite')
    copyFileSync(file, crashed)
    copyFileSync(`${file}-wal`, `${crashed}-wal`)
    other.close()

    expectRefused(crashed, 'not_this_app')
    // The other app's data is all still there, the WAL part included.
    const look = new Sqlite(crashed, { readonly: true })
    expect(look.prepare('SELECT body FROM notes ORDER BY rowid').pluck().all()).toEqual([
      'in the file',
      'only in the wal',
    ])
    look.close()
  })

  it("another app's database with a hot rollback journal (its program crashed mid-write) -> not_this_app, named as another program's, journal not rolled back", () => {
    const dir = tempDir()
    const file = join(dir, 'live.sqlite')
    const other = new Sqlite(file)
    other.pragma('application_id = 1179795789')
    other.pragma('cache_size = 1') // spill to the file before commit, so the journal is needed
    other.exec('CREATE TABLE notes (body TEXT)')
    other.exec('BEGIN')
    const insert = other.prepare('INSERT INTO notes VALUES (?)')
    for (let i = 0; i < 1000; i++) insert.run('x'.repeat(200))
    const crashed = join(dir, 'casebook.sqlite')
    copyFileSync(file, crashed)
    copyFileSync(`${file}-journal`, `${crashed}-journal`)
    other.exec('ROLLBACK')
    other.close()

    const error = expectRefused(crashed, 'not_this_app')
    expect(error.message).toMatch(/another program's database/)
    expect(error.message).toMatch(/in the middle of changing it/)
  })

  it('a database of this app from a newer version -> newer_version', async () => {
    const { file } = validCopy()
    const bump = new Sqlite(file)
    bump.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 1}`)
    bump.close()
    expect(readFileSync(file).readUInt32BE(60)).toBe(LATEST_SCHEMA_VERSION + 1)
    const error = expectRefused(file, 'newer_version')
    expect(error.message).toContain(`schema ${LATEST_SCHEMA_VERSION + 1}`)
  })

  it('a newer version whose version bump is still only in the -wal -> newer_version, -wal not checkpointed', () => {
    const dir = tempDir()
    const file = join(dir, 'casebook.sqlite')
    copyFileSync(validFile, file)
    const newer = new Sqlite(file)
    newer.pragma('wal_autocheckpoint = 0')
    newer.exec('BEGIN')
    newer.exec('CREATE TABLE from_the_future (x INTEGER)')
    newer.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 1}`)
    newer.exec('COMMIT')
    const crashed = join(tempDir(), 'casebook.sqlite')
    copyFileSync(file, crashed)
    copyFileSync(`${file}-wal`, `${crashed}-wal`)
    newer.close()
    expect(readFileSync(crashed).readUInt32BE(60)).toBe(LATEST_SCHEMA_VERSION) // the file's header is still old

    expectRefused(crashed, 'newer_version')
    expect(sha256(crashed)).toBe(sha256(validFile))
  })
})

/**
 * The app's real files are encrypted (from schema 2 on). The same damage, seen through the cipher: a wrong key or a
 * damaged first page cannot be told apart from outside (cannot_decrypt), damage further in is `damaged`; in every
 * case the file and its -wal are left as they were. A read-write connection with a wrong key would, on close,
 * checkpoint the -wal into the file through the wrong key.
 */
describe("this app's encrypted database", () => {
  const KEY = Buffer.from('6b'.repeat(32), 'hex')
  const WRONG_KEY = Buffer.from('6c'.repeat(32), 'hex')
  let encryptedFile: string
  let encryptedPageCount: number

  beforeAll(async () => {
    encryptedFile = join(baseDir, 'encrypted.sqlite')
    const opened = openDatabase(encryptedFile, { key: KEY })
    insertCoaches(opened.sqlite, 1, COACHES)
    encryptedPageCount = opened.sqlite.pragma('page_count', { simple: true }) as number
    await opened.close()
    expect(readFileSync(encryptedFile).subarray(0, 15).toString('latin1')).not.toBe('SQLite format 3')
  })

  function encryptedCopy(): { file: string; bytes: Buffer } {
    const file = join(tempDir(), 'casebook.sqlite')
    copyFileSync(encryptedFile, file)
    return { file, bytes: readFileSync(file) }
  }

  /** The encrypted database right after a crash: committed changes in its -wal, not yet checkpointed. */
  function crashedEncryptedCopy(): string {
    const { file } = encryptedCopy()
    const writer = openDatabase(file, { key: KEY })
    writer.sqlite.pragma('wal_autocheckpoint = 0')
    insertCoaches(writer.sqlite, COACHES + 1, 50)
    const crashed = join(tempDir(), 'casebook.sqlite')
    copyFileSync(file, crashed)
    copyFileSync(`${file}-wal`, `${crashed}-wal`)
    void writer.close()
    expect(statSync(`${crashed}-wal`).size).toBeGreaterThan(pageSize)
    return crashed
  }

  it('opens with its key and passes integrity_check (the corpus baseline)', async () => {
    const { file } = encryptedCopy()
    const opened = openDatabase(file, { key: KEY })
    expect(opened.sqlite.pragma('integrity_check', { simple: true })).toBe('ok')
    expect(opened.sqlite.prepare('SELECT count(*) FROM coaches').pluck().get()).toBe(COACHES)
    await opened.close()
  })

  it('with a wrong key -> cannot_decrypt', () => {
    expectRefused(encryptedCopy().file, 'cannot_decrypt', WRONG_KEY)
  })

  it('without a key -> not_a_database', () => {
    expectRefused(encryptedCopy().file, 'not_a_database')
  })

  it('with a wrong key right after a crash -> cannot_decrypt, and the -wal is not checkpointed through the wrong key', async () => {
    const crashed = crashedEncryptedCopy()
    expectRefused(crashed, 'cannot_decrypt', WRONG_KEY)
    // Everything committed before the crash is still readable with the right key.
    const opened = openDatabase(crashed, { key: KEY })
    expect(opened.sqlite.prepare('SELECT count(*) FROM coaches').pluck().get()).toBe(COACHES + 50)
    expect(opened.sqlite.pragma('integrity_check', { simple: true })).toBe('ok')
    await opened.close()
  })

  it('truncated to half its pages -> damaged', () => {
    const { file } = encryptedCopy()
    truncateSync(file, pageOffset(Math.floor(encryptedPageCount / 2) + 1))
    expectRefused(file, 'damaged', KEY)
  })

  it('truncated in the middle of a page -> damaged', () => {
    const { file } = encryptedCopy()
    truncateSync(file, pageOffset(Math.floor(encryptedPageCount / 2)) + 777)
    expectRefused(file, 'damaged', KEY)
  })

  it('with pages zero-filled -> damaged', () => {
    const { file, bytes } = encryptedCopy()
    for (const page of [3, 4, encryptedPageCount - 1]) bytes.fill(0, pageOffset(page), pageOffset(page + 1))
    writeFileSync(file, bytes)
    expectRefused(file, 'damaged', KEY)
  })

  it("with one byte flipped in a page (the cipher's authentication catches it) -> damaged", () => {
    const { file, bytes } = encryptedCopy()
    const at = pageOffset(Math.floor(encryptedPageCount / 2)) + 100
    bytes[at] = bytes[at]! ^ 0x01
    writeFileSync(file, bytes)
    expectRefused(file, 'damaged', KEY)
  })

  it('with random bytes over its first page -> cannot_decrypt', () => {
    const { file, bytes } = encryptedCopy()
    randomBytes(prng(11), pageSize).copy(bytes, 0)
    writeFileSync(file, bytes)
    expectRefused(file, 'cannot_decrypt', KEY)
  })

  it('damaged while its -wal holds committed changes -> damaged, -wal untouched', () => {
    const crashed = crashedEncryptedCopy()
    const bytes = readFileSync(crashed)
    bytes.fill(0, pageOffset(2), pageOffset(4))
    writeFileSync(crashed, bytes)
    expectRefused(crashed, 'damaged', KEY)
  })
})
