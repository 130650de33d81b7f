import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { fixedClock, type Clock } from '../../../electron/app/clock'
import { RETRY_CEILING_MS, retryDelayMs } from '../../../electron/app/auth/throttle'
import { deriveKey, PASSWORD_KDF, readKeyring } from '../../../electron/app/auth/keyring'
import { NOW, startTestApp, SUPERVISOR } from '../helpers'

/** A clock the test moves forward by hand. */
function movableClock(start = NOW): Clock & { advance(ms: number): void } {
  let now = new Date(start).getTime()
  return { now: () => new Date(now), advance: (ms) => (now += ms) }
}

describe('password hashing', () => {
  it("uses at least OWASP's minimum for scrypt, and writes its parameters and the office's salt into the key file", async () => {
    expect(PASSWORD_KDF.N).toBeGreaterThanOrEqual(2 ** 17)
    expect(PASSWORD_KDF.r).toBeGreaterThanOrEqual(8)
    expect(PASSWORD_KDF.p).toBeGreaterThanOrEqual(1)
    // The real cost, once: the app, not only the constant, uses it.
    const app = await startTestApp({ passwordKdf: PASSWORD_KDF })
    const keyring = readKeyring(app.core.vault.keyringFile)!
    expect(keyring.accounts[0]!.kdf).toEqual({ N: 2 ** 17, r: 8, p: 1 })
    expect(keyring.recovery.kdf).toEqual({ N: 2 ** 17, r: 8, p: 1 })
    expect(Buffer.from(keyring.salt, 'base64')).toHaveLength(16)
    const second = await app.signInAs('coordinator')
    const slots = readKeyring(app.core.vault.keyringFile)!.accounts
    expect(slots).toHaveLength(2)
    // Each account's derivation is salted by the office's salt and its own username: no two slots seal alike.
    expect(slots[0]!.wrapped).not.toBe(slots[1]!.wrapped)
    expect(second.accountId).toBe(2)
  })

  it('derives different keys from one password with different salts, and the same key again from the same salt', async () => {
    const kdf = { N: 2 ** 10, r: 8, p: 1 }
    const a = await deriveKey('same password here', Buffer.alloc(16, 1), kdf)
    const b = await deriveKey('same password here', Buffer.alloc(16, 2), kdf)
    const again = await deriveKey('same password here', Buffer.alloc(16, 1), kdf)
    expect(a.equals(b)).toBe(false)
    expect(a.equals(again)).toBe(true)
  })

  it('refuses a password shorter than 12 characters for a new account, a change and a reset', async () => {
    const app = await startTestApp()
    const before = app.snapshot()
    const keyFile = readFileSync(app.core.vault.keyringFile)
    const error = await app.callError(
      'accounts.create',
      { username: 'short.pw', displayName: 'S', role: 'coordinator', password: 'elevenchars' },
      'invalid_input',
    )
    expect(error.fields?.['password']).toMatch(/at least 12/)
    await app.callError(
      'auth.changePassword',
      { currentPassword: SUPERVISOR.password, newPassword: 'x'.repeat(11) },
      'invalid_input',
    )
    expect(app.snapshot()).toEqual(before)
    expect(readFileSync(app.core.vault.keyringFile).equals(keyFile)).toBe(true)
  })
})

