import { chmodSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { openDatabase } from '../../../electron/app/db/open'
import { coachInput, startTestApp, SUPERVISOR, tempDir } from '../helpers'

/** What the data folder shows to other users of the machine, and what SQLite may spill out of it. */

const mode = (path: string) => statSync(path).mode & 0o777

function everything(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).map((name) => join(dir, name))
}

describe.runIf(process.platform !== 'win32')('file modes', () => {
  it('keeps the data folder 0700 and every file in it 0600: database, WAL, key file, supervisors’ file, backups, replaced files', async () => {
    const app = await startTestApp()
    await app.call('coaches.create', coachInput())
    await app.call('backups.create', { path: join(app.dataDir, 'backups', 'by-hand.casebook-backup') })
    const backup = join(app.dataDir, 'backups', 'by-hand.casebook-backup')
    await app.call('backups.restore', { path: backup, username: SUPERVISOR.username, password: SUPERVISOR.password })
    await app.call('coaches.create', coachInput({ legalName: 'After The Restore' }))

    const names = readdirSync(app.dataDir)
    expect(names).toEqual(
      expect.arrayContaining([
        'casebook.sqlite',
        'casebook.sqlite-wal',
        'casebook.keys.json',
        'casebook.supervisors.sqlite',
        'casebook.supervisors.sqlite-wal',
        'backups',
        'replaced',
      ]),
    )
    expect(mode(app.dataDir)).toBe(0o700)
    for (const path of everything(app.dataDir)) {
      const expected = statSync(path).isDirectory() ? 0o700 : 0o600
      expect(mode(path), path).toBe(expected)
    }
  })

  it('narrows a data folder and database made with wider permissions when it next opens them', async () => {
    const first = await startTestApp()
    await first.close()
    chmodSync(first.dataDir, 0o755)
    chmodSync(join(first.dataDir, 'casebook.sqlite'), 0o644)
    const again = await startTestApp({ dataDir: first.dataDir })
    expect(mode(again.dataDir)).toBe(0o700)
    expect(mode(join(again.dataDir, 'casebook.sqlite'))).toBe(0o600)
  })
})

describe('temporary storage', () => {
  it('keeps SQLite’s temporary tables and sorts in memory on every connection, the supervisors’ file included', async () => {
    const app = await startTestApp()
    const sqlite = app.core.vault.database!.sqlite
    expect(sqlite.pragma('temp_store', { simple: true })).toBe(2)
    // temp_store is the connection's, so it covers the attached file; which is held to the main file's settings too.
    expect(sqlite.pragma('supervisors.journal_mode', { simple: true })).toBe('wal')
    const opened = openDatabase(join(tempDir(), 'other.sqlite'), { key: Buffer.alloc(32, 1) })
    expect(opened.sqlite.pragma('temp_store', { simple: true })).toBe(2)
    await opened.close()
  })
})
