import { describe, expect, it } from 'vitest'
import { CHANNELS, type Channel } from '@shared/api/contract'
import { ACCESS } from '@shared/access'
import type { Role } from '@shared/domain/auth'
import { callExample, EXAMPLES, office, OTHER_COACH_EXAMPLES, RECORD_LEVEL_REFUSALS, snapshotIfOpen } from '../examples'

/**
 * DOMAIN.md's table of roles, channel by channel: what each role may call in an office with a working database.
 * Written out here rather than read from shared/access.ts, so a rule changed there by mistake fails this test; and a
 * channel added to the contract without a line here fails it too. `public` channels answer anyone, signed in or not.
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
  'accounts.setRole': ['supervisor'],
  'audit.list': ['supervisor'],
  'audit.verify': ['supervisor'],
  'backups.list': ['supervisor'],
  'backups.create': ['supervisor'],
  // Public in the access table so a new machine or a damaged database can be restored (test/app/backups); with a
  // working database the restore itself demands a signed-in supervisor.
  'backups.restore': ['supervisor'],
  'settings.get': ['supervisor', 'coordinator', 'coach'],
  'settings.update': ['supervisor'],
  'coaches.list': ['supervisor', 'coordinator', 'coach'],
  'coaches.get': ['supervisor', 'coordinator', 'coach'],
  'coaches.create': ['supervisor', 'coordinator'],
  'coaches.update': ['supervisor', 'coordinator'],
  'coaches.setStatus': ['supervisor', 'coordinator'],
  'coaches.setStage': ['supervisor', 'coordinator'],
  'coaches.supervisors': ['supervisor', 'coordinator'],
  'resources.list': ['supervisor', 'coordinator', 'coach'],
  'resources.get': ['supervisor', 'coordinator', 'coach'],
  'resources.create': ['supervisor', 'coordinator', 'coach'],
  'resources.update': ['supervisor', 'coordinator', 'coach'],
  'resources.check': ['supervisor', 'coordinator', 'coach'],
  'resources.addTip': ['supervisor', 'coordinator', 'coach'],
  'resources.history': ['supervisor', 'coordinator', 'coach'],
  'resources.restore': ['supervisor', 'coordinator', 'coach'],
  'resources.pathways': ['supervisor', 'coordinator', 'coach'],
  'resources.addPathway': ['supervisor', 'coordinator', 'coach'],
  'resources.coaches': ['supervisor', 'coordinator', 'coach'],
  // Ratings and goals: coordinators see none (DOMAIN.md); the team view is for supervisors only.
  'assessments.get': ['supervisor', 'coach'],
  'assessments.create': ['supervisor', 'coach'],
  'assessments.update': ['supervisor', 'coach'],
  'assessments.complete': ['supervisor', 'coach'],
  'assessments.discard': ['supervisor', 'coach'],
  'assessments.amend': ['supervisor', 'coach'],
  'goals.create': ['supervisor', 'coach'],
  'goals.update': ['supervisor', 'coach'],
  'growth.coach': ['supervisor', 'coach'],
  'growth.report': ['supervisor', 'coach'],
  'growth.team': ['supervisor'],
  'partners.list': ['supervisor', 'coordinator'],
  'partners.get': ['supervisor', 'coordinator'],
  'partners.create': ['supervisor', 'coordinator'],
  'partners.update': ['supervisor', 'coordinator'],
  'contracts.list': ['supervisor', 'coordinator', 'coach'],
  'contracts.get': ['supervisor', 'coordinator', 'coach'],
  'contracts.create': ['supervisor', 'coordinator'],
  'contracts.update': ['supervisor', 'coordinator'],
  'contracts.terminate': ['supervisor', 'coordinator'],
  'contracts.dashboard': ['supervisor', 'coordinator'],
  'dispatches.list': ['supervisor', 'coordinator', 'coach'],
  'dispatches.get': ['supervisor', 'coordinator', 'coach'],
  'dispatches.create': ['supervisor', 'coordinator'],
  'dispatches.update': ['supervisor', 'coordinator'],
  'dispatches.suggestCoaches': ['supervisor', 'coordinator'],
  'dispatches.export': ['supervisor', 'coordinator'],
  // The ladder: staff see everyone's, a coach their own page and the catalogue; supervisors keep requirements, the
  // catalogue and sign-offs; staff record attendance and move a coach up (as the roster's setStage); the evaluation
  // reads ratings, so supervisors only.
  'ladder.coach': ['supervisor', 'coordinator', 'coach'],
  'ladder.office': ['supervisor', 'coordinator'],
  'ladder.recordStep': ['supervisor'],
  'ladder.advance': ['supervisor', 'coordinator'],
  'requirements.list': ['supervisor', 'coordinator'],
  'requirements.save': ['supervisor'],
  'trainings.list': ['supervisor', 'coordinator', 'coach'],
  'trainings.create': ['supervisor'],
  'trainings.update': ['supervisor'],
  'trainings.attend': ['supervisor', 'coordinator'],
  'trainings.evaluation': ['supervisor'],
  // Supervision: coordinators see none of it (DOMAIN.md); a coach reads the shared part of their own sessions.
  'supervision.create': ['supervisor'],
  'supervision.update': ['supervisor'],
  'supervision.signOff': ['supervisor'],
  'supervision.addAddendum': ['supervisor'],
  'supervision.linkAssessment': ['supervisor'],
  'supervision.get': ['supervisor', 'coach'],
  'supervision.list': ['supervisor', 'coach'],
  'supervision.startPage': ['supervisor'],
  'supervision.barriers': ['supervisor'],
  'supervision.search': ['supervisor', 'coach'],
  'actionItems.list': ['supervisor', 'coach'],
  'actionItems.markDone': ['supervisor', 'coach'],
}

const ROLES: Role[] = ['supervisor', 'coordinator', 'coach']
const allowed = (channel: Channel, role: Role) => {
  const rule = EXPECTED[channel]
  return rule === 'public' || rule.includes(role)
}

describe('permissions, channel by channel and role by role', () => {
  it('has an expected rule and an example for every channel, and the access table agrees with the rules', () => {
    expect(Object.keys(EXPECTED).sort()).toEqual([...CHANNELS].sort())
    expect(Object.keys(EXAMPLES).sort()).toEqual([...CHANNELS].sort())
    for (const channel of CHANNELS) {
      const rule = EXPECTED[channel]
      if (channel === 'backups.restore') expect(ACCESS[channel]).toBe('public')
      else if (rule === 'public') expect(ACCESS[channel], channel).toBe('public')
      else expect([...ACCESS[channel]].sort(), channel).toEqual([...rule].sort())
    }
  })

  it.each(ROLES)(
    'answers the %s ok with a valid input on every channel it may call, and forbidden (changing nothing) on every other',
    async (role) => {
      const shared = await office()
      for (const channel of CHANNELS) {
        const { prepared, app, client } = await callExample(shared, channel, role)
        const before = snapshotIfOpen(app)
        const result = await client.callRaw(channel, prepared.input)
        if (allowed(channel, role)) {
          expect(result.ok ? 'ok' : result.error, `${role} ${channel}`).toBe('ok')
        } else {
          expect(result, `${role} ${channel}`).toEqual({
            ok: false,
            error: { code: 'forbidden', message: expect.any(String) },
          })
          expect(snapshotIfOpen(app), `${role} ${channel} changed something`).toEqual(before)
        }
      }
    },
  )

  it('refuses every protected channel to a caller who is not signed in, returning no data and changing nothing', async () => {
    const shared = await office()
    const stranger = shared.app.clientFor('a-window-nobody-signed-in')
    for (const channel of CHANNELS.filter((c) => ACCESS[c] !== 'public')) {
      const { prepared, app } = await callExample(shared, channel, 'supervisor')
      const before = app.snapshot()
      const result = await (app === shared.app ? stranger : app.clientFor('nobody')).callRaw(channel, prepared.input)
      expect(result, channel).toEqual({ ok: false, error: { code: 'unauthenticated', message: expect.any(String) } })
      expect(app.snapshot(), channel).toEqual(before)
    }
  })

  it("refuses a coach every call about another coach's records, and scopes their list to their own", async () => {
    const shared = await office()
    const coach = shared.clients.coach
    for (const [channel, makeInput] of Object.entries(OTHER_COACH_EXAMPLES)) {
      // The input may need records made first (another coach's assessment): the refusal itself changes nothing.
      const input = await makeInput(shared)
      const refusedBefore = shared.app.snapshot()
      const result = await coach.callRaw(channel, input)
      expect(result, channel).toEqual({ ok: false, error: { code: 'forbidden', message: expect.any(String) } })
      expect(JSON.stringify(result)).not.toContain('Secretname')
      expect(shared.app.snapshot(), channel).toEqual(refusedBefore)
    }
    const before = shared.app.snapshot()
    const list = await coach.call('coaches.list', { filter: 'all' })
    expect(list.items.map((c) => c.id)).toEqual([shared.ownCoachId])
    expect(list.total).toBe(1)
    expect(JSON.stringify(list)).not.toContain('Secretname')
    expect((await coach.call('coaches.get', { id: shared.ownCoachId })).legalName).toBe('Own Coach')
    expect(shared.app.snapshot()).toEqual(before)
  })

  it.each(RECORD_LEVEL_REFUSALS.map((r) => [r.what, r] as const))(
    'refuses %s, changing nothing',
    async (_what, refusal) => {
      const shared = await office()
      const input = await refusal.input(shared)
      const before = shared.app.snapshot()
      const result = await shared.clients[refusal.role].callRaw(refusal.channel, input)
      expect(result).toEqual({ ok: false, error: { code: 'forbidden', message: expect.any(String) } })
      expect(shared.app.snapshot()).toEqual(before)
    },
  )

  it('refuses everything but the public channels while the screen is locked', async () => {
    const shared = await office()
    const coordinator = shared.clients.coordinator
    await coordinator.call('auth.lock', undefined)
    for (const channel of CHANNELS.filter((c) => ACCESS[c] !== 'public')) {
      const { prepared, app } = await callExample(shared, channel, 'coordinator')
      if (app !== shared.app) continue
      const before = shared.app.snapshot()
      const result = await coordinator.callRaw(channel, prepared.input)
      expect(result, channel).toMatchObject({ ok: false, error: { code: 'unauthenticated' } })
      expect(shared.app.snapshot()).toEqual(before)
    }
  })

  it('lets a user with a first password do nothing but change it', async () => {
    const { app } = await office()
    await app.call('accounts.create', {
      username: 'fresh.one',
      displayName: 'Fresh',
      role: 'coordinator',
      password: 'first-password-1',
    })
    const fresh = app.clientFor('fresh')
    const status = await fresh.call('auth.signIn', { username: 'fresh.one', password: 'first-password-1' })
    expect(status).toMatchObject({ state: 'signed_in', user: { mustChangePassword: true } })
    await fresh.callError('coaches.list', { filter: 'all' }, 'forbidden')
    await fresh.call('auth.changePassword', { currentPassword: 'first-password-1', newPassword: 'my-own-password-2' })
    expect((await fresh.call('coaches.list', {})).total).toBe(2)
  })
})
