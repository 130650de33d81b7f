import { describe, expect, it } from 'vitest'
import { CHANNELS, type Channel } from '@shared/api/contract'
import type { Role } from '@shared/domain/auth'
import { buildRoutes } from '../../../electron/app/routes'
import { join } from 'node:path'
import { coachInput, startTestApp, tempDir, type TestApp, type TestClient } from '../helpers'

/**
 * DOMAIN.md's table of roles, channel by channel. Written out here rather than read from the routes, so a rule
 * changed by mistake in routes.ts fails this test; and a channel added to the contract without a line here fails it too.
 */
const EXPECTED: { [C in Channel]: 'public' | readonly Role[] } = {
  'app.info': 'public',
  'auth.status': 'public',
  'auth.setup': 'public',
  'auth.signIn': 'public',
  'auth.signOut': 'public',
  'auth.lock': 'public',
  'auth.touch': 'public',
  'auth.unlock': 'public',
  'auth.changePassword': 'public',
  'auth.recover': 'public',
  'accounts.list': ['supervisor'],
  'accounts.create': ['supervisor'],
  'accounts.deactivate': ['supervisor'],
  'accounts.reactivate': ['supervisor'],
  'accounts.resetPassword': ['supervisor'],
  'accounts.newRecoveryKey': ['supervisor'],
  'audit.list': ['supervisor'],
  'backups.list': ['supervisor'],
  'backups.create': ['supervisor'],
  // Public so a damaged or new install can be restored; it checks the caller itself (test/app/backups).
  'backups.restore': 'public',
  'settings.get': ['supervisor', 'coordinator', 'coach'],
  'settings.update': ['supervisor'],
  'coaches.list': ['supervisor', 'coordinator', 'coach'],
  'coaches.get': ['supervisor', 'coordinator', 'coach'],
  'coaches.create': ['supervisor', 'coordinator'],
  'coaches.update': ['supervisor', 'coordinator'],
  'coaches.setStatus': ['supervisor', 'coordinator'],
  'coaches.setStage': ['supervisor', 'coordinator'],
}

/** Channels a coach may call, but only about their own record: called here against another coach's. */
const OTHER_COACH_INPUTS: Partial<Record<Channel, (ids: Ids) => unknown>> = {
  'coaches.get': (ids) => ({ id: ids.otherCoach }),
}

interface Ids {
  /** A temporary folder for files a call may write (a backup). */
  dir: string
  ownCoach: number
  otherCoach: number
  account: number
}

/** A valid input for every protected channel, aimed at records that exist. */
const INPUTS: { [C in Channel]?: (ids: Ids) => unknown } = {
  'accounts.list': () => ({}),
  'accounts.create': () => ({
    username: 'intruder.made',
    displayName: 'Made',
    role: 'supervisor',
    password: 'intruder-password-1',
  }),
  'accounts.deactivate': (ids) => ({ id: ids.account, version: 2 }),
  'accounts.reactivate': (ids) => ({ id: ids.account, version: 2, password: 'intruder-password-1' }),
  'accounts.resetPassword': (ids) => ({ id: ids.account, version: 2, password: 'intruder-password-1' }),
  'accounts.newRecoveryKey': () => ({}),
  'audit.list': () => ({}),
  'backups.list': () => ({}),
  'backups.create': (ids) => ({ path: join(ids.dir, `made-${Math.random().toString(36).slice(2)}.casebook-backup`) }),
  'settings.get': () => ({}),
  'settings.update': () => ({ officeName: 'Taken Over', coachTitle: 'ally', autoLockMinutes: 240 }),
  'coaches.list': () => ({ filter: 'all' }),
  'coaches.get': (ids) => ({ id: ids.otherCoach }),
  'coaches.create': () => coachInput({ legalName: 'Planted Coach' }),
  'coaches.update': (ids) => ({
    id: ids.otherCoach,
    expectedVersion: 1,
    fields: { ...fields(), legalName: 'Renamed' },
  }),
  'coaches.setStatus': (ids) => ({ id: ids.otherCoach, expectedVersion: 1, status: 'left', effectiveOn: '2026-11-01' }),
  'coaches.setStage': (ids) => ({ id: ids.otherCoach, expectedVersion: 1, stage: 'rcp', changedOn: '2026-11-01' }),
}

function fields() {
  const { status: _s, careerStage: _c, ...rest } = coachInput()
  return rest
}

const PROTECTED = CHANNELS.filter((c) => EXPECTED[c] !== 'public')

async function office(): Promise<{ app: TestApp; ids: Ids; as: Record<Role, TestClient> }> {
  const app = await startTestApp()
  const own = await app.call('coaches.create', coachInput({ legalName: 'Own Coach' }))
  const other = await app.call('coaches.create', coachInput({ legalName: 'Other Coach Secretname' }))
  const coordinator = await app.signInAs('coordinator')
  const coach = await app.signInAs('coach', { coachId: own.id })
  // An account the forbidden calls aim at: the coordinator's, after its first password was changed (version 2).
  return {
    app,
    ids: { dir: tempDir(), ownCoach: own.id, otherCoach: other.id, account: coordinator.accountId },
    as: { supervisor: app, coordinator, coach },
  }
}

