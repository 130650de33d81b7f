import { cpSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import Sqlite from 'better-sqlite3-multiple-ciphers'
import { describe, expect, it } from 'vitest'
import { openAccount, openRecovery, readKeyring, type OpenedKeys } from '../../../electron/app/auth/keyring'
import { openDatabase } from '../../../electron/app/db/open'
import { DatabaseOpenError } from '../../../electron/app/db/errors'
import {
  SUPERVISOR_MIGRATIONS,
  SUPERVISORS_FILE,
  LATEST_SUPERVISORS_VERSION,
} from '../../../electron/app/db/supervisors'
import type { Migration } from '../../../electron/app/db/migrations'
import { coachInput, onCleanup, startTestApp, SUPERVISOR, tempDir, type TestApp } from '../helpers'

/**
 * Supervisor-only data lives in casebook.supervisors.sqlite under the supervisors' key, which only supervisors' slots
 * and the recovery slot hold. Here it is proved from outside the app: a copy of the data folder, another SQLite
 * program, and each person's password.
 */

const PRIVATE = 'Private-note-7Q: relapse after the court date, talked it through'

/**
 * A supervisor-only table as a feature would declare it (supervision's private notes and their FTS5 index), made here
 * on the attached file directly: the feature's own migration list is proved below.
 */
function writePrivateNote(app: TestApp) {
  const sqlite = app.core.vault.database!.sqlite
  sqlite.exec(`
    CREATE TABLE supervisors.test_private_notes (id INTEGER PRIMARY KEY, body TEXT NOT NULL) STRICT;
    CREATE VIRTUAL TABLE supervisors.test_private_notes_fts USING fts5(body, content='test_private_notes', content_rowid='id');
  `)
  sqlite.prepare('INSERT INTO supervisors.test_private_notes (id, body) VALUES (1, ?)').run(PRIVATE)
  sqlite.exec(
    'INSERT INTO supervisors.test_private_notes_fts (rowid, body) VALUES (1, (SELECT body FROM supervisors.test_private_notes WHERE id = 1))',
  )
}

async function officeWithPrivateNote() {
  const app = await startTestApp()
  const coachId = (await app.call('coaches.create', coachInput())).id
  const coordinator = await app.signInAs('coordinator', { username: 'cora.coordinator' })
  const coach = await app.signInAs('coach', { coachId, username: 'casey.coach' })
  writePrivateNote(app)
  return { app, coordinator, coach }
}

/** Opens a copy's supervisors' file with `key` in another SQLite program and reads the private note (or throws). */
function readPrivateNote(file: string, key: Buffer | null): string {
  const raw = new Sqlite(file, { readonly: true })
  onCleanup(() => raw.open && raw.close())
  try {
    if (key) raw.pragma(`key = "x'${key.toString('hex')}'"`)
    const found = raw
      .prepare(
        "SELECT n.body FROM test_private_notes_fts f JOIN test_private_notes n ON n.id = f.rowid WHERE f.body MATCH 'court'",
      )
      .pluck()
      .get() as string
    return found
  } finally {
    raw.close()
  }
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((name) => join(dir, name))
    .filter((file) => statSync(file).isFile())
}

describe('supervisor-only data under the supervisors’ key', () => {
  it('in a copy of the data folder: a coach’s or coordinator’s password opens none of it, a supervisor’s and the recovery key do', async () => {
    const { app, coordinator, coach } = await officeWithPrivateNote()
    // Copied while the app runs (as a backup tool would), and again once it has closed.
    const whileOpen = tempDir()
    cpSync(app.dataDir, whileOpen, { recursive: true })
    await app.close()
    const copy = tempDir()
    cpSync(app.dataDir, copy, { recursive: true })

    for (const dir of [whileOpen, copy]) {
      for (const file of filesUnder(dir)) expect(readFileSync(file).includes(PRIVATE.slice(0, 16)), file).toBe(false)
    }
    const supervisorsFile = join(copy, 'casebook.supervisors.sqlite')
    const keyring = readKeyring(join(copy, 'casebook.keys.json'))!
    const keysOf = async (username: string, password: string): Promise<OpenedKeys> =>
      (await openAccount(keyring, username, password))!.keys

    // The coach's and the coordinator's slots hold the database key and nothing more.
    for (const [username, person] of [
      ['casey.coach', coach],
      ['cora.coordinator', coordinator],
    ] as const) {
      const slot = keyring.accounts.find((s) => s.accountId === person.accountId)!
      expect(slot.supervisors, username).toBeUndefined()
      const keys = await keysOf(username, person.password)
      expect(keys.database).toHaveLength(32)
      expect(keys.supervisors).toBeNull()
      // Their database key does not open the supervisors' file, nor does no key at all.
      expect(() => readPrivateNote(supervisorsFile, keys.database), username).toThrow(/not a database/)
      // And the main database they can open holds none of it.
      const main = openDatabase(join(copy, 'casebook.sqlite'), { key: keys.database })
      const tables = main.sqlite.prepare("SELECT name FROM sqlite_schema WHERE type = 'table'").pluck().all()
      expect(tables).not.toContain('test_private_notes')
      await main.close()
    }
    expect(() => readPrivateNote(supervisorsFile, null)).toThrow(/not a database/)

    // The supervisor's password and the recovery key each open it.
    const supervisor = await keysOf(SUPERVISOR.username, SUPERVISOR.password)
    expect(readPrivateNote(supervisorsFile, supervisor.supervisors)).toBe(PRIVATE)
    const recovery = await openRecovery(keyring, app.recoveryKey.replaceAll('-', ''))
    expect(readPrivateNote(supervisorsFile, recovery!.supervisors)).toBe(PRIVATE)
    expect(readPrivateNote(join(whileOpen, 'casebook.supervisors.sqlite'), recovery!.supervisors)).toBe(PRIVATE)
  })

  it('is attached only while an unlocked supervisor is signed in, and everything closes after the last sign-out', async () => {
    const { app, coordinator } = await officeWithPrivateNote()
    const schemas = () =>
      (app.core.vault.database!.sqlite.pragma('database_list') as { name: string }[]).map((d) => d.name)
    expect(schemas()).toContain('supervisors')

    await app.call('auth.lock', {})
    expect(app.core.vault.supervisorsAttached).toBe(false)
    expect(schemas()).not.toContain('supervisors')
    await app.call('auth.unlock', { password: SUPERVISOR.password })
    expect(schemas()).toContain('supervisors')

    await app.call('auth.signOut', {})
    expect(schemas()).not.toContain('supervisors')
    expect(app.core.vault.database).not.toBeNull()

    // The coordinator and the coach are the last: once both are gone the database closes and its key is dropped.
    const database = app.core.vault.database!
    await coordinator.call('auth.signOut', {})
    expect(app.core.vault.database).not.toBeNull()
    await app.core.endClient('test-casey.coach')
    expect(app.core.vault.database).toBeNull()
    expect(database.sqlite.open).toBe(false)
    expect(() => app.core.vault.openKey()).toThrow(/sign in/)
    expect(() => app.core.vault.openSupervisorsKey()).toThrow(/supervisor must be signed in/)
  })

  it('runs a feature’s own migrations on the supervisors’ file alone, under its own application id', async () => {
    const { app } = await officeWithPrivateNote()
    const key = Buffer.from(app.core.vault.openSupervisorsKey())
    await app.close()
    const demo: Migration = {
      version: LATEST_SUPERVISORS_VERSION + 1,
      name: 'a feature’s private notes (test only)',
      sql: `CREATE TABLE demo_private (id INTEGER PRIMARY KEY, body TEXT NOT NULL) STRICT;
        CREATE VIRTUAL TABLE demo_private_fts USING fts5(body, content='demo_private', content_rowid='id');`,
    }
    const file = app.core.vault.supervisorsFile
    const opened = openDatabase(file, {
      key,
      kind: { ...SUPERVISORS_FILE, migrations: [...SUPERVISOR_MIGRATIONS, demo] },
    })
    expect(opened.schemaVersion).toBe(LATEST_SUPERVISORS_VERSION + 1)
    expect(opened.sqlite.prepare("SELECT count(*) FROM sqlite_schema WHERE name = 'demo_private'").pluck().get()).toBe(
      1,
    )
    await opened.close()
    // The main database's migrations refuse it: it is not the app's main file.
    expect(() => openDatabase(file, { key })).toThrow(DatabaseOpenError)
  })
})

describe('accounts.setRole', () => {
  it('gives a promoted account the supervisors’ key under a first password, and takes it from a demoted one', async () => {
    const app = await startTestApp()
    const coordinator = await app.signInAs('coordinator', { username: 'cora.coordinator' })
    const listed = (await app.call('accounts.list', undefined)).find((a) => a.username === 'cora.coordinator')!
    const refused = await app.callError(
      'accounts.setRole',
      { id: listed.id, version: listed.version, role: 'supervisor' },
      'invalid_input',
    )
    expect(refused.fields).toEqual({ password: 'Give a first password: the supervisors’ key is sealed under it' })

    const promoted = await app.call('accounts.setRole', {
      id: listed.id,
      version: listed.version,
      role: 'supervisor',
      password: 'promoted-first-pass-1',
    })
    expect(promoted).toMatchObject({ role: 'supervisor', mustChangePassword: true })
    // Their session under the old role has ended.
    expect(await coordinator.call('auth.status', {})).toEqual({ state: 'signed_out' })
    let keyring = readKeyring(app.core.vault.keyringFile)!
    expect((await openAccount(keyring, 'cora.coordinator', 'promoted-first-pass-1'))!.keys.supervisors).toEqual(
      app.core.vault.openSupervisorsKey(),
    )
    expect(await openAccount(keyring, 'cora.coordinator', coordinator.password)).toBeNull()
    const event = app.snapshot()['audit_events']!.find((e) => e['action'] === 'set_role')!
    expect(event).toMatchObject({
      account_id: 1,
      record_type: 'account',
      record_id: listed.id,
      summary: 'Role: Coordinator → Supervisor; given a first password to change at the next sign-in',
    })

    const demoted = await app.call('accounts.setRole', {
      id: listed.id,
      version: promoted.version,
      role: 'coordinator',
    })
    expect(demoted.role).toBe('coordinator')
    keyring = readKeyring(app.core.vault.keyringFile)!
    const opened = await openAccount(keyring, 'cora.coordinator', 'promoted-first-pass-1')
    expect(opened!.keys.database).toHaveLength(32)
    expect(opened!.keys.supervisors).toBeNull()
    expect(keyring.accounts.find((s) => s.accountId === listed.id)!.supervisors).toBeUndefined()
  })

  it('refuses one’s own role, a stale version and an unknown account, changing nothing', async () => {
    const app = await startTestApp()
    await app.signInAs('coordinator', { username: 'cora.coordinator' })
    const listed = await app.call('accounts.list', undefined)
    const me = listed.find((a) => a.username === SUPERVISOR.username)
    const other = listed.find((a) => a.username === 'cora.coordinator')
    const before = app.snapshot()
    const keyFile = readFileSync(app.core.vault.keyringFile, 'utf8')
    // The only way to demote the last supervisor is by their own hand, and that is refused.
    await app.callError('accounts.setRole', { id: me!.id, version: me!.version, role: 'coordinator' }, 'invalid_input')
    await app.callError(
      'accounts.setRole',
      { id: other!.id, version: other!.version + 1, role: 'supervisor', password: 'promoted-first-pass-1' },
      'conflict',
    )
    await app.callError('accounts.setRole', { id: 999, version: 1, role: 'coordinator' }, 'not_found')
    await app.callError(
      'accounts.setRole',
      { id: other!.id, version: other!.version, role: 'coach', coachId: null },
      'invalid_input',
    )
    expect(app.snapshot()).toEqual(before)
    expect(readFileSync(app.core.vault.keyringFile, 'utf8')).toBe(keyFile)
  })
})