describe('signing in', () => {
  it('refuses a wrong password and an unknown username with the same answer, and a right one signs in', async () => {
    const app = await startTestApp()
    const window = app.clientFor('another-window')
    const wrong = await window.callError(
      'auth.signIn',
      { username: SUPERVISOR.username, password: 'not the password' },
      'unauthenticated',
    )
    const unknown = await window.callError(
      'auth.signIn',
      { username: 'nobody.here', password: 'not the password' },
      'unauthenticated',
    )
    expect(unknown.message).toBe(wrong.message)
    expect(await window.call('auth.status', undefined)).toEqual({ state: 'signed_out' })
    const status = await window.call('auth.signIn', { username: 'PAT.Supervisor', password: SUPERVISOR.password })
    expect(status).toMatchObject({ state: 'signed_in', user: { username: SUPERVISOR.username, role: 'supervisor' } })
  })

  it('slows each wrong try down, doubling up to a ceiling, and never locks anyone out for good', async () => {
    const clock = movableClock()
    const app = await startTestApp({ clock })
    const coordinator = await app.signInAs('coordinator')
    const username = 'coordinator.1'
    const window = app.clientFor('guessing-window')
    const wrong = { username, password: 'a wrong guess' }
    const waits: number[] = []
    for (let attempt = 1; attempt <= 40; attempt++) {
      await window.callError('auth.signIn', wrong, 'unauthenticated')
      const wait = retryDelayMs(attempt)
      waits.push(wait)
      if (wait === 0) continue
      // Straight away, even the right password is refused: the name must wait, and says for how long.
      const early = await window.callError(
        'auth.signIn',
        { username, password: coordinator.password },
        'too_many_attempts',
      )
      expect(early.message).toMatch(new RegExp(`Wait ${Math.ceil(wait / 1000)} seconds?`))
      if (attempt === 10) {
        await app.call('auth.unlock', { password: SUPERVISOR.password }).catch(() => undefined)
        const listed = (await app.call('accounts.list', undefined)).find((a) => a.username === username)!
        expect(listed.locked).toBe(true)
      }
      clock.advance(wait)
    }
    expect(waits.slice(0, 8)).toEqual([0, 0, 1000, 2000, 4000, 8000, 16_000, 32_000])
    expect(Math.max(...waits)).toBe(RETRY_CEILING_MS)
    expect(waits.at(-1)).toBe(RETRY_CEILING_MS)
    // After forty wrong tries in a row, the right password still signs in once the ceiling's wait is over.
    const back = await window.call('auth.signIn', { username, password: coordinator.password })
    expect(back).toMatchObject({ state: 'signed_in', user: { username } })
    await app.call('auth.unlock', { password: SUPERVISOR.password }).catch(() => undefined)
    expect((await app.call('accounts.list', undefined)).find((a) => a.username === username)!.locked).toBe(false)
  })

  it('counts only wrong passwords in a row: a right one clears the count', async () => {
    const clock = movableClock()
    const app = await startTestApp({ clock })
    const coordinator = await app.signInAs('coordinator')
    const window = app.clientFor('w')
    for (let round = 0; round < 3; round++) {
      for (let i = 0; i < 2; i++)
        await window.callError(
          'auth.signIn',
          { username: 'coordinator.1', password: 'a wrong guess' },
          'unauthenticated',
        )
      await window.call('auth.signIn', { username: 'coordinator.1', password: coordinator.password })
    }
    expect(readKeyring(app.core.vault.keyringFile)!.throttle).toEqual({})
    expect(coordinator.accountId).toBe(2)
  })

  it('shuts a deactivated account out at once and for good, and keeps its history', async () => {
    const app = await startTestApp()
    const coordinator = await app.signInAs('coordinator')
    await coordinator.call(
      'coaches.create',
      (await import('../helpers')).coachInput({ legalName: 'Made By Coordinator' }),
    )
    const account = (await app.call('accounts.list', undefined)).find((a) => a.id === coordinator.accountId)!
    const deactivated = await app.call('accounts.deactivate', { id: account.id, version: account.version })
    expect(deactivated).toMatchObject({ active: false, deactivatedAt: NOW })

    await coordinator.callError('coaches.list', {}, 'unauthenticated')
    await app
      .clientFor('fresh')
      .callError('auth.signIn', { username: 'coordinator.1', password: coordinator.password }, 'unauthenticated')
    expect(readKeyring(app.core.vault.keyringFile)!.accounts.map((s) => s.accountId)).not.toContain(account.id)

    const history = await app.call('audit.list', { accountId: account.id })
    expect(history.items.map((e) => e.action)).toEqual(expect.arrayContaining(['create', 'sign_in', 'change_password']))
    expect(history.items.every((e) => e.actor === 'coordinator.1')).toBe(true)
  })

  it('will not deactivate the signed-in supervisor, nor the last active supervisor', async () => {
    const app = await startTestApp()
    const before = app.snapshot()
    const me = (await app.call('accounts.list', undefined))[0]!
    await app.callError('accounts.deactivate', { id: me.id, version: me.version }, 'invalid_input')
    expect(app.snapshot()).toEqual(before)
    const other = await app.signInAs('supervisor')
    await other.call('accounts.deactivate', { id: me.id, version: me.version })
    await app.callError('coaches.list', {}, 'unauthenticated')
  })

  it('answers a stale account version with conflict and changes nothing', async () => {
    const app = await startTestApp()
    const coordinator = await app.signInAs('coordinator')
    const before = app.snapshot()
    await app.callError(
      'accounts.resetPassword',
      { id: coordinator.accountId, version: 1, password: 'another-password-9' },
      'conflict',
    )
    await app.callError('accounts.deactivate', { id: 99, version: 1 }, 'not_found')
    await app.callError(
      'accounts.create',
      { username: 'Coordinator.1', displayName: 'Dup', role: 'coordinator', password: 'another-password-9' },
      'conflict',
    )
    await app.callError(
      'accounts.create',
      { username: 'coach.x', displayName: 'No coach', role: 'coach', password: 'another-password-9' },
      'invalid_input',
    )
    await app.callError(
      'accounts.create',
      { username: 'coach.x', displayName: 'Ghost', role: 'coach', coachId: 404, password: 'another-password-9' },
      'invalid_input',
    )
    expect(app.snapshot()).toEqual(before)
  })

  it('locks a session idle longer than the automatic lock, and only the same password unlocks it', async () => {
    const clock = movableClock()
    const app = await startTestApp({ clock })
    await app.call('settings.update', { officeName: 'Office', coachTitle: 'ally', autoLockMinutes: 5 })
    clock.advance(4 * 60_000)
    await app.call('coaches.list', {}) // activity keeps it open
    clock.advance(4 * 60_000)
    expect((await app.call('auth.status', undefined)).state).toBe('signed_in')
    clock.advance(5 * 60_000 + 1)
    expect(await app.call('auth.status', undefined)).toEqual({
      state: 'locked',
      user: { username: SUPERVISOR.username, displayName: SUPERVISOR.displayName },
    })
    await app.callError('coaches.list', {}, 'unauthenticated')
    await app.callError('auth.unlock', { password: 'someone else’s password' }, 'unauthenticated')
    expect((await app.call('auth.unlock', { password: SUPERVISOR.password })).state).toBe('signed_in')
    expect((await app.call('coaches.list', {})).total).toBe(0)
  })

  it('counts a touch from the screen as activity, but a touch does not unlock', async () => {
    const clock = movableClock()
    const app = await startTestApp({ clock })
    for (let i = 0; i < 3; i++) {
      clock.advance(9 * 60_000)
      expect((await app.call('auth.touch', undefined)).state).toBe('signed_in')
    }
    clock.advance(10 * 60_000 + 1)
    expect((await app.call('auth.touch', undefined)).state).toBe('locked')
    expect((await app.call('auth.touch', undefined)).state).toBe('locked')
    expect(await app.clientFor('nobody').call('auth.touch', undefined)).toEqual({ state: 'signed_out' })
  })

  it('signs out at any time, locked or not', async () => {
    const app = await startTestApp()
    await app.call('auth.lock', undefined)
    expect(await app.call('auth.signOut', undefined)).toEqual({ state: 'signed_out' })
    await app.callError('settings.get', {}, 'unauthenticated')
  })

  it('sets a new supervisor password with the recovery key when every password is lost', async () => {
    const app = await startTestApp()
    const window = app.clientFor('recovery-window')
    await window.callError(
      'auth.recover',
      { recoveryKey: 'A'.repeat(40), username: SUPERVISOR.username, newPassword: 'brand-new-password-1' },
      'unauthenticated',
    )
    const coordinator = await app.signInAs('coordinator')
    await window.callError(
      'auth.recover',
      { recoveryKey: app.recoveryKey, username: 'coordinator.1', newPassword: 'brand-new-password-1' },
      'invalid_input',
    )
    const status = await window.call('auth.recover', {
      recoveryKey: app.recoveryKey.toLowerCase(),
      username: SUPERVISOR.username,
      newPassword: 'brand-new-password-1',
    })
    expect(status).toMatchObject({ state: 'signed_in', user: { username: SUPERVISOR.username } })
    await app
      .clientFor('x')
      .callError('auth.signIn', { username: SUPERVISOR.username, password: SUPERVISOR.password }, 'unauthenticated')
    expect(
      (
        await app
          .clientFor('y')
          .call('auth.signIn', { username: SUPERVISOR.username, password: 'brand-new-password-1' })
      ).state,
    ).toBe('signed_in')
    expect(coordinator.accountId).toBe(2)
  })
})