describe('permissions, channel by channel and role by role', () => {
  it('has an expected rule for every channel of the contract, matching the routes', async () => {
    const app = await startTestApp()
    const routes = buildRoutes({
      appVersion: 't',
      sqliteVersion: 't',
      transport: 'http',
      auth: app.core.auth,
      backups: app.core.backups,
    })
    expect(Object.keys(EXPECTED).sort()).toEqual([...CHANNELS].sort())
    for (const channel of CHANNELS) {
      const access = routes[channel].access
      const expected = EXPECTED[channel]
      if (expected === 'public') expect('public' in access, channel).toBe(true)
      else expect('roles' in access ? [...access.roles].sort() : 'public', channel).toEqual([...expected].sort())
      if (expected !== 'public') expect(INPUTS[channel], `no sample input for ${channel}`).toBeDefined()
    }
  })

  it('refuses every protected channel to a caller who is not signed in, returning no data and changing nothing', async () => {
    const { app, ids } = await office()
    const stranger = app.clientFor('a-window-nobody-signed-in')
    const before = app.snapshot()
    for (const channel of PROTECTED) {
      const result = await stranger.callRaw(channel, INPUTS[channel]!(ids))
      expect(result, channel).toEqual({ ok: false, error: { code: 'unauthenticated', message: expect.any(String) } })
    }
    expect(app.snapshot()).toEqual(before)
  })

  it.each(['coordinator', 'coach'] as const)(
    'refuses every channel the %s may not call with forbidden, returning no data and changing nothing',
    async (role) => {
      const { app, ids, as } = await office()
      const before = app.snapshot()
      const refused = PROTECTED.filter((c) => !(EXPECTED[c] as readonly Role[]).includes(role))
      expect(refused.length).toBeGreaterThan(0)
      for (const channel of refused) {
        const result = await as[role].callRaw(channel, INPUTS[channel]!(ids))
        expect(result, channel).toEqual({ ok: false, error: { code: 'forbidden', message: expect.any(String) } })
      }
      expect(app.snapshot()).toEqual(before)
    },
  )

  it("refuses a coach every call about another coach's records, and scopes their list to their own", async () => {
    const { app, ids, as } = await office()
    const before = app.snapshot()
    for (const [channel, input] of Object.entries(OTHER_COACH_INPUTS)) {
      const result = await as.coach.callRaw(channel, input(ids))
      expect(result, channel).toEqual({ ok: false, error: { code: 'forbidden', message: expect.any(String) } })
      expect(JSON.stringify(result)).not.toContain('Secretname')
    }
    const list = await as.coach.call('coaches.list', { filter: 'all' })
    expect(list.items.map((c) => c.id)).toEqual([ids.ownCoach])
    expect(list.total).toBe(1)
    expect(JSON.stringify(list)).not.toContain('Secretname')
    expect((await as.coach.call('coaches.get', { id: ids.ownCoach })).legalName).toBe('Own Coach')
    expect(app.snapshot()).toEqual(before)
  })

  it('lets each role make the calls DOMAIN.md gives it', async () => {
    const { ids, as } = await office()
    for (const role of ['supervisor', 'coordinator', 'coach'] as const) {
      for (const channel of PROTECTED.filter((c) => (EXPECTED[c] as readonly Role[]).includes(role))) {
        if (channel.startsWith('accounts.') && channel !== 'accounts.list') continue // changes accounts: tested on their own
        const input = role === 'coach' && channel === 'coaches.get' ? { id: ids.ownCoach } : INPUTS[channel]!(ids)
        const result = await as[role].callRaw(channel, input)
        // A later write may meet a version moved by an earlier one; what matters is that it was not refused.
        if (!result.ok)
          expect(['conflict', 'invalid_input'], `${role} ${channel}: ${result.error.message}`).toContain(
            result.error.code,
          )
      }
    }
  })

  it('refuses everything but the auth channels while the screen is locked', async () => {
    const { app, ids, as } = await office()
    await as.coordinator.call('auth.lock', undefined)
    const before = app.snapshot()
    for (const channel of PROTECTED) {
      const result = await as.coordinator.callRaw(channel, INPUTS[channel]!(ids))
      expect(result, channel).toMatchObject({ ok: false, error: { code: 'unauthenticated' } })
    }
    expect(app.snapshot()).toEqual(before)
  })

  it('lets a user with a first password do nothing but change it', async () => {
    const { app, ids } = await office()
    await app.call('accounts.create', {
      username: 'fresh.one',
      displayName: 'Fresh',
      role: 'coordinator',
      password: 'first-password-1',
    })
    const fresh = app.clientFor('fresh')
    const status = await fresh.call('auth.signIn', { username: 'fresh.one', password: 'first-password-1' })
    expect(status).toMatchObject({ state: 'signed_in', user: { mustChangePassword: true } })
    await fresh.callError('coaches.list', INPUTS['coaches.list']!(ids), 'forbidden')
    await fresh.call('auth.changePassword', { currentPassword: 'first-password-1', newPassword: 'my-own-password-2' })
    expect((await fresh.call('coaches.list', {})).total).toBe(2)
  })
})
