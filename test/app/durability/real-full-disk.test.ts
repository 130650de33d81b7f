/**
 * A real full disk: the data folder on a small tmpfs mounted by the test, filled to the last byte with a filler file.
 * Only root can mount (CI runs as root); anywhere else the whole file is skipped and says why. full-disk.test.ts
 * covers the database's own writes everywhere with `max_page_count`; this one covers what that cannot: the key file,
 * the -wal's growth, sign-in and backups, on a filesystem that really answers ENOSPC.
 */
import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, openSync, readdirSync, rmSync, statSync, writeSync, closeSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { DATABASE_FILE_NAME } from '../../../electron/app'
import { coachInput, startTestApp, SUPERVISOR, tempDir } from '../helpers'
import { sha256 } from './support'

/** Mounts a tmpfs of `megabytes`, or answers why it cannot be done here. */
function mountTmpfs(megabytes: number): { dir: string } | { skip: string } {
  if (process.platform !== 'linux') return { skip: 'a tmpfs needs Linux' }
  if (process.getuid?.() !== 0) return { skip: 'mounting a tmpfs needs root (CI runs as root)' }
  const dir = mkdtempSync(join(tmpdir(), 'casebook-full-disk-'))
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${megabytes}m,mode=0700`, 'tmpfs', dir], { stdio: 'pipe' })
    return { dir }
  } catch (error) {
    rmSync(dir, { recursive: true, force: true })
    return { skip: `mount -t tmpfs failed here (${String((error as Error).message).split('\n')[0]})` }
  }
}

const mounted = mountTmpfs(16)
const skip = 'skip' in mounted ? mounted.skip : null
if (skip) console.warn(`real-full-disk.test.ts skipped: ${skip}`)
const disk = 'dir' in mounted ? mounted.dir : ''

afterAll(() => {
  if (!disk) return
  execFileSync('umount', [disk])
  rmSync(disk, { recursive: true, force: true })
})

/** Fills the disk to its last byte; answers the filler's path (remove it to free the space). */
function fill(name: string): string {
  const file = join(disk, name)
  const fd = openSync(file, 'w')
  const chunk = Buffer.alloc(64 * 1024, 1)
  try {
    for (let size = chunk.length; size >= 1; size = Math.floor(size / 2)) {
      for (;;) {
        try {
          if (writeSync(fd, chunk, 0, size) < size) break
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error
          break
        }
      }
    }
  } finally {
    closeSync(fd)
  }
  return file
}

const leftovers = (dir: string) =>
  readdirSync(dir).filter((name) => /\.tmp-|\.partial-|\.vacuum-|\.restore-/.test(name))

describe.skipIf(skip !== null)(`a real full disk (a tmpfs)${skip ? ` — skipped: ${skip}` : ''}`, () => {
  it('database, key file, sign-in and backups each fail clearly, change nothing, and work again once there is room', async () => {
    const dataDir = join(disk, 'data')
    const app = await startTestApp({ dataDir })
    const coordinator = await app.signInAs('coordinator')
    await coordinator.call('auth.signOut', undefined)
    const sqlite = app.core.vault.database!.sqlite
    for (let i = 0; i < 20; i++)
      await app.call('coaches.create', coachInput({ legalName: `Before The Disk Filled ${i}` }))
    // The -wal keeps its size after a checkpoint, and the next commits reuse it from the start.
    sqlite.pragma('wal_checkpoint(RESTART)')
    const keyFile = join(dataDir, 'casebook.keys.json')

    // 1. The key file: a wrong password is counted (in memory) and answered as one; the right one then signs in.
    const filler = fill('filler-1')
    const keyBefore = sha256(keyFile)
    const wrong = await coordinator.callRaw('auth.signIn', {
      username: coordinator.username,
      password: 'not-the-password',
    })
    expect(wrong.ok || wrong.error.code).toBe('unauthenticated')
    expect(leftovers(dataDir)).toEqual([])
    expect(sha256(keyFile)).toBe(keyBefore)
    const right = await coordinator.callRaw('auth.signIn', {
      username: coordinator.username,
      password: coordinator.password,
    })
    expect(right.ok, JSON.stringify(right)).toBe(true)
    await coordinator.callRaw('auth.signOut', undefined)

    // 2. A write to the key file itself: storage_full in words, no temporary file left, the key file as it was.
    const before = app.snapshot()
    const change = await app.callRaw('auth.changePassword', {
      currentPassword: SUPERVISOR.password,
      newPassword: 'a-new-password-on-a-full-disk',
    })
    expect(change.ok).toBe(false)
    if (!change.ok) {
      expect(change.error.code).toBe('storage_full')
      expect(change.error.message).toMatch(/disk is full/i)
    }
    expect(leftovers(dataDir)).toEqual([])
    expect(sha256(keyFile)).toBe(keyBefore)
    expect(app.snapshot()).toEqual(before)

    // Now no room even in the -wal: every write of the database fails.
    rmSync(filler)
    sqlite.pragma('wal_checkpoint(TRUNCATE)')
    const filler2 = fill('filler-2')

    // 3. The database: storage_full, nothing kept.
    const full = await app.callRaw('coaches.create', coachInput({ legalName: 'On A Full Disk' }))
    expect(full.ok || full.error.code).toBe('storage_full')
    expect(app.snapshot()).toEqual(before)

    // 4. A sign-in that cannot be recorded leaves no session behind.
    const unrecorded = await coordinator.callRaw('auth.signIn', {
      username: coordinator.username,
      password: coordinator.password,
    })
    expect(unrecorded.ok || unrecorded.error.code).toBe('storage_full')
    expect(await coordinator.call('auth.status', undefined)).toEqual({ state: 'signed_out' })
    await coordinator.callError('coaches.list', { filter: 'all' }, 'unauthenticated')

    // 5. A backup to another disk is written; the answer says so, not "nothing was saved".
    const elsewhere = join(tempDir(), 'to-another-disk.casebook-backup')
    const backup = await app.callRaw('backups.create', { path: elsewhere })
    expect(backup.ok).toBe(false)
    if (!backup.ok) {
      expect(backup.error.code).toBe('storage_full')
      expect(backup.error.message).toMatch(/The backup was written to .*to-another-disk/)
      expect(backup.error.message).not.toMatch(/nothing was saved/i)
    }
    expect(statSync(elsewhere).size).toBeGreaterThan(0)

    // 6. A backup onto the full disk itself: refused in words, no partial file left.
    const onFull = await app.callRaw('backups.create', {
      path: join(dataDir, 'backups', 'on-the-full-disk.casebook-backup'),
    })
    expect(onFull.ok).toBe(false)
    if (!onFull.ok) expect(onFull.error.message).toMatch(/full/i)
    expect(leftovers(join(dataDir, 'backups'))).toEqual([])
    expect(existsSync(join(dataDir, 'backups', 'on-the-full-disk.casebook-backup'))).toBe(false)

    // Room again: everything works, and the files are sound.
    rmSync(filler2)
    await app.call('coaches.create', coachInput({ legalName: 'After The Disk Was Freed' }))
    await coordinator.call('auth.signIn', { username: coordinator.username, password: coordinator.password })
    expect(sqlite.pragma('integrity_check', { simple: true })).toBe('ok')
    await app.close()
    const again = await startTestApp({ dataDir })
    expect((await again.call('coaches.list', { filter: 'all' })).total).toBe(21)
    await again.close()
    expect(existsSync(join(dataDir, DATABASE_FILE_NAME))).toBe(true)
  }, 60_000)
})
