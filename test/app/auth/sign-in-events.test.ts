import { describe, expect, it } from 'vitest'
import { readKeyring } from '../../../electron/app/auth/keyring'
import { retryDelayMs, RETRY_CEILING_MS, throttleKeyFor } from '../../../electron/app/auth/throttle'
import type { Clock } from '../../../electron/app/clock'
import { NOW, startTestApp, SUPERVISOR, type TestApp } from '../helpers'

/**
 * Every sign-in event is recorded, including those before the database is open (kept in memory, written once it
 * opens); an unknown name is answered and slowed exactly as a known one; wrong tries slow the next down, to a ceiling.
 */

/** A clock the test moves forward by hand. */
function manualClock(start: string): Clock & { advance(ms: number): void } {
  let now = new Date(start).getTime()
  return { now: () => new Date(now), advance: (ms) => (now += ms) }
}

const WRONG_KEY = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567ABCDEFGH'

/** A set-up office, closed, and started again: nobody signed in, so the database is not open. */
async function closedOffice() {
  const first = await startTestApp()
  const coordinator = await first.signInAs('coordinator', { username: 'cora.coordinator' })
  await first.close()
  const clock = manualClock(NOW)
  const app = await startTestApp({ dataDir: first.dataDir, setup: false, clock })
  expect(app.core.vault.database).toBeNull()
  return { app, clock, coordinator }
}

function eventsSince(app: TestApp, afterId: number) {
  const rows = app.snapshot()['audit_events']!
  return rows
    .filter((e) => (e['id'] as number) > afterId)
    .sort((a, b) => (a['id'] as number) - (b['id'] as number))
    .map((e) => ({
      at: e['at'],
      account: e['account_id'],
      action: e['action'],
      record: e['record_id'],
      summary: e['summary'],
    }))
}

/** Two names that fall in different throttle buckets, so their counts do not mix. */
function namesInOtherBuckets(app: TestApp, known: string, count: number): string[] {
  const keyring = readKeyring(app.core.vault.keyringFile)!
  const taken = new Set([throttleKeyFor(keyring, known), throttleKeyFor(keyring, SUPERVISOR.username)])
  const names: string[] = []
  for (let i = 0; names.length < count; i++) {
    const name = `nobody.${i}`
    const bucket = throttleKeyFor(keyring, name)
    if (!taken.has(bucket)) {
      taken.add(bucket)
      names.push(name)
    }
  }
  return names
}

