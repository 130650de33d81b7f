import { cpSync, existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { readKeyring } from '../../../electron/app/auth/keyring'
import { startTestApp, SUPERVISOR, tempDir } from '../helpers'

/**
 * An office from before issue 9, as the previous version left it (test/fixtures/legacy-office, made with main at
 * 5a21b50: schema 4, a version-1 key file that found accounts by a salted sha256 of the username, a format-1 backup).
 * Accounts: pat.supervisor (supervisor-password-1) and, each still on a first password, cora.coordinator
 * (coordinator-password-1), casey.coach (coach-password-1) and sam.supervisor (supervisor-password-2).
 */
const FIXTURE = join(__dirname, '../../fixtures/legacy-office')
const RECOVERY_KEY = 'LNO3Q-5ORYP-EKGCY-MYEAD-HNDY3-J5EGW-OJZLU-JT7CN'

function legacyOffice() {
  const dataDir = tempDir()
  cpSync(join(FIXTURE, 'data'), dataDir, { recursive: true })
  return dataDir
}

describe('an office from before the supervisors’ key', () => {
  it('opens, chains its trail, makes the supervisors’ key at the first supervisor’s sign-in, and drops the usernames from the key file', async () => {
    const app = await startTestApp({ dataDir: legacyOffice() })
    expect(await app.call('auth.status', {})).toMatchObject({
      state: 'signed_in',
      user: { username: SUPERVISOR.username },
    })
    expect(app.core.vault.supervisorsAttached).toBe(true)
    const trail = app.snapshot()['audit_events']!
    const made = trail.filter((e) => ['new_supervisors_key', 'seal'].includes(e['action'] as string))
    expect(made.map((e) => e['summary'])).toEqual([
      expect.stringMatching(/^Made the supervisors’ key for this office at its first supervisor’s sign-in/),
      expect.stringMatching(/^Sealed the trail for the first time: events 1 to \d+, checked from the start$/),
    ])
    expect(await app.call('audit.verify', {})).toMatchObject({ ok: true, problem: null, unsealed: null })

    // The others sign in with the passwords they had; each slot is rewritten without the name lookup as they do.
    const coach = app.clientFor('coach')
    expect(await coach.call('auth.signIn', { username: 'casey.coach', password: 'coach-password-1' })).toMatchObject({
      state: 'signed_in',
      user: { mustChangePassword: true },
    })
    const keyring = readKeyring(app.core.vault.keyringFile)!
    expect(keyring.legacy!.accounts.map((s) => s.accountId).sort()).toEqual([2, 4])
    // A supervisor who has not signed in since holds no supervisors' key: refused until another supervisor resets
    // their password (the database's word that someone is a supervisor is not enough to hand the key out).
    const sam = app.clientFor('sam')
    const refused = await sam.callError(
      'auth.signIn',
      { username: 'sam.supervisor', password: 'supervisor-password-2' },
      'unauthenticated',
    )
    expect(refused.message).toMatch(/does not hold the supervisors’ key/)
    const samAccount = (await app.call('accounts.list', undefined)).find((a) => a.username === 'sam.supervisor')!
    await app.call('accounts.resetPassword', {
      id: samAccount.id,
      version: samAccount.version,
      password: 'sam-first-pass-1',
    })
    expect(await sam.call('auth.signIn', { username: 'sam.supervisor', password: 'sam-first-pass-1' })).toMatchObject({
      state: 'signed_in',
    })

    const text = readFileSync(app.core.vault.keyringFile, 'utf8')
    for (const name of ['pat.supervisor', 'casey.coach', 'sam.supervisor']) expect(text).not.toContain(name)
    // Only cora's slot, untouched since, still has the old lookup; it goes at her next sign-in.
    expect(readKeyring(app.core.vault.keyringFile)!.legacy!.accounts.map((s) => s.accountId)).toEqual([2])
  })

  it('restores its format-1 backup with the recovery key on a new machine; the supervisors’ key comes at the first sign-in', async () => {
    const app = await startTestApp({ setup: false })
    expect(
      await app.call('backups.restore', { path: join(FIXTURE, 'format1.casebook-backup'), recoveryKey: RECOVERY_KEY }),
    ).toEqual({ state: 'signed_out' })
    expect(existsSync(app.core.vault.supervisorsFile)).toBe(false)
    await app.call('auth.signIn', { username: SUPERVISOR.username, password: SUPERVISOR.password })
    expect(app.core.vault.supervisorsAttached).toBe(true)
    expect((await app.call('coaches.list', { filter: 'all' })).items.map((c) => c.legalName)).toEqual([
      'Legacy Coach One',
    ])
    expect(await app.call('audit.verify', {})).toMatchObject({ ok: true })
  })

  it('restores its format-1 backup over a current office by a supervisor’s password, then asks to sign in', async () => {
    const app = await startTestApp()
    const status = await app.call('backups.restore', {
      path: join(FIXTURE, 'format1.casebook-backup'),
      username: SUPERVISOR.username,
      password: SUPERVISOR.password,
    })
    expect(status).toEqual({ state: 'signed_out' })
    await app.call('auth.signIn', { username: SUPERVISOR.username, password: SUPERVISOR.password })
    const check = await app.call('audit.verify', {})
    expect(check).toMatchObject({ ok: true })
    const events = app.snapshot()['audit_events']!
    expect(events.find((e) => e['action'] === 'restore')!['summary']).toMatch(
      /^Restored from format1\.casebook-backup .*The replaced casebook\.sqlite and casebook\.supervisors\.sqlite are kept in replaced\//,
    )
  })
})
