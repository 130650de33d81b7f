import { execFileSync } from 'node:child_process'
import {
  closeSync,
  existsSync,
  ftruncateSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  writeFileSync,
} from 'node:fs'
import { join } from 'node:path'
import Sqlite from 'better-sqlite3-multiple-ciphers'
import { describe, expect, it } from 'vitest'
import { openAccount, readKeyring } from '../../../electron/app/auth/keyring'
import { LATEST_SUPERVISORS_VERSION } from '../../../electron/app/db/supervisors'
import { coachInput, onCleanup, startTestApp, SUPERVISOR, tempDir, type TestApp } from '../helpers'

/** Backups carry both files; a restore is checked before anything is read, and leaves the rewind in plain view. */

const PRIVATE = 'Private-note-9Z: a hard week, spoke with her sponsor'
const unix = process.platform !== 'win32'

function writePrivateNote(app: TestApp) {
  const sqlite = app.core.vault.database!.sqlite
  sqlite.exec('CREATE TABLE supervisors.test_private_notes (id INTEGER PRIMARY KEY, body TEXT NOT NULL) STRICT')
  sqlite.prepare('INSERT INTO supervisors.test_private_notes (id, body) VALUES (1, ?)').run(PRIVATE)
}

function headOf(app: TestApp) {
  return Math.max(...app.snapshot()['audit_events']!.map((e) => e['id'] as number))
}

describe('backups of both files', () => {
  it('carry the supervisors’ file, encrypted, with no usernames in the header, and restore it on a new machine', async () => {
    const app = await startTestApp()
    await app.signInAs('coordinator', { username: 'cora.coordinator' })
    writePrivateNote(app)
    const backup = join(app.dataDir, 'both.casebook-backup')
    await app.call('backups.create', { path: backup })
    const bytes = readFileSync(backup)
    expect(bytes.includes(PRIVATE.slice(0, 16))).toBe(false)
    const headerLength = bytes.readUInt32BE(20)
    const header = JSON.parse(bytes.subarray(24, 24 + headerLength).toString('utf8'))
    expect(header).toMatchObject({ format: 2, supervisorsSchemaVersion: LATEST_SUPERVISORS_VERSION })
    expect(header.supervisorsBytes).toBeGreaterThan(0)
    for (const name of [SUPERVISOR.username, 'cora.coordinator', SUPERVISOR.displayName]) {
      expect(JSON.stringify(header)).not.toContain(name)
    }
    expect(header.keyring.throttle).toEqual({})

    const elsewhere = await startTestApp({ setup: false })
    await elsewhere.call('backups.restore', { path: backup, recoveryKey: app.recoveryKey })
    await elsewhere.call('auth.signIn', { username: SUPERVISOR.username, password: SUPERVISOR.password })
    const sqlite = elsewhere.core.vault.database!.sqlite
    expect(sqlite.prepare('SELECT body FROM supervisors.test_private_notes').pluck().get()).toBe(PRIVATE)
    expect(await elsewhere.call('audit.verify', {})).toMatchObject({ ok: true })
  })

  it('make a rewind of the trail visible: the restored trail names the replaced files, which keep the later events', async () => {
    const app = await startTestApp()
    const backup = join(app.dataDir, 'monday.casebook-backup')
    await app.call('backups.create', { path: backup })
    for (let i = 0; i < 3; i++) await app.call('coaches.create', coachInput({ legalName: `After Monday ${i}` }))
    const replacedHead = headOf(app)

    await app.call('backups.restore', { path: backup, username: SUPERVISOR.username, password: SUPERVISOR.password })
    const restore = app.snapshot()['audit_events']!.find((e) => e['action'] === 'restore')!
    const aside = readdirSync(join(app.dataDir, 'replaced'))[0]!
    expect(restore['summary']).toMatch(
      new RegExp(
        `^Restored from monday\\.casebook-backup \\(made .*\\)\\. The replaced casebook\\.sqlite and casebook\\.supervisors\\.sqlite are kept in replaced/${aside}; their trail ended at event ${replacedHead} \\([0-9a-f]{16}…\\)\\. The restored trail: Intact: \\d+ events, sealed through event \\d+`,
      ),
    )
    // The restored trail is shorter than the one it replaced, and checks.
    expect(restore['id'] as number).toBeLessThan(replacedHead)
    expect(await app.call('audit.verify', {})).toMatchObject({ ok: true })

    // The replaced files are kept whole: their trail still holds the events the restore rewound.
    expect(readdirSync(join(app.dataDir, 'replaced', aside)).sort()).toEqual(
      expect.arrayContaining(['casebook.keys.json', 'casebook.sqlite', 'casebook.supervisors.sqlite']),
    )
    const keyring = readKeyring(join(app.dataDir, 'replaced', aside, 'casebook.keys.json'))!
    const opened = await openAccount(keyring, SUPERVISOR.username, SUPERVISOR.password)
    const replaced = new Sqlite(join(app.dataDir, 'replaced', aside, 'casebook.sqlite'), { readonly: true })
    onCleanup(() => replaced.open && replaced.close())
    replaced.pragma(`key = "x'${opened!.keys.database.toString('hex')}'"`)
    expect(replaced.prepare('SELECT max(id) FROM audit_events').pluck().get()).toBe(replacedHead)
    const rewound = replaced.prepare("SELECT count(*) FROM audit_events WHERE action = 'create'").pluck().get()
    expect(rewound).toBe(3)
  })
})

