import { copyFileSync, existsSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import Sqlite from 'better-sqlite3-multiple-ciphers'
import { describe, expect, it } from 'vitest'
import { DATABASE_FILE_NAME } from '../../../electron/app'
import { openAccount, openRecovery, readKeyring } from '../../../electron/app/auth/keyring'
import { DatabaseOpenError, openDatabase } from '../../../electron/app/db'
import { isPlainSqliteHeader } from '../../../electron/app/db/open'
import { coachInput, onCleanup, snapshotOf, startTestApp, SUPERVISOR, tempDir } from '../helpers'

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'fixtures', 'db')

/** Every byte the app keeps on disk for this data folder. */
function filesOf(dataDir: string): Record<string, Buffer> {
  const files: Record<string, Buffer> = {}
  for (const name of [
    DATABASE_FILE_NAME,
    `${DATABASE_FILE_NAME}-wal`,
    `${DATABASE_FILE_NAME}-shm`,
    'casebook.keys.json',
  ]) {
    const path = join(dataDir, name)
    if (existsSync(path)) files[name] = readFileSync(path)
  }
  return files
}

function expectNoneContain(files: Record<string, Buffer>, texts: string[]) {
  for (const [name, bytes] of Object.entries(files)) {
    for (const text of texts) {
      expect(bytes.includes(Buffer.from(text, 'utf8')), `${name} contains "${text}"`).toBe(false)
      expect(bytes.includes(Buffer.from(text, 'utf16le')), `${name} contains "${text}" (UTF-16)`).toBe(false)
    }
  }
}

const MARKERS = [
  'Zebediah Quillfeather',
  'zq-private@example.org',
  'Quillfeather Recovery Hub',
  'supervisor.marker',
  'Displayname Marker',
]

async function appWithMarkers() {
  const app = await startTestApp()
  await app.call('settings.update', { officeName: MARKERS[2]!, coachTitle: 'ally' })
  const coach = await app.call(
    'coaches.create',
    coachInput({ legalName: MARKERS[0]!, email: MARKERS[1]!, languages: ['Old Norse'] }),
  )
  await app.call('accounts.create', {
    username: MARKERS[3]!,
    displayName: MARKERS[4]!,
    role: 'supervisor',
    password: 'marker-password-1',
  })
  return { app, coach }
}