describe('the key file and the database stay in step', () => {
  it('puts the key file back when the transaction that changed it fails at commit', async () => {
    const app = await startTestApp()
    const coordinator = await app.signInAs('coordinator')
    const keyFile = readFileSync(app.core.vault.keyringFile)
    const before = app.snapshot()
    // A constraint checked only at COMMIT: the reset's transaction runs, saves the key file, then fails to commit.
    app.core.vault.database!.sqlite.exec(`
      CREATE TEMP TABLE fault_parent (id INTEGER PRIMARY KEY);
      CREATE TEMP TABLE fault_child (parent_id INTEGER REFERENCES fault_parent (id) DEFERRABLE INITIALLY DEFERRED);
      CREATE TEMP TRIGGER fault_at_commit AFTER UPDATE ON main.accounts BEGIN INSERT INTO fault_child VALUES (404); END;
    `)
    const account = (await app.call('accounts.list', undefined)).find((a) => a.id === coordinator.accountId)!
    await app.callError(
      'accounts.resetPassword',
      { id: account.id, version: account.version, password: 'never-committed-1' },
      'conflict',
    )
    expect(app.snapshot()).toEqual(before)
    expect(readFileSync(app.core.vault.keyringFile).equals(keyFile)).toBe(true)
    const window = app.clientFor('after-fault')
    await window.callError(
      'auth.signIn',
      { username: 'coordinator.1', password: 'never-committed-1' },
      'unauthenticated',
    )
    expect(
      (await window.call('auth.signIn', { username: 'coordinator.1', password: coordinator.password })).state,
    ).toBe('signed_in')
  })

  it('starts first run again after one cut off before its database was in place', async () => {
    const first = await startTestApp({ setup: false })
    const { writeFileSync } = await import('node:fs')
    // What a crash between writing the key file and renaming the new database leaves behind.
    writeFileSync(
      join(first.dataDir, 'casebook.keys.json'),
      JSON.stringify({ format: 'rco-casebook-keyring', version: 1, lookupSalt: '', accounts: [], recovery: {} }),
    )
    writeFileSync(join(first.dataDir, 'casebook.sqlite.setup'), 'half-built')
    expect((await first.call('auth.status', undefined)).state).toBe('setup')
    await first.call('auth.setup', { officeName: 'Second Try', coachTitle: 'ally', ...SUPERVISOR })
    expect((await first.call('settings.get', undefined)).officeName).toBe('Second Try')
    expect(readdirSync(first.dataDir).filter((f) => f.startsWith('casebook.keys.json.replaced-'))).toHaveLength(1)
    expect(readdirSync(first.dataDir)).not.toContain('casebook.sqlite.setup')
  })

  it('signs out the other sessions of an account whose password changed', async () => {
    const app = await startTestApp()
    const coordinator = await app.signInAs('coordinator')
    const elsewhere = app.clientFor('second-window')
    await elsewhere.call('auth.signIn', { username: 'coordinator.1', password: coordinator.password })
    await coordinator.call('auth.changePassword', {
      currentPassword: coordinator.password,
      newPassword: 'changed-password-7',
    })
    await elsewhere.callError('coaches.list', {}, 'unauthenticated')
    expect((await coordinator.call('coaches.list', {})).total).toBe(0)
  })
})

