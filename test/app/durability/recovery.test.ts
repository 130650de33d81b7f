/**
 * What a crash leaves beside the app's own files, and what the app does with it: a stray hot -journal is rolled back
 * (after a copy of the files is kept aside), an older -wal of the same database is not applied, a -wal damaged in the
 * middle is applied as far as it goes with what it drops kept aside and said in the audit trail, and a kill during an
 * older version's in-place encryption (the schema-1 upgrade) no longer locks the office out.
 */
import { spawn } from 'node:child_process'
import { copyFileSync, existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import Sqlite from 'better-sqlite3-multiple-ciphers'
import { describe, expect, it } from 'vitest'
import { isPlainSqliteHeader, openDatabase } from '../../../electron/app/db/open'
import { readWal, RECOVERED_FOLDER } from '../../../electron/app/db/recovery'
import { DATABASE_FILE_NAME } from '../../../electron/app'
import { coachInput, startTestApp, SUPERVISOR } from '../helpers'
import { sha256, tempDir } from './support'

const KEY = Buffer.from('5c'.repeat(32), 'hex')
const FIXTURES = join(__dirname, '..', '..', 'fixtures', 'db')
const keyPragma = (key: Buffer) => `key = "x'${key.toString('hex')}'"`

function insertCoaches(sqlite: Sqlite.Database, from: number, count: number) {
  const insert = sqlite.prepare(`
    INSERT INTO coaches (id, legal_name, sort_name, start_date, status, employment, title, supervision_cadence_days,
      career_stage, created_at, updated_at, assigned_supervisor)
    VALUES (?, ?, ?, '2025-01-01', 'active', 'volunteer', 'ally', 14, 'training', '2026-01-01T00:00:00.000Z',
      '2026-01-01T00:00:00.000Z', ?)`)
  sqlite.transaction(() => {
    for (let id = from; id < from + count; id++) insert.run(id, `Coach ${id}`, `coach ${id}`, 's'.repeat(200))
  })()
}

const countCoaches = (sqlite: Sqlite.Database) => sqlite.prepare('SELECT count(*) FROM coaches').pluck().get() as number

/** An app database of 100 coaches, closed (no -wal), in a fresh folder. */
async function database(key?: Buffer): Promise<string> {
  const file = join(tempDir(), DATABASE_FILE_NAME)
  const opened = openDatabase(file, key ? { key } : {})
  insertCoaches(opened.sqlite, 1, 100)
  await opened.close()
  return file
}

const asideFolders = (file: string) => {
  const root = join(file, '..', RECOVERED_FOLDER)
  return existsSync(root) ? readdirSync(root).map((name) => join(root, name)) : []
}

describe('a stray hot -journal of the app’s own database', () => {
  for (const encrypted of [false, true]) {
    it(`${encrypted ? 'encrypted' : 'unencrypted'}: is rolled back as a crash's normal recovery, with the files kept aside first`, async () => {
      const key = encrypted ? KEY : undefined
      const file = await database(key)
      // A program killed in the middle of a large transaction in rollback-journal mode.
      const writer = new Sqlite(file)
      if (key) writer.pragma(keyPragma(key))
      writer.pragma('journal_mode = DELETE')
      writer.pragma('cache_size = 1')
      writer.exec('BEGIN')
      insertCoaches(writer, 1000, 1)
      const insert = writer.prepare('UPDATE coaches SET assigned_supervisor = ? WHERE id <= 100')
      insert.run('changed '.repeat(300))
      const crashed = join(tempDir(), DATABASE_FILE_NAME)
      copyFileSync(file, crashed)
      copyFileSync(`${file}-journal`, `${crashed}-journal`)
      writer.exec('ROLLBACK')
      writer.close()
      const before = { main: sha256(crashed), journal: sha256(`${crashed}-journal`) }

      const opened = openDatabase(crashed, key ? { key } : {})
      try {
        expect(countCoaches(opened.sqlite)).toBe(100)
        expect(opened.sqlite.pragma('integrity_check', { simple: true })).toBe('ok')
        expect(opened.recoveries.map((r) => r.kind)).toEqual(['hot_journal'])
        expect(opened.recoveries[0]!.summary).toMatch(/rolled back.*kept in recovered\//)
      } finally {
        await opened.close()
      }
      expect(existsSync(`${crashed}-journal`)).toBe(false)
      // The copy holds the files exactly as the crash left them.
      const [aside] = asideFolders(crashed)
      expect(sha256(join(aside!, DATABASE_FILE_NAME))).toBe(before.main)
      expect(sha256(join(aside!, `${DATABASE_FILE_NAME}-journal`))).toBe(before.journal)
    })
  }
})

/** The database with `count` more coaches committed to its -wal and not checkpointed, as a crash leaves it. */
function crashWithWal(file: string, key: Buffer | undefined, from: number, count: number): string {
  const writer = openDatabase(file, key ? { key } : {})
  writer.sqlite.pragma('wal_autocheckpoint = 0')
  // Each in its own transaction, as the app commits them: one commit frame per coach.
  for (let i = 0; i < count; i++) insertCoaches(writer.sqlite, from + i, 1)
  writer.sqlite
    .prepare(
      "INSERT INTO audit_events (at, action, record_type, summary) VALUES ('2026-11-22T10:00:00.000Z', 'create', 'coach', 'x')",
    )
    .run()
  const crashed = join(tempDir(), DATABASE_FILE_NAME)
  copyFileSync(file, crashed)
  copyFileSync(`${file}-wal`, `${crashed}-wal`)
  writer.sqlite.close()
  return crashed
}

describe('the -wal beside the database', () => {
  it('the ordinary remains of a crash: applied whole, nothing reported, no copy left behind', async () => {
    const crashed = crashWithWal(await database(KEY), KEY, 101, 40)
    const opened = openDatabase(crashed, { key: KEY })
    expect(countCoaches(opened.sqlite)).toBe(140)
    expect(opened.recoveries).toEqual([])
    await opened.close()
    expect(asideFolders(crashed)).toEqual([])
  })

  it('one byte flipped in the middle: what comes after is dropped by SQLite, so the files are kept aside and it is said', async () => {
    const crashed = crashWithWal(await database(KEY), KEY, 101, 40)
    const wal = readFileSync(`${crashed}-wal`)
    const pageSize = wal.readUInt32BE(8)
    const frames = (wal.length - 32) / (24 + pageSize)
    const facts = readWal(wal)!
    expect(facts).toEqual({ appliedFrames: frames, brokenAt: null, committedAfterBreak: 0 })
    const frame = Math.floor(frames / 2)
    wal[32 + frame * (24 + pageSize) + 24 + 100]! ^= 0x01
    writeFileSync(`${crashed}-wal`, wal)
    const walSha = sha256(`${crashed}-wal`)

    const opened = openDatabase(crashed, { key: KEY })
    try {
      expect(countCoaches(opened.sqlite)).toBeLessThan(140)
      expect(opened.recoveries.map((r) => r.kind)).toEqual(['wal_damaged'])
      expect(opened.recoveries[0]!.summary).toMatch(
        /damaged at frame \d+: \d+ saved changes after it could not be applied/,
      )
    } finally {
      await opened.close()
    }
    // The damaged -wal, byte for byte, is kept: the dropped commits can still be read out of it.
    const [aside] = asideFolders(crashed)
    expect(sha256(join(aside!, `${DATABASE_FILE_NAME}-wal`))).toBe(walSha)
  })

  it('an older -wal of the same database put back beside it is not applied: no saved coach is lost', async () => {
    const file = await database(KEY)
    // The -wal of an earlier moment (25 coaches committed then), kept by someone...
    const earlier = crashWithWal(file, KEY, 101, 25)
    const oldWal = readFileSync(`${earlier}-wal`)
    // ...while the office went on: those and 25 more coaches, checkpointed and closed.
    const later = openDatabase(file, { key: KEY })
    insertCoaches(later.sqlite, 126, 25)
    later.sqlite
      .prepare(
        "INSERT INTO audit_events (at, action, record_type, summary) VALUES ('2026-11-22T11:00:00.000Z', 'create', 'coach', 'later')",
      )
      .run()
    await later.close()
    expect(existsSync(`${file}-wal`)).toBe(false)
    writeFileSync(`${file}-wal`, oldWal)
    const fileSha = sha256(file)

    const opened = openDatabase(file, { key: KEY })
    try {
      expect(countCoaches(opened.sqlite)).toBe(150)
      expect(opened.sqlite.pragma('integrity_check', { simple: true })).toBe('ok')
      expect(opened.recoveries.map((r) => r.kind)).toEqual(['wal_not_applied'])
    } finally {
      await opened.close()
    }
    const [aside] = asideFolders(file)
    expect(sha256(join(aside!, DATABASE_FILE_NAME))).toBe(fileSha)
    expect(readFileSync(join(aside!, `${DATABASE_FILE_NAME}-wal`)).equals(oldWal)).toBe(true)
  })

  it('a supervisor is told: the recovery is in the audit trail at the next sign-in', async () => {
    const app = await startTestApp()
    for (let i = 0; i < 5; i++) await app.call('coaches.create', coachInput({ legalName: `Kept ${i}` }))
    const sqlite = app.core.vault.database!.sqlite
    sqlite.pragma('wal_autocheckpoint = 0')
    for (let i = 0; i < 30; i++) await app.call('coaches.create', coachInput({ legalName: `In the wal ${i}` }))
    const file = join(app.dataDir, DATABASE_FILE_NAME)
    // The files as a crash at this moment leaves them: taken while the app still runs, put back after it closed.
    const crashedFile = readFileSync(file)
    const crashedWal = readFileSync(`${file}-wal`)
    await app.close()
    const pageSize = crashedWal.readUInt32BE(8)
    const frames = Math.floor((crashedWal.length - 32) / (24 + pageSize))
    crashedWal[32 + Math.floor(frames / 3) * (24 + pageSize) + 24 + 50]! ^= 0x10
    writeFileSync(file, crashedFile)
    writeFileSync(`${file}-wal`, crashedWal)
    rmSync(`${file}-shm`, { force: true })
    const again = await startTestApp({ dataDir: app.dataDir })
    const events = await again.call('audit.list', { limit: 50 })
    const recovery = events.items.find((event) => event.action === 'recovery')
    expect(recovery, JSON.stringify(events.items.map((e) => e.action))).toBeDefined()
    expect(recovery!.summary).toMatch(/damaged at frame/)
    expect((await again.call('coaches.list', { filter: 'all' })).total).toBeLessThan(35)
  })
})

describe('a kill during an older version’s in-place encryption (the schema-1 upgrade)', () => {
  it('leaves a hot -journal that the next sign-in rolls back and finishes, with every row', async () => {
    // A schema-1 office whose first run wrote the key file and the first account: the next sign-in encrypts it.
    const dataDir = tempDir()
    const file = join(dataDir, DATABASE_FILE_NAME)
    const app = await startTestApp({ dataDir })
    for (let i = 0; i < 30; i++) await app.call('coaches.create', coachInput({ legalName: `Coach ${i}` }))
    const key = Buffer.from(app.core.vault.openKey())
    await app.close()
    const opened = openDatabase(file, { key })
    opened.sqlite.pragma('journal_mode = DELETE')
    opened.sqlite.pragma("rekey = ''")
    await opened.close()
    const padding = new Sqlite(file)
    padding.exec('CREATE TABLE IF NOT EXISTS padding_for_the_test (x BLOB)')
    const pad = padding.prepare('INSERT INTO padding_for_the_test VALUES (randomblob(4000))')
    padding.transaction(() => {
      for (let i = 0; i < 6000; i++) pad.run()
    })()
    padding.close()
    expect(isPlainSqliteHeader(readFileSync(file))).toBe(true)

    // The older version's rekey, in place, killed part-way (retried until the kill lands inside it).
    let journal = false
    for (let attempt = 0; attempt < 20 && !journal; attempt++) {
      const pristine = readFileSync(file)
      await rekeyAndKill(file, key, 20 + attempt * 10)
      journal = existsSync(`${file}-journal`) && statSync(`${file}-journal`).size > 0
      if (!journal) {
        for (const suffix of ['-journal', '-wal', '-shm']) rmSync(file + suffix, { force: true })
        writeFileSync(file, pristine)
      }
    }
    expect(journal, 'no kill landed inside the rekey').toBe(true)

    const resumed = await startTestApp({ dataDir })
    expect((await resumed.call('coaches.list', { filter: 'all' })).total).toBe(30)
    const events = await resumed.call('audit.list', { limit: 50 })
    expect(events.items.some((event) => event.action === 'recovery')).toBe(true)
    await resumed.close()
    expect(isPlainSqliteHeader(readFileSync(file))).toBe(false)
    expect(existsSync(`${file}-journal`)).toBe(false)
    expect(asideFolders(file).length).toBe(1)
    await startTestApp({ dataDir }).then((third) =>
      third.call('auth.status', undefined).then((status) => expect(status.state).toBe('signed_in')),
    )
    void SUPERVISOR
  }, 60_000)
})

describe('a kill during the first change of a schema-1 office’s file, before it has a key file', () => {
  it('is a first run over the data as it was, not "not a database": the -journal is rolled back after a copy', async () => {
    // The schema-1 fixture, in rollback-journal mode as it shipped, cut off in its first write (the switch to WAL, or
    // the first migration): a hot -journal beside a plain file, and no key file yet.
    const dataDir = tempDir()
    const file = join(dataDir, DATABASE_FILE_NAME)
    copyFileSync(join(FIXTURES, 'v1.sqlite'), file)
    const rows = (sqlite: Sqlite.Database) => sqlite.prepare('SELECT id, legal_name FROM coaches ORDER BY id').all()
    const plain = new Sqlite(file, { readonly: true })
    const before = rows(plain)
    plain.close()
    expect(before.length).toBeGreaterThan(0)
    const writer = new Sqlite(file)
    writer.pragma('cache_size = 1')
    writer.exec('BEGIN')
    writer.prepare("UPDATE coaches SET legal_name = 'half written'").run()
    writer.exec('CREATE TABLE half_done (x BLOB)')
    writer.prepare('INSERT INTO half_done SELECT randomblob(3000) FROM coaches, coaches AS c2 LIMIT 400').run()
    const crashedJournal = readFileSync(`${file}-journal`)
    const crashedFile = readFileSync(file)
    writer.exec('ROLLBACK')
    writer.close()
    writeFileSync(file, crashedFile)
    writeFileSync(`${file}-journal`, crashedJournal)
    expect(isPlainSqliteHeader(readFileSync(file))).toBe(true)

    const app = await startTestApp({ dataDir })
    const status = await app.call('auth.status', {})
    expect(status.state).toBe('signed_in')
    const list = await app.call('coaches.list', { filter: 'all', limit: 100 })
    expect(list.items.map((coach) => coach.legalName).sort()).toEqual(
      (before as { legal_name: string }[]).map((row) => row.legal_name).sort(),
    )
    const events = await app.call('audit.list', { action: 'recovery' })
    expect(events.items.map((event) => event.summary)).toEqual([expect.stringMatching(/rolled back/)])
    await app.close()
    expect(existsSync(`${file}-journal`)).toBe(false)
    // The files as the kill left them, kept aside.
    const [aside] = asideFolders(file)
    expect(readFileSync(join(aside!, `${DATABASE_FILE_NAME}-journal`)).equals(crashedJournal)).toBe(true)
  }, 60_000)
})

/** What the older version did (journal_mode DELETE, then PRAGMA rekey on the file itself), in a child killed after `ms`. */
function rekeyAndKill(file: string, key: Buffer, ms: number): Promise<void> {
  const script = `
    const Sqlite = require('better-sqlite3-multiple-ciphers')
    const db = new Sqlite(process.argv[1])
    db.pragma('journal_mode = DELETE')
    process.stdout.write('go\\n')
    db.pragma(\`rekey = "x'${key.toString('hex')}'"\`)
    process.stdout.write('done\\n')
  `
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', script, file], {
      stdio: ['ignore', 'pipe', 'inherit'],
      cwd: process.cwd(),
    })
    child.stdout.once('data', () => setTimeout(() => child.kill('SIGKILL'), ms))
    child.on('error', reject)
    child.on('close', () => resolve())
  })
}