describe('sign-in events', () => {
  it('records wrong passwords, unknown names and recovery-key tries made before the database opens, once it opens', async () => {
    const { app, clock, coordinator } = await closedOffice()
    const [unknown] = namesInOtherBuckets(app, 'cora.coordinator', 1)
    const door = app.clientFor('front-desk')
    await door.callError(
      'auth.signIn',
      { username: 'cora.coordinator', password: 'not-her-password' },
      'unauthenticated',
    )
    clock.advance(60_000)
    await door.callError('auth.signIn', { username: unknown!, password: 'whatever-password' }, 'unauthenticated')
    clock.advance(60_000)
    await door.callError(
      'auth.recover',
      { recoveryKey: WRONG_KEY, username: SUPERVISOR.username, newPassword: 'a-new-password-1' },
      'unauthenticated',
    )
    // Still closed: the three wait in memory, and nothing was written anywhere.
    expect(app.core.vault.database).toBeNull()
    expect(app.core.auth.security.waiting).toBe(3)

    clock.advance(60_000)
    await app.call('auth.signIn', { username: 'cora.coordinator', password: coordinator.password })
    expect(eventsSince(app, 0).slice(-4)).toEqual([
      { at: '2026-11-22T10:00:00.000Z', account: 2, action: 'sign_in_failed', record: 2, summary: 'Wrong password' },
      {
        at: '2026-11-22T10:01:00.000Z',
        account: null,
        action: 'sign_in_failed',
        record: null,
        summary: 'Unknown username',
      },
      {
        at: '2026-11-22T10:02:00.000Z',
        account: null,
        action: 'sign_in_failed',
        record: null,
        summary: 'Wrong recovery key',
      },
      { at: '2026-11-22T10:03:00.000Z', account: 2, action: 'sign_in', record: null, summary: 'Signed in' },
    ])
    expect(app.core.auth.security.waiting).toBe(0)
    // The name someone typed is never written: not even for an unknown one.
    expect(JSON.stringify(app.snapshot())).not.toContain(unknown)
  })

  it('records lock, unlock, a wrong password at the lock screen, and the screen locking itself', async () => {
    const clock = manualClock(NOW)
    const app = await startTestApp({ clock })
    const head = Math.max(...app.snapshot()['audit_events']!.map((e) => e['id'] as number))
    await app.call('auth.lock', {})
    await app.callError('auth.unlock', { password: 'not-the-password' }, 'unauthenticated')
    await app.call('auth.unlock', { password: SUPERVISOR.password })
    clock.advance(11 * 60_000)
    await app.callRaw('auth.status', {})
    expect(eventsSince(app, head).map((e) => [e.action, e.summary])).toEqual([
      ['lock', 'Locked the screen'],
      ['sign_in_failed', 'Wrong password at the lock screen or a password change'],
      // Written while no supervisor was unlocked, so sealed when one was again, and said so.
      ['seal', `Sealed 1 event written since the trail was last sealed (event ${head + 2})`],
      ['unlock', 'Unlocked the screen'],
      ['lock', 'Locked after 10 minutes without input'],
    ])
  })

  it('answers an unknown name exactly as a known one with a wrong password, and slows both alike', async () => {
    const { app, clock } = await closedOffice()
    const [unknown] = namesInOtherBuckets(app, 'cora.coordinator', 1)
    const door = app.clientFor('front-desk')
    const answers: Record<string, unknown[]> = { known: [], unknown: [] }
    for (let attempt = 1; attempt <= 8; attempt++) {
      for (const [kind, username] of [
        ['known', 'cora.coordinator'],
        ['unknown', unknown!],
      ] as const) {
        answers[kind]!.push((await door.callRaw('auth.signIn', { username, password: 'wrong-password-1' })).ok)
        const early = await door.callRaw('auth.signIn', { username, password: 'wrong-password-2' })
        answers[kind]!.push(early.ok ? 'ok' : early.error)
      }
      clock.advance(retryDelayMs(attempt * 2))
    }
    expect(answers.unknown).toEqual(answers.known)
    expect(answers.known).toContainEqual({
      code: 'too_many_attempts',
      message: 'Too many wrong tries. Wait 1 second and try again.',
    })
    expect(answers.known).toContainEqual({
      code: 'unauthenticated',
      message: 'That username and password do not match an active account.',
    })
  })

  it('never locks a name for good: after a hundred wrong tries the right password works once the ceiling’s wait is over', async () => {
    const { app, clock, coordinator } = await closedOffice()
    const door = app.clientFor('front-desk')
    for (let attempt = 1; attempt <= 100; attempt++) {
      await door.callError(
        'auth.signIn',
        { username: 'cora.coordinator', password: 'wrong-password-1' },
        'unauthenticated',
      )
      clock.advance(retryDelayMs(attempt))
    }
    expect(retryDelayMs(100)).toBe(RETRY_CEILING_MS)
    await door.callError(
      'auth.signIn',
      { username: 'cora.coordinator', password: 'wrong-password-1' },
      'unauthenticated',
    )
    const refused = await door.callError(
      'auth.signIn',
      { username: 'cora.coordinator', password: coordinator.password },
      'too_many_attempts',
    )
    expect(refused.message).toBe('Too many wrong tries. Wait 60 seconds and try again.')
    clock.advance(RETRY_CEILING_MS)
    expect(
      await door.call('auth.signIn', { username: 'cora.coordinator', password: coordinator.password }),
    ).toMatchObject({ state: 'signed_in' })
    // A refusal while waiting is recorded once per wait, not once per try.
    const refusals = app.snapshot()['audit_events']!.filter((e) => e['action'] === 'locked_out')
    expect(refusals).toHaveLength(1)
    expect(refusals[0]!['summary']).toMatch(
      /^A try was refused after 101 wrong ones in a row: the next may come in 60 s$/,
    )
  })
})
