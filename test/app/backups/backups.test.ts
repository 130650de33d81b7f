import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { Clock } from '../../../electron/app/clock'
import { weekOf } from '../../../electron/app/backups/backups.service'
import { LATEST_SCHEMA_VERSION } from '../../../electron/app/db/migrations'
import { coachInput, NOW, startTestApp, SUPERVISOR, type Snapshot, type TestApp } from '../helpers'

function movableClock(start = NOW): Clock & { advance(ms: number): void } {
  let now = new Date(start).getTime()
  return { now: () => new Date(now), advance: (ms) => (now += ms) }
}

const DAY = 24 * 60 * 60 * 1000

async function officeWithCoaches(count = 3): Promise<TestApp> {
  const app = await startTestApp()
  for (let i = 0; i < count; i++) await app.call('coaches.create', coachInput({ legalName: `Backed Up ${i}` }))
  return app
}

/** Every row but the failed sign-ins a wrong password or recovery key adds (by design: they are security events). */
function withoutFailedSignIns(snapshot: Snapshot): Snapshot {
  return { ...snapshot, audit_events: snapshot['audit_events']!.filter((row) => row['action'] !== 'sign_in_failed') }
}

/** The current database's files, byte for byte, to prove a refused restore touched nothing. */
function bytesOf(app: TestApp) {
  return [app.core.databaseFile, app.core.vault.keyringFile].map((f) => readFileSync(f).toString('base64')).join('|')
}

describe('backing up', () => {
  it('writes "Back up now" to the chosen file, encrypted, and never over an existing file', async () => {
    const app = await officeWithCoaches()
    const target = join(app.dataDir, 'chosen.casebook-backup')
    const info = await app.call('backups.create', { path: target })
    expect(info).toMatchObject({ path: target, fileName: 'chosen.casebook-backup', createdAt: NOW })
    expect(info.sizeBytes).toBeGreaterThan(1000)
    const bytes = readFileSync(target)
    for (const text of ['Backed Up 0', SUPERVISOR.username, 'Test Office'])
      expect(bytes.includes(Buffer.from(text))).toBe(false)
    expect((await app.call('backups.list', undefined)).lastBackupAt).toBe(NOW)

    const before = readFileSync(target)
    const again = await app.callError('backups.create', { path: target }, 'invalid_input')
    expect(again.fields?.['path']).toBeDefined()
    expect(readFileSync(target).equals(before)).toBe(true)
    await app.callError(
      'backups.create',
      { path: join(app.dataDir, 'no-such-folder', 'x.casebook-backup') },
      'invalid_input',
    )
    await app.callError('backups.create', { path: 'relative.casebook-backup' }, 'invalid_input')
    await app.callError('backups.create', { path: join(app.dataDir, 'wrong-extension.sqlite') }, 'invalid_input')
  })

  it('makes one automatic backup each day the app is used, keeping the last 7 days and the last 4 weeks', async () => {
    const clock = movableClock('2026-09-01T09:00:00.000Z')
    const app = await startTestApp({ clock })
    for (let day = 0; day < 60; day++) {
      if (day > 0) clock.advance(DAY)
      await app.call('auth.signOut', undefined)
      await app.call('auth.signIn', { username: SUPERVISOR.username, password: SUPERVISOR.password })
      await app.call('auth.signOut', undefined)
      await app.call('auth.signIn', { username: SUPERVISOR.username, password: SUPERVISOR.password }) // twice: still one a day
    }
    const files = readdirSync(join(app.dataDir, 'backups'))
      .filter((f) => f.endsWith('.casebook-backup'))
      .sort()
    const days = files.map((f) => f.slice(5, 15))
    const newestSeven = days.slice(-7)
    expect(newestSeven).toEqual([
      '2026-10-24',
      '2026-10-25',
      '2026-10-26',
      '2026-10-27',
      '2026-10-28',
      '2026-10-29',
      '2026-10-30',
    ])
    const weeks = new Set(days.map(weekOf))
    expect(weeks.size).toBe(4)
    expect(files.length).toBeLessThanOrEqual(7 + 4)
    const listed = await app.call('backups.list', undefined)
    expect(listed.automatic[0]!.fileName).toBe('auto-2026-10-30.casebook-backup')
    expect(listed.lastBackupAt).toBe('2026-10-30T09:00:00.000Z')
  })
})