describe('a restore', () => {
  it('moves every companion file aside, a stray -journal included, so the next start opens the restored files', async () => {
    const app = await startTestApp()
    await app.call('coaches.create', coachInput({ legalName: 'In The Backup' }))
    const backup = join(app.dataDir, 'by-hand.casebook-backup')
    await app.call('backups.create', { path: backup })
    await app.call('coaches.create', coachInput({ legalName: 'After The Backup' }))
    const file = join(app.dataDir, DATABASE_FILE_NAME)
    // A -journal of some half-done change of the file being replaced (here: of another copy of it, from a crash).
    const stray = Buffer.concat([Buffer.from([0xd9, 0xd5, 0x05, 0xf9, 0x20, 0xa1, 0x63, 0xd7]), Buffer.alloc(4096, 7)])
    writeFileSync(`${file}-journal`, stray)
    writeFileSync(`${app.core.vault.supervisorsFile}-journal`, stray)
    await app.call('backups.restore', { path: backup, username: SUPERVISOR.username, password: SUPERVISOR.password })
    expect(existsSync(`${file}-journal`)).toBe(false)
    expect(existsSync(`${app.core.vault.supervisorsFile}-journal`)).toBe(false)
    const replaced = join(app.dataDir, 'replaced')
    const [kept] = readdirSync(replaced)
    expect(readFileSync(join(replaced, kept!, `${DATABASE_FILE_NAME}-journal`)).equals(stray)).toBe(true)
    await app.close()

    const again = await startTestApp({ dataDir: app.dataDir })
    const names = (await again.call('coaches.list', { filter: 'all' })).items.map((coach) => coach.legalName)
    expect(names).toEqual(['In The Backup'])
  })
})

