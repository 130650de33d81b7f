import { describe, expect, it } from 'vitest'
import { DEMO_ACCOUNTS, seedDemo } from '../../../electron/app/seed/demo'
import { clientOf, startTestApp } from '../helpers'

describe('demo seed', () => {
  it('fills a new data folder through the router: the office, its three kinds of account, a dozen coaches', async () => {
    const app = await startTestApp({ setup: false })
    const count = await seedDemo(app.core.router, app.core.vault)
    expect(count).toBe(12)

    const supervisor = clientOf(app.core, 'check')
    await supervisor.call('auth.signIn', {
      username: DEMO_ACCOUNTS.supervisor.username,
      password: DEMO_ACCOUNTS.supervisor.password,
    })
    expect((await supervisor.call('settings.get', undefined)).officeName).toBe('Riverbend Recovery Community')
    expect((await supervisor.call('coaches.list', { filter: 'all' })).total).toBe(12)
    expect((await supervisor.call('coaches.list', {})).total).toBe(11)
    expect((await supervisor.call('coaches.list', { filter: 'on_leave' })).items.map((c) => c.displayName)).toEqual([
      'Bob Kowalski',
    ])
    expect((await supervisor.call('coaches.list', { filter: 'left' })).items.map((c) => c.displayName)).toEqual([
      'Elena Petrova',
    ])
    const accounts = await supervisor.call('accounts.list', undefined)
    expect(accounts.map((a) => [a.username, a.role, a.mustChangePassword])).toEqual([
      ['chris', 'coordinator', false],
      ['dana', 'supervisor', false],
      // The second supervisor: the demo's coaches are shared between two caseloads.
      ['luis', 'supervisor', false],
      ['marisol', 'coach', false],
    ])

    for (const role of ['coordinator', 'coach'] as const) {
      const user = clientOf(app.core, role)
      const status = await user.call('auth.signIn', {
        username: DEMO_ACCOUNTS[role].username,
        password: DEMO_ACCOUNTS[role].password,
      })
      expect(status).toMatchObject({ state: 'signed_in', user: { role, mustChangePassword: false } })
    }

    const db = app.snapshot()
    expect(db['coach_status_changes']).toHaveLength(12 + 2)
    expect(db['coach_stage_changes']).toHaveLength(12 + 3)
    expect(app.log.entries).toEqual([])
  })

  it('refuses a data folder that already holds an office, and changes nothing', async () => {
    const app = await startTestApp()
    const before = app.snapshot()
    await expect(seedDemo(app.core.router)).rejects.toThrow(/already holds an office/)
    expect(app.snapshot()).toEqual(before)
  })
})