describe('restoring', () => {
  it('brings back every row with the password of an account of that time, keeping the replaced files aside', async () => {
    const app = await officeWithCoaches()
    const coordinator = await app.signInAs('coordinator')
    const backup = join(app.dataDir, 'before.casebook-backup')
    const atBackup = app.snapshot()
    await app.call('backups.create', { path: backup })

    // Later changes, and a supervisor who did not exist when the backup was made.
    await app.call('coaches.create', coachInput({ legalName: 'Added After Backup' }))
    const later = await app.signInAs('supervisor', { username: 'later.supervisor' })
    await later.callError(
      'backups.restore',
      { path: backup, username: 'later.supervisor', password: later.password },
      'unauthenticated',
    )
    await coordinator.callError(
      'backups.restore',
      { path: backup, username: SUPERVISOR.username, password: SUPERVISOR.password },
      'forbidden',
    )

    const status = await app.call('backups.restore', {
      path: backup,
      username: SUPERVISOR.username,
      password: SUPERVISOR.password,
    })
    expect(status).toMatchObject({ state: 'signed_in', user: { username: SUPERVISOR.username } })
    const { audit_events: auditAfter, ...restored } = app.snapshot()
    const { audit_events: auditAtBackup, ...expected } = atBackup
    for (const table of Object.keys(expected)) expect(restored[table], table).toEqual(expected[table])
    expect(auditAfter!.filter((row) => auditAtBackup!.some((kept) => kept['id'] === row['id']))).toEqual(auditAtBackup)
    expect((await app.call('coaches.list', { filter: 'all' })).items.map((c) => c.legalName)).not.toContain(
      'Added After Backup',
    )
    // Everyone else was signed out; the replaced files are kept.
    await coordinator.callError('coaches.list', {}, 'unauthenticated')
    const aside = readdirSync(join(app.dataDir, 'replaced'))
    expect(aside).toHaveLength(1)
    expect(readdirSync(join(app.dataDir, 'replaced', aside[0]!))).toEqual(
      expect.arrayContaining(['casebook.sqlite', 'casebook.keys.json']),
    )
    // The accounts are those of the backup's time.
    await app
      .clientFor('z')
      .callError('auth.signIn', { username: 'later.supervisor', password: later.password }, 'unauthenticated')
  })

  it('restores with the recovery key onto a new machine', async () => {
    const app = await officeWithCoaches(2)
    const backup = join(app.dataDir, 'to-carry.casebook-backup')
    await app.call('backups.create', { path: backup })
    const elsewhere = await startTestApp({ setup: false })
    expect((await elsewhere.call('auth.status', undefined)).state).toBe('setup')
    expect(await elsewhere.call('backups.restore', { path: backup, recoveryKey: app.recoveryKey })).toEqual({
      state: 'signed_out',
    })
    await elsewhere.call('auth.signIn', { username: SUPERVISOR.username, password: SUPERVISOR.password })
    expect((await elsewhere.call('coaches.list', { filter: 'all' })).total).toBe(2)
  })

  it.each([
    ['a text file', () => Buffer.from('just some notes\n')],
    ['random bytes', () => Buffer.from(Array.from({ length: 5000 }, (_, i) => (i * 7919) % 256))],
  ])('refuses %s, changing nothing', async (_, content) => {
    const app = await officeWithCoaches()
    const file = join(app.dataDir, 'odd.casebook-backup')
    writeFileSync(file, content())
    const before = app.snapshot()
    const bytes = bytesOf(app)
    const error = await app.callError(
      'backups.restore',
      { path: file, username: SUPERVISOR.username, password: SUPERVISOR.password },
      'invalid_input',
    )
    expect(error.message).toMatch(/not a backup/)
    expect(app.snapshot()).toEqual(before)
    expect(bytesOf(app)).toBe(bytes)
  })

  it('refuses a truncated, a damaged and a newer-version backup, changing nothing', async () => {
    const app = await officeWithCoaches()
    const good = join(app.dataDir, 'good.casebook-backup')
    await app.call('backups.create', { path: good })
    const original = readFileSync(good)
    const headerEnd = original.indexOf('}\u0000') > 0 ? original.indexOf('}\u0000') : original.length - 8192

    const truncated = join(app.dataDir, 'truncated.casebook-backup')
    writeFileSync(truncated, original.subarray(0, original.length - 4096))
    const damaged = join(app.dataDir, 'damaged.casebook-backup')
    const broken = Buffer.from(original)
    broken.fill(0, original.length - 4096 * 2, original.length - 4096) // a page inside the database zeroed
    writeFileSync(damaged, broken)
    const newer = join(app.dataDir, 'newer.casebook-backup')
    // The header rewritten with a schema from the future, and its length with it (the version may gain a digit).
    const headerLength = original.readUInt32BE(20)
    const header = JSON.parse(original.subarray(24, 24 + headerLength).toString('utf8'))
    const newerHeader = Buffer.from(JSON.stringify({ ...header, schemaVersion: LATEST_SCHEMA_VERSION + 1 }), 'utf8')
    const newerLength = Buffer.alloc(4)
    newerLength.writeUInt32BE(newerHeader.length)
    writeFileSync(
      newer,
      Buffer.concat([original.subarray(0, 20), newerLength, newerHeader, original.subarray(24 + headerLength)]),
    )
    void headerEnd

    const before = app.snapshot()
    const bytes = bytesOf(app)
    const credentials = { username: SUPERVISOR.username, password: SUPERVISOR.password }
    expect(
      (await app.callError('backups.restore', { path: truncated, ...credentials }, 'invalid_input')).message,
    ).toMatch(/incomplete/)
    expect(
      (await app.callError('backups.restore', { path: damaged, ...credentials }, 'invalid_input')).message,
    ).toMatch(/damaged/)
    expect((await app.callError('backups.restore', { path: newer, ...credentials }, 'invalid_input')).message).toMatch(
      /newer version/,
    )
    await app.callError(
      'backups.restore',
      { path: join(app.dataDir, 'missing.casebook-backup'), ...credentials },
      'invalid_input',
    )
    await app.callError(
      'backups.restore',
      { path: good, username: SUPERVISOR.username, password: 'wrong password!' },
      'unauthenticated',
    )
    // The one row a refused restore adds, on purpose: the wrong password, recorded as a failed sign-in.
    expect(withoutFailedSignIns(app.snapshot())).toEqual(before)
    expect(app.snapshot()['audit_events']!.filter((e) => e['action'] === 'sign_in_failed')).toHaveLength(1)
    expect(bytesOf(app)).toBe(bytes)
    expect(existsSync(join(app.dataDir, 'replaced'))).toBe(false)
  })

  it('slows down repeated wrong passwords and recovery keys, as sign-in does', async () => {
    const clock = movableClock()
    const app = await startTestApp({ clock })
    const backup = join(app.dataDir, 'guarded.casebook-backup')
    await app.call('backups.create', { path: backup })
    const elsewhere = await startTestApp({ setup: false, clock })
    for (let i = 0; i < 3; i++) {
      await elsewhere.callError(
        'backups.restore',
        { path: backup, username: SUPERVISOR.username, password: `guess ${i}` },
        'unauthenticated',
      )
    }
    await elsewhere.callError('backups.restore', { path: backup, recoveryKey: app.recoveryKey }, 'too_many_attempts')
    clock.advance(1000)
    expect((await elsewhere.call('backups.restore', { path: backup, recoveryKey: app.recoveryKey })).state).toBe(
      'signed_out',
    )
  })

  it('loses nothing in a round trip taken while writes are going on', async () => {
    const app = await officeWithCoaches(1)
    const writer = app.clientFor('writer')
    await writer.call('auth.signIn', { username: SUPERVISOR.username, password: SUPERVISOR.password })
    let writing = true
    let written = 0
    const writes = (async () => {
      while (writing) {
        const coach = await writer.call('coaches.create', coachInput({ legalName: `Concurrent ${written}` }))
        await writer.call('coaches.setStage', {
          id: coach.id,
          expectedVersion: coach.version,
          stage: 'rcp',
          changedOn: '2026-11-01',
        })
        written++
        await new Promise((resolve) => setImmediate(resolve))
      }
    })()
    while (written < 5) await new Promise((resolve) => setTimeout(resolve, 1))
    const backup = join(app.dataDir, 'busy.casebook-backup')
    // Writes go on while the copy is made (on a worker thread): only those finished before the call began must be in.
    const writtenAtBackup = written
    await app.call('backups.create', { path: backup })
    while (written < writtenAtBackup + 5) await new Promise((resolve) => setTimeout(resolve, 1))
    writing = false
    await writes

    await app.call('backups.restore', { path: backup, username: SUPERVISOR.username, password: SUPERVISOR.password })
    const rows = app.snapshot()
    const coaches = rows['coaches']!
    // Every coach finished before the backup is there; no coach is there without its history (no half transaction).
    expect(coaches.length).toBeGreaterThanOrEqual(1 + writtenAtBackup)
    expect(coaches.length).toBeLessThan(1 + written)
    for (const coach of coaches) {
      expect(rows['coach_status_changes']!.filter((s) => s['coach_id'] === coach['id'])).toHaveLength(1)
      const stages = rows['coach_stage_changes']!.filter((s) => s['coach_id'] === coach['id'])
      expect(stages.length).toBe(coach['career_stage'] === 'rcp' ? 2 : 1)
    }
    expect(app.core.vault.database!.sqlite.pragma('integrity_check', { simple: true })).toBe('ok')
  })

  it('offers the latest backup when the database cannot be opened, and restores it without writing to the damaged file', async () => {
    const clock = movableClock()
    const app = await startTestApp({ clock })
    for (const name of ['First Kept', 'Second Kept']) await app.call('coaches.create', coachInput({ legalName: name }))
    clock.advance(DAY)
    // The next day's first use (the locked session ended overnight): its automatic backup.
    await app.call('auth.signIn', { username: SUPERVISOR.username, password: SUPERVISOR.password })
    await app.call('auth.signOut', undefined)
    const { backups } = app.core
    expect(backups.automatic()).toHaveLength(2)
    await app.close()
    // Damage the database: overwrite its second page.
    const file = app.core.databaseFile
    const damaged = readFileSync(file)
    damaged.fill(0xab, 4096, 8192)
    writeFileSync(file, damaged)

    const reopened = await startTestApp({ dataDir: app.dataDir, setup: false })
    await reopened.callError(
      'auth.signIn',
      { username: SUPERVISOR.username, password: SUPERVISOR.password },
      'database_unavailable',
    )
    const status = await reopened.call('auth.status', undefined)
    expect(status).toMatchObject({ state: 'unavailable', latestBackup: { path: expect.stringContaining('auto-') } })
    expect(readFileSync(file).equals(damaged)).toBe(true)
    if (status.state !== 'unavailable') throw new Error('unreachable')
    const restored = await reopened.call('backups.restore', {
      path: status.latestBackup!.path,
      username: SUPERVISOR.username,
      password: SUPERVISOR.password,
    })
    expect(restored.state).toBe('signed_in')
    expect((await reopened.call('coaches.list', { filter: 'all' })).total).toBe(2)
  })

  it('moves the current files back when the swap fails half way, and the office opens as before', async () => {
    const app = await officeWithCoaches(2)
    const backup = join(app.dataDir, 'swap.casebook-backup')
    await app.call('backups.create', { path: backup })
    await app.call('coaches.create', coachInput({ legalName: 'Only In Current' }))
    const before = app.snapshot()
    // The place the key file would be set aside to is taken by a folder: the swap fails after moving the database.
    const aside = join(app.dataDir, 'replaced', NOW.replace(/[:.]/g, '-'))
    mkdirSync(join(aside, 'casebook.keys.json', 'blocker'), { recursive: true })
    const result = await app.callRaw('backups.restore', {
      path: backup,
      username: SUPERVISOR.username,
      password: SUPERVISOR.password,
    })
    expect(result.ok).toBe(false)
    expect(existsSync(join(app.dataDir, 'restore-pending.json'))).toBe(false)
    expect(existsSync(app.core.databaseFile)).toBe(true)
    const again = app.clientFor('after-failed-swap')
    expect((await again.call('auth.status', undefined)).state).toBe('signed_out')
    await again.call('auth.signIn', { username: SUPERVISOR.username, password: SUPERVISOR.password })
    expect((await again.call('coaches.list', {})).items.map((c) => c.legalName)).toContain('Only In Current')
    const { audit_events: _a, ...rows } = app.snapshot()
    const { audit_events: _b, ...rowsBefore } = before
    expect(rows).toEqual(rowsBefore)
  })

  it('undoes a restore cut off by a crash at the next start', async () => {
    const app = await officeWithCoaches(2)
    await app.close()
    // What a kill right after moving the current files aside leaves: a marker, the files aside, nothing in place.
    const aside = join(app.dataDir, 'replaced', 'cut-off')
    mkdirSync(aside, { recursive: true })
    for (const name of ['casebook.sqlite', 'casebook.keys.json']) renameSync(join(app.dataDir, name), join(aside, name))
    writeFileSync(
      join(app.dataDir, 'restore-pending.json'),
      JSON.stringify({
        aside,
        staged: join(app.dataDir, '.restore-x.sqlite'),
        newKeyring: join(app.dataDir, 'casebook.keys.json.restoring'),
      }),
    )
    const reopened = await startTestApp({ dataDir: app.dataDir })
    expect((await reopened.call('coaches.list', {})).total).toBe(2)
    expect(existsSync(join(app.dataDir, 'restore-pending.json'))).toBe(false)
    expect(reopened.log.entries.map((e) => e.message)).toEqual([expect.stringMatching(/restore was cut off.*undone/)])
  })

  it('counts restore attempts sent all at once, so they cannot slip past the slow-down', async () => {
    const app = await officeWithCoaches(1)
    const backup = join(app.dataDir, 'raced.casebook-backup')
    await app.call('backups.create', { path: backup })
    const elsewhere = await startTestApp({ setup: false })
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        elsewhere.callRaw('backups.restore', {
          path: backup,
          username: SUPERVISOR.username,
          password: `wrong guess ${i}`,
        }),
      ),
    )
    const codes = results.map((r) => (r.ok ? 'ok' : r.error.code))
    expect(codes.filter((c) => c === 'unauthenticated')).toHaveLength(3)
    expect(codes.filter((c) => c === 'too_many_attempts')).toHaveLength(3)
  })

  it('refuses a crafted backup whose key file asks for a huge key derivation, before deriving anything', async () => {
    const app = await officeWithCoaches(1)
    const good = join(app.dataDir, 'honest.casebook-backup')
    await app.call('backups.create', { path: good })
    const text = readFileSync(good).toString('latin1')
    const crafted = join(app.dataDir, 'crafted.casebook-backup')
    // Same length, so the header still parses: N=2^10 ("1024") becomes 9999 (not a power of two, and never allowed).
    writeFileSync(crafted, Buffer.from(text.replaceAll('"N":1024', '"N":9999'), 'latin1'))
    const error = await app.callError(
      'backups.restore',
      { path: crafted, username: SUPERVISOR.username, password: SUPERVISOR.password },
      'invalid_input',
    )
    expect(error.message).toMatch(/damaged or from a version/)
  })

  it('waits for a transaction in progress before backing up, instead of failing', async () => {
    const app = await officeWithCoaches(1)
    let release!: () => void
    const held = new Promise<void>((resolve) => (release = resolve))
    const transaction = app.core.vault.db.transaction().execute(async (trx) => {
      await trx.updateTable('office_settings').set({ office_name: 'Mid-transaction' }).execute()
      await held
    })
    const backup = app.call('backups.create', { path: join(app.dataDir, 'patient.casebook-backup') })
    await new Promise((resolve) => setTimeout(resolve, 20))
    release()
    await transaction
    expect((await backup).sizeBytes).toBeGreaterThan(0)
  })
})