describe('a database file emptied or replaced by a folder', () => {
  it('a zero-byte database beside its key file and backups is said to be emptied, with the latest backup offered first', async () => {
    const app = await startTestApp()
    await app.call('coaches.create', coachInput({ legalName: 'In The Backup' }))
    // The day's automatic backup, made again now that it holds the coach.
    for (const backup of app.core.backups.automatic()) rmSync(backup.path)
    await app.core.backups.automaticIfDue()
    await app.close()
    const file = join(app.dataDir, DATABASE_FILE_NAME)
    writeFileSync(file, '')
    const again = await startTestApp({ dataDir: app.dataDir, setup: false })
    const status = await again.call('auth.status', undefined)
    expect(status).toEqual({
      state: 'setup',
      existingData: false,
      officeName: '',
      coachTitle: 'recovery_coach',
      emptied: {
        message: expect.stringMatching(
          /is empty: 0 bytes, although its key file is beside it.*Restore the latest backup/,
        ),
        latestBackup: {
          path: expect.stringMatching(/auto-2026-11-22\.casebook-backup$/),
          createdAt: expect.any(String),
        },
      },
    })
    if (status.state !== 'setup' || !status.emptied?.latestBackup) throw new Error('unreachable')
    await again.call('backups.restore', {
      path: status.emptied.latestBackup.path,
      username: SUPERVISOR.username,
      password: SUPERVISOR.password,
    })
    const names = (await again.call('coaches.list', { filter: 'all' })).items.map((coach) => coach.legalName)
    expect(names).toEqual(['In The Backup'])
  })

  it('a folder where the database should be is named as such, and nothing in it is touched', async () => {
    const app = await startTestApp()
    await app.close()
    const file = join(app.dataDir, DATABASE_FILE_NAME)
    rmSync(file)
    for (const suffix of ['-wal', '-shm']) rmSync(file + suffix, { force: true })
    const { mkdirSync } = await import('node:fs')
    mkdirSync(file)
    writeFileSync(join(file, 'inside.txt'), 'keep')
    const again = await startTestApp({ dataDir: app.dataDir, setup: false })
    expect(await again.call('auth.status', undefined)).toEqual({
      state: 'unavailable',
      message: expect.stringMatching(/There is a folder named casebook\.sqlite where the database file should be/),
      latestBackup: expect.anything(),
    })
    const error = await again.callError(
      'auth.signIn',
      { username: SUPERVISOR.username, password: SUPERVISOR.password },
      'database_unavailable',
    )
    expect(error.message).toMatch(/folder named/)
    expect(readFileSync(join(file, 'inside.txt'), 'utf8')).toBe('keep')
  })
})