describe('encryption at rest', () => {
  it('writes no text given to the app into the database file, its WAL or the key file, open or closed', async () => {
    const { app } = await appWithMarkers()
    const open = filesOf(app.dataDir)
    expect(Object.keys(open)).toEqual(
      expect.arrayContaining([DATABASE_FILE_NAME, `${DATABASE_FILE_NAME}-wal`, 'casebook.keys.json']),
    )
    expect(open[`${DATABASE_FILE_NAME}-wal`]!.length).toBeGreaterThan(0)
    expectNoneContain(open, [...MARKERS, 'Old Norse', SUPERVISOR.username, SUPERVISOR.displayName, SUPERVISOR.password])
    expect(isPlainSqliteHeader(open[DATABASE_FILE_NAME]!)).toBe(false)
    await app.close()
    expectNoneContain(filesOf(app.dataDir), [...MARKERS, 'Old Norse', SUPERVISOR.username])
  })

  it('does not open without the key, nor with a wrong key or a wrong password', async () => {
    const { app } = await appWithMarkers()
    const file = app.core.databaseFile
    await app.close()
    const raw = new Sqlite(file)
    onCleanup(() => raw.open && raw.close())
    expect(() => raw.prepare('SELECT * FROM coaches').all()).toThrow(/not a database/)
    raw.close()
    expect(() => openDatabase(file)).toThrow(DatabaseOpenError)
    expect(() => openDatabase(file, { key: Buffer.alloc(32, 7) })).toThrow(/could not be opened with its key/)

    const again = await startTestApp({ dataDir: app.dataDir, setup: false })
    await again.callError(
      'auth.signIn',
      { username: SUPERVISOR.username, password: 'wrong password here' },
      'unauthenticated',
    )
    expect(again.core.vault.database).toBeNull()
  })

  it('opens with the password of every account and with the recovery key, and not with a removed account’s', async () => {
    const first = await startTestApp()
    const recoveryKey = first.recoveryKey
    const coordinator = await first.signInAs('coordinator')
    const coach = await first.signInAs('coach', { coachId: (await first.call('coaches.create', coachInput())).id })
    const leaver = await first.signInAs('coordinator', { username: 'leaver' })
    const leaverRow = (await first.call('accounts.list', undefined)).find((a) => a.username === 'leaver')!
    await first.call('accounts.deactivate', { id: leaverRow.id, version: leaverRow.version })
    await first.close()

    const keyring = readKeyring(join(first.dataDir, 'casebook.keys.json'))!
    const keys: Buffer[] = []
    for (const [username, password, slotId] of [
      [SUPERVISOR.username, SUPERVISOR.password, 1],
      ['coordinator.1', coordinator.password, coordinator.accountId],
      ['coach.2', coach.password, coach.accountId],
    ] as const) {
      const opened = await openAccount(keyring, username, password)
      expect(opened?.accountId, `account ${slotId}`).toBe(slotId)
      keys.push(opened!.keys.database)
    }
    const fromRecovery = await openRecovery(keyring, recoveryKey.replaceAll('-', ''))
    expect(fromRecovery).not.toBeNull()
    for (const key of [...keys, fromRecovery!.database]) {
      const opened = openDatabase(join(first.dataDir, DATABASE_FILE_NAME), { key })
      expect(opened.sqlite.prepare('SELECT count(*) FROM accounts').pluck().get() as number).toBe(4)
      await opened.close()
    }
    // The removed account has no slot left, and its old password opens none.
    expect(keyring.accounts.map((s) => s.accountId)).not.toContain(leaverRow.id)
    expect(await openAccount(keyring, 'leaver', leaver.password)).toBeNull()
    const reopened = await startTestApp({ dataDir: first.dataDir, setup: false })
    await reopened.callError('auth.signIn', { username: 'leaver', password: leaver.password }, 'unauthenticated')
    expect(
      (await reopened.call('auth.signIn', { username: coach.client.replace('test-', ''), password: coach.password }))
        .state,
    ).toBe('signed_in')
  })

  it('encrypts an unencrypted database from before sign-in at first run, keeping every row', async () => {
    const dataDir = tempDir()
    const file = join(dataDir, DATABASE_FILE_NAME)
    copyFileSync(join(FIXTURES, 'v1.sqlite'), file)
    const plain = new Sqlite(file, { readonly: true })
    const before = snapshotOf(plain)
    const names = plain.prepare('SELECT legal_name FROM coaches').pluck().all() as string[]
    plain.close()
    expect(names.length).toBeGreaterThan(0)

    const app = await startTestApp({ dataDir, setup: false })
    const status = await app.call('auth.status', undefined)
    expect(status).toEqual({
      state: 'setup',
      existingData: true,
      officeName: 'Riverside Recovery Community',
      coachTitle: 'navigator',
    })
    await app.call('auth.setup', {
      officeName: status.state === 'setup' ? status.officeName : '',
      coachTitle: 'navigator',
      ...SUPERVISOR,
    })

    const after = app.snapshot()
    // Every row kept with its values; columns added by later migrations (the roster's search text) are allowed.
    for (const table of ['coaches', 'coach_status_changes', 'coach_stage_changes']) {
      expect(after[table]).toHaveLength(before[table]!.length)
      before[table]!.forEach((row, i) => expect(after[table]![i]).toMatchObject(row))
    }
    expect((await app.call('coaches.list', { filter: 'all' })).total).toBe(names.length)
    expect((await app.call('audit.list', {})).items.map((e) => e.action)).toContain('encrypt')
    await app.close()
    const files = filesOf(dataDir)
    expect(isPlainSqliteHeader(files[DATABASE_FILE_NAME]!)).toBe(false)
    expectNoneContain(files, names)

    const reopened = await startTestApp({ dataDir })
    expect((await reopened.call('coaches.list', { filter: 'all' })).total).toBe(names.length)
  })

  it('finishes the encryption at sign-in when first run was cut off after writing the key file', async () => {
    const dataDir = tempDir()
    const file = join(dataDir, DATABASE_FILE_NAME)
    copyFileSync(join(FIXTURES, 'v1.sqlite'), file)
    const app = await startTestApp({ dataDir })
    const key = Buffer.from(app.core.vault.openKey())
    await app.close()
    // Put an unencrypted copy back, as if the rekey never ran, keeping the key file and the new account.
    const opened = openDatabase(file, { key })
    opened.sqlite.pragma('journal_mode = DELETE')
    opened.sqlite.pragma("rekey = ''")
    await opened.close()
    expect(isPlainSqliteHeader(readFileSync(file))).toBe(true)

    const resumed = await startTestApp({ dataDir })
    expect((await resumed.call('coaches.list', { filter: 'all' })).total).toBe(3)
    await resumed.close()
    expect(isPlainSqliteHeader(readFileSync(file))).toBe(false)
  })

  it('refuses to start a new office over an encrypted database whose key file is gone, and explains', async () => {
    const app = await startTestApp()
    await app.close()
    const { rmSync } = await import('node:fs')
    rmSync(join(app.dataDir, 'casebook.keys.json'))
    const again = await startTestApp({ dataDir: app.dataDir, setup: false })
    expect(await again.call('auth.status', undefined)).toEqual({
      state: 'unavailable',
      message: expect.stringMatching(/key file .* is missing/),
      latestBackup: { path: expect.stringMatching(/auto-2026-11-22\.casebook-backup$/), createdAt: expect.any(String) },
    })
    await again.callError(
      'auth.signIn',
      { username: SUPERVISOR.username, password: SUPERVISOR.password },
      'database_unavailable',
    )
    await again.callError(
      'auth.setup',
      { officeName: 'Over It', coachTitle: 'ally', ...SUPERVISOR },
      'database_unavailable',
    )
  })

  it("refuses another app's database at first run without changing it or its pending WAL", async () => {
    const source = tempDir()
    const writer = new Sqlite(join(source, 'other.sqlite'))
    writer.pragma('journal_mode = WAL')
    writer.pragma('wal_autocheckpoint = 0')
    writer.exec("CREATE TABLE notes (text TEXT); INSERT INTO notes VALUES ('someone else''s data')")
    // Copy the file and its WAL while the writer still holds them: what a crash of the other program leaves behind.
    const dataDir = tempDir()
    copyFileSync(join(source, 'other.sqlite'), join(dataDir, DATABASE_FILE_NAME))
    copyFileSync(join(source, 'other.sqlite-wal'), join(dataDir, `${DATABASE_FILE_NAME}-wal`))
    writer.close()
    const before = filesOf(dataDir)
    expect(before[`${DATABASE_FILE_NAME}-wal`]!.length).toBeGreaterThan(0)

    const app = await startTestApp({ dataDir, setup: false })
    expect(await app.call('auth.status', undefined)).toMatchObject({
      state: 'unavailable',
      message: expect.stringMatching(/not one of this app's/),
    })
    await app.callError(
      'auth.setup',
      { officeName: 'Taking Over', coachTitle: 'ally', ...SUPERVISOR },
      'database_unavailable',
    )
    const after = filesOf(dataDir)
    expect(after[DATABASE_FILE_NAME]!.equals(before[DATABASE_FILE_NAME]!)).toBe(true)
    expect(after[`${DATABASE_FILE_NAME}-wal`]!.equals(before[`${DATABASE_FILE_NAME}-wal`]!)).toBe(true)
  })
})
