/**
 * When the work that grows with the file runs: the day's automatic backup after the sign-in's answer, and the
 * integrity check in the background after the open, reporting damage to whoever is signed in. These tests call the
 * router directly where the order matters (the helpers' clients wait for background work after every call).
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { basename, dirname, join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { Clock } from '../../../electron/app/clock'
import { coachInput, NOW, startTestApp, SUPERVISOR } from '../helpers'
import { sessionInput } from '../supervision/inputs'

function movableClock(start = NOW): Clock & { advance(ms: number): void } {
  let now = new Date(start).getTime()
  return { now: () => new Date(now), advance: (ms) => (now += ms) }
}

const DAY = 24 * 60 * 60 * 1000
const credentials = { username: SUPERVISOR.username, password: SUPERVISOR.password }

describe('the day’s automatic backup', () => {
  it('is made after the sign-in has answered, complete, and recorded in the trail', async () => {
    const clock = movableClock()
    const app = await startTestApp({ clock })
    await app.call('coaches.create', coachInput({ legalName: 'Before The Backup' }))
    await app.call('auth.signOut', undefined)
    clock.advance(DAY)
    const target = join(app.core.backups.folder, 'auto-2026-11-23.casebook-backup')

    const answer = await app.core.router.call('auth.signIn', credentials, app.client)
    expect(answer).toMatchObject({ ok: true, value: { state: 'signed_in' } })
    // The answer is out; the copy is still being made on the worker thread, and no half-written file is in its place.
    expect(existsSync(target)).toBe(false)

    await app.core.backups.idle()
    expect(existsSync(target)).toBe(true)
    expect(readFileSync(target).subarray(0, 20).toString('latin1')).toBe('RCO-CASEBOOK-BACKUP\n')
    const events = app.snapshot()['audit_events']!
    expect(events.filter((e) => e['action'] === 'backup').at(-1)?.['summary']).toBe(
      'Automatic backup auto-2026-11-23.casebook-backup',
    )
    // Made from the file as signed in: a restore of it holds the coach.
    const restored = await startTestApp({ setup: false })
    await restored.call('backups.restore', { path: target, ...credentials })
    expect((await restored.call('coaches.list', { filter: 'all' })).items.map((c) => c.legalName)).toContain(
      'Before The Backup',
    )
  })

  it('is started once when two windows sign in at the same moment', async () => {
    const clock = movableClock()
    const app = await startTestApp({ clock })
    await app.call('auth.signOut', undefined)
    clock.advance(DAY)
    const other = app.clientFor('other window')
    await Promise.all([
      app.core.router.call('auth.signIn', credentials, app.client),
      app.core.router.call('auth.signIn', credentials, other.client),
    ])
    await app.core.backups.idle()
    expect(app.core.backups.automatic().map((b) => b.fileName)).toEqual([
      'auto-2026-11-23.casebook-backup',
      'auto-2026-11-22.casebook-backup',
    ])
    expect(app.log.entries).toEqual([])
  })
})

describe('the integrity check after opening', () => {
  it('runs after the answer; damage it finds ends every session, offers the latest backup, and makes no backup of the damaged file', async () => {
    const clock = movableClock()
    const app = await startTestApp({ clock })
    // Enough rows that the file has pages a sign-in never reads.
    for (let i = 0; i < 60; i++) {
      await app.call('coaches.create', coachInput({ legalName: `Coach ${i} ${'x'.repeat(150)}` }))
    }
    // A page of the coaches' rows (the last leaf, which a sign-in never reads): only a full read such as quick_check
    // meets it. Chosen by name, since the file's layout moves as features add tables.
    const sqlite = app.core.vault.database!.sqlite
    const pageSize = sqlite.pragma('page_size', { simple: true }) as number
    const leaf = sqlite
      .prepare("SELECT max(pageno) FROM dbstat WHERE name = 'coaches' AND pagetype = 'leaf'")
      .pluck()
      .get() as number
    await app.close()
    const file = app.core.databaseFile
    const bytes = readFileSync(file)
    bytes.fill(0x5a, (leaf - 1) * pageSize + 100, (leaf - 1) * pageSize + 200)
    writeFileSync(file, bytes)

    clock.advance(DAY)
    const reopened = await startTestApp({ dataDir: app.dataDir, setup: false, clock })
    const answer = await reopened.core.router.call('auth.signIn', credentials, reopened.client)
    expect(answer).toMatchObject({ ok: true, value: { state: 'signed_in' } })

    await reopened.core.vault.idle()
    const next = await reopened.core.router.call('coaches.list', {}, reopened.client)
    expect(next).toMatchObject({ ok: false, error: { code: 'unauthenticated' } })
    const status = await reopened.call('auth.status', undefined)
    expect(status).toMatchObject({
      state: 'unavailable',
      message: expect.stringMatching(/damaged/),
      latestBackup: { path: expect.stringContaining('auto-2026-11-22') },
    })
    expect(reopened.core.backups.automatic().map((b) => b.fileName)).toEqual(['auto-2026-11-22.casebook-backup'])
    expect(reopened.core.vault.database).toBeNull()
    // Signing in again meets the same finding instead of opening the file once more.
    await reopened.callError('auth.signIn', credentials, 'database_unavailable')
  })

  it('passes an undamaged file, and the session goes on', async () => {
    const app = await startTestApp()
    expect(await app.core.vault.passedCheck()).toBe(true)
    expect((await app.call('auth.status', undefined)).state).toBe('signed_in')
    expect(app.log.entries).toEqual([])
  })
})

describe('the supervisors’ file’s check after it is attached', () => {
  it('runs after the sign-in’s answer; damage it finds closes the file, is recorded, and the next sign-in sets it aside', async () => {
    const app = await startTestApp()
    const coach = await app.call('coaches.create', coachInput({ legalName: 'In Supervision' }))
    const session = await app.call('supervision.create', sessionInput([coach.id]))
    const sqlite = app.core.vault.database!.sqlite
    const note = sqlite.prepare(
      "INSERT INTO supervisors.private_notes (session_id, text, updated_at) VALUES (?, ?, '2026-11-22T10:00:00.000Z')",
    )
    for (let id = 1001; id <= 1080; id++) note.run(id, `Private note ${id} ${'p'.repeat(400)}`)
    // A page of the private notes' rows that a sign-in never reads: only a full read such as quick_check meets it.
    const pageSize = sqlite.pragma('supervisors.page_size', { simple: true }) as number
    const leaf = sqlite
      .prepare(
        "SELECT max(pageno) FROM dbstat WHERE schema = 'supervisors' AND name = 'private_notes' AND pagetype = 'leaf'",
      )
      .pluck()
      .get() as number
    await app.close()
    const file = app.core.vault.supervisorsFile
    const bytes = readFileSync(file)
    bytes.fill(0x5a, (leaf - 1) * pageSize + 100, (leaf - 1) * pageSize + 200)
    writeFileSync(file, bytes)

    const reopened = await startTestApp({ dataDir: app.dataDir, setup: false })
    const answer = await reopened.core.router.call('auth.signIn', credentials, reopened.client)
    expect(answer).toMatchObject({ ok: true, value: { state: 'signed_in' } })
    // Answered with the file attached; the check finishes after.
    await reopened.core.vault.idle()
    expect(reopened.core.vault.supervisorsAttached).toBe(false)
    const found = reopened.snapshot()['audit_events']!.filter((e) => e['action'] === 'supervisors_file')
    expect(found.map((e) => e['summary'])).toEqual([expect.stringMatching(/^The supervisors’ file was found damaged/)])
    // The main file and the session go on.
    expect((await reopened.call('auth.status', undefined)).state).toBe('signed_in')

    // Reading a session's private parts now says what to do, never a raw error.
    const privateRead = await reopened.core.router.call('supervision.get', { id: session.id }, reopened.client)
    expect(privateRead).toMatchObject({
      ok: false,
      error: { code: 'forbidden', message: expect.stringMatching(/sign in again as a supervisor/) },
    })

    // The next supervisor's sign-in, after a restart too, checks it before attaching: still damaged, so it is set
    // aside and a new one made.
    await reopened.close()
    const third = await startTestApp({ dataDir: app.dataDir, setup: false })
    await third.call('auth.signIn', credentials)
    expect(third.core.vault.supervisorsAttached).toBe(true)
    expect(existsSync(`${file}.check-first`)).toBe(false)
    const after = third.snapshot()['audit_events']!.filter((e) => e['action'] === 'supervisors_file')
    expect(after.at(-1)?.['summary']).toMatch(/set aside and an empty one made/)
    const setAside = readdirSync(dirname(file)).filter(
      (name) => name.startsWith(`${basename(file)}.replaced-`) && !/-(wal|shm)$/.test(name),
    )
    expect(setAside).toHaveLength(1)
    // Kept with its damage, never deleted.
    const damagedPage = readFileSync(join(dirname(file), setAside[0]!)).subarray(
      (leaf - 1) * pageSize + 100,
      (leaf - 1) * pageSize + 200,
    )
    expect(damagedPage.every((byte) => byte === 0x5a)).toBe(true)
  })
})