describe('secrets stay in the main process', () => {
  it('never puts a password in a log, an answer, an error or the audit trail', async () => {
    const app = await startTestApp()
    const secrets = ['Pw-Secret-Alpha-001', 'Pw-Secret-Bravo-002', 'Pw-Secret-Charlie-3', 'Pw-Secret-Delta-004']
    const answers: unknown[] = []
    const record = async (p: Promise<unknown>) => answers.push(await p)
    const window = app.clientFor('w')
    await record(
      app.callRaw('accounts.create', {
        username: 'leak.test',
        displayName: 'Leak',
        role: 'coordinator',
        password: secrets[0],
      }),
    )
    await record(window.callRaw('auth.signIn', { username: 'leak.test', password: secrets[1] }))
    await record(window.callRaw('auth.signIn', { username: 'leak.test', password: secrets[0] }))
    await record(window.callRaw('auth.changePassword', { currentPassword: secrets[0], newPassword: secrets[2] }))
    await record(window.callRaw('auth.changePassword', { currentPassword: secrets[3], newPassword: secrets[3] + 'x' }))
    await record(window.callRaw('auth.changePassword', { currentPassword: secrets[2], newPassword: secrets[2] }))
    await record(window.callRaw('auth.unlock', { password: secrets[3] }))
    await record(window.callRaw('auth.signIn', { username: 'leak.test', password: 42 }))
    await record(
      app.callRaw('accounts.create', { username: 'x', displayName: 'Bad', role: 'coordinator', password: secrets[3] }),
    )
    await record(
      window.callRaw('auth.recover', { recoveryKey: secrets[3], username: 'leak.test', newPassword: secrets[3] }),
    )

    const everything = JSON.stringify({ answers, log: app.log.entries, rows: app.snapshot() })
    for (const secret of secrets) expect(everything).not.toContain(secret)
    expect(everything).not.toContain(app.recoveryKey)
    const keyFile = readFileSync(app.core.vault.keyringFile, 'utf8')
    for (const secret of [...secrets, app.recoveryKey, app.recoveryKey.replaceAll('-', '')])
      expect(keyFile).not.toContain(secret)
  })
})