describe.runIf(unix)('a restore checks before it reads', () => {
  function fifo(dir: string) {
    const path = join(dir, 'waiting.casebook-backup')
    execFileSync('mkfifo', [path])
    return path
  }

  it('refuses a signed-out caller and a coordinator before touching the path, and a FIFO without freezing', async () => {
    const app = await startTestApp()
    const coordinator = await app.signInAs('coordinator')
    const path = fifo(app.dataDir)
    const restore = { path, username: SUPERVISOR.username, password: SUPERVISOR.password }
    await app.clientFor('stranger').callError('backups.restore', restore, 'unauthenticated')
    await coordinator.callError('backups.restore', restore, 'forbidden')
    const before = app.snapshot()
    const refused = await app.callError('backups.restore', restore, 'invalid_input')
    expect(refused.message).toBe('That is not a file: choose a backup file.')
    const folder = join(app.dataDir, 'a-folder.casebook-backup')
    mkdirSync(folder)
    await app.callError('backups.restore', { ...restore, path: folder }, 'invalid_input')
    expect(app.snapshot()).toEqual(before)
    // The app answers the next call as usual.
    expect((await app.call('coaches.list', {})).total).toBe(0)
  })

  it('refuses a FIFO and a file larger than any backup when there is no database yet, without reading them', async () => {
    const app = await startTestApp({ setup: false })
    const dir = tempDir()
    await app.callError('backups.restore', { path: fifo(dir), recoveryKey: 'A'.repeat(40) }, 'invalid_input')
    const huge = join(dir, 'huge.casebook-backup')
    const fd = openSync(huge, 'w')
    ftruncateSync(fd, 3 * 1024 ** 3) // sparse: nothing is written
    closeSync(fd)
    const refused = await app.callError('backups.restore', { path: huge, recoveryKey: 'A'.repeat(40) }, 'invalid_input')
    expect(refused.message).toBe('That file is far larger than a backup can be.')
    expect((await app.call('auth.status', {})).state).toBe('setup')
  })

  it('sets aside a restore marker that names files outside the data folder, and follows none of it', async () => {
    const app = await startTestApp()
    await app.call('coaches.create', coachInput())
    await app.close()
    const outside = tempDir()
    const decoy = join(outside, 'precious.txt')
    writeFileSync(decoy, 'keep me')
    const marker = join(app.dataDir, 'restore-pending.json')
    for (const crafted of [
      { aside: outside, staged: decoy, newKeyring: join(outside, 'k') },
      {
        aside: join(app.dataDir, 'replaced', '..', '..'),
        staged: join(app.dataDir, '.restore-x.sqlite'),
        newKeyring: `${app.core.vault.keyringFile}.restoring`,
      },
      {
        aside: join(app.dataDir, 'replaced', 'x'),
        staged: decoy,
        newKeyring: `${app.core.vault.keyringFile}.restoring`,
      },
      'not json',
    ]) {
      writeFileSync(marker, typeof crafted === 'string' ? crafted : JSON.stringify(crafted))
      const again = await startTestApp({ dataDir: app.dataDir })
      expect(again.log.entries.map((e) => e.message)).toEqual([
        'A restore marker named files outside the data folder, or was damaged; it was set aside, not followed.',
      ])
      expect((await again.call('coaches.list', {})).total).toBe(1)
      expect(existsSync(marker)).toBe(false)
      await again.close()
    }
    expect(readFileSync(decoy, 'utf8')).toBe('keep me')
    expect(readdirSync(outside)).toEqual(['precious.txt'])
    expect(readdirSync(app.dataDir).filter((f) => f.startsWith('restore-pending.json.refused-'))).toHaveLength(4)
  })
})