describe('a damaged key slot', () => {
  it('is said to be damaged, is not counted as a wrong password, and the recovery key still opens the office', async () => {
    const app = await startTestApp()
    const recoveryKey = app.recoveryKey
    await app.close()
    const keyFile = join(app.dataDir, 'casebook.keys.json')
    const keyring = JSON.parse(readFileSync(keyFile, 'utf8')) as {
      accounts: { wrapped: string; check?: string }[]
      throttle: Record<string, unknown>
    }
    expect(keyring.accounts[0]!.check).toMatch(/=$/)
    // One character of the sealed key changed, as a flipped byte on disk would (still valid base64 of the same length).
    const wrapped = keyring.accounts[0]!.wrapped
    keyring.accounts[0]!.wrapped = (wrapped[0] === 'A' ? 'B' : 'A') + wrapped.slice(1)
    writeFileSync(keyFile, JSON.stringify(keyring, null, 2))
    const damaged = sha256(keyFile)

    const again = await startTestApp({ dataDir: app.dataDir, setup: false })
    for (let attempt = 0; attempt < 5; attempt++) {
      const error = await again.callError(
        'auth.signIn',
        { username: SUPERVISOR.username, password: SUPERVISOR.password },
        'unauthenticated',
      )
      expect(error.message).toMatch(/key file .* is damaged.*not counted as a wrong password/)
    }
    // No wait was imposed and the file holds no count of wrong tries.
    expect(sha256(keyFile)).toBe(damaged)
    await again.call('auth.recover', {
      recoveryKey,
      username: SUPERVISOR.username,
      newPassword: 'a-new-password-after-the-damage',
    })
    const status = await again.call('auth.status', undefined)
    expect(status.state).toBe('signed_in')
  })
})

describe('messages a person can act on', () => {
  it('a backup path whose name is too long, a folder, a missing file: each a sentence, never a code', async () => {
    const app = await startTestApp()
    const tooLong = await app.callError(
      'backups.create',
      { path: join(app.dataDir, `${'n'.repeat(300)}.casebook-backup`) },
      'invalid_input',
    )
    expect(tooLong.message).toMatch(/name is too long/)
    for (const path of [join(app.dataDir, 'missing.casebook-backup'), app.dataDir]) {
      const error = await app.callError(
        'backups.restore',
        { path, username: SUPERVISOR.username, password: SUPERVISOR.password },
        'invalid_input',
      )
      expect(error.message).not.toMatch(/\bE[A-Z]{3,}\b|SQLITE_/)
      expect(error.message.length).toBeGreaterThan(25)
    }
  })
})