describe('the audit trail', () => {
  it('records every write with who, when, what kind of record, which id and which action; no text, no scores', async () => {
    const app = await startTestApp()
    const { coachInput } = await import('../helpers')
    const coach = await app.call(
      'coaches.create',
      coachInput({ legalName: 'Audited Person', email: 'audited@example.org' }),
    )
    await app.call('coaches.setStatus', {
      id: coach.id,
      expectedVersion: coach.version,
      status: 'on_leave',
      effectiveOn: '2026-11-01',
      note: 'Private reason',
    })
    await app.call('settings.update', { officeName: 'Audit Office', coachTitle: 'ally' })
    const page = await app.call('audit.list', {})
    expect(page.items.slice(0, 3).map((e) => [e.action, e.recordType, e.recordId, e.actor, e.at])).toEqual([
      ['update', 'office_settings', null, SUPERVISOR.username, NOW],
      ['set_status', 'coach', coach.id, SUPERVISOR.username, NOW],
      ['create', 'coach', coach.id, SUPERVISOR.username, NOW],
    ])
    const rows = JSON.stringify(app.snapshot()['audit_events'])
    for (const text of ['Audited Person', 'audited@example.org', 'Private reason', 'Audit Office'])
      expect(rows).not.toContain(text)
  })

  it('filters by account, record type, action, record and dates, and pages newest first', async () => {
    const clock = movableClock('2026-11-20T10:00:00.000Z')
    const app = await startTestApp({ clock })
    const { coachInput } = await import('../helpers')
    for (let i = 0; i < 5; i++) {
      await app.call('coaches.create', coachInput({ legalName: `Paged ${i}` }))
      clock.advance(24 * 60 * 60 * 1000)
      // A day later the locked session has ended: signed in again.
      await app.call('auth.signIn', { username: SUPERVISOR.username, password: SUPERVISOR.password })
    }
    const creates = await app.call('audit.list', { action: 'create', recordType: 'coach', limit: 2 })
    expect(creates.items.map((e) => e.recordId)).toEqual([5, 4])
    const next = await app.call('audit.list', {
      action: 'create',
      recordType: 'coach',
      limit: 2,
      cursor: creates.nextCursor!,
    })
    expect(next.items.map((e) => e.recordId)).toEqual([3, 2])
    const byDay = await app.call('audit.list', { recordType: 'coach', from: '2026-11-21', to: '2026-11-22' })
    expect(byDay.items.map((e) => e.recordId)).toEqual([3, 2])
    expect((await app.call('audit.list', { recordType: 'coach', recordId: 4 })).items).toHaveLength(1)
    await app.callError('audit.list', { cursor: 'garbage' }, 'invalid_input')
    await app.callError('audit.list', { from: '2026-02-30' }, 'invalid_input')
  })

  it('cannot be changed or deleted, even by SQL inside the app', async () => {
    const app = await startTestApp()
    const sqlite = app.core.vault.database!.sqlite
    const before = app.snapshot()['audit_events']
    expect(() => sqlite.prepare('UPDATE audit_events SET action = ?').run('read')).toThrow(/append-only/)
    expect(() => sqlite.prepare('DELETE FROM audit_events').run()).toThrow(/append-only/)
    expect(app.snapshot()['audit_events']).toEqual(before)
  })
})

void fixedClock
