import { describe, expect, it } from 'vitest'
import { SEEDED_ACCOUNTS, seedScale, type Scale } from '../../../electron/app/seed/decade'
import { clientOf, startTestApp } from '../helpers'

const SMALL: Scale = { name: 'office', years: 4, coaches: 25, auditEvents: 2_000 }

async function seeded() {
  const app = await startTestApp({ setup: false })
  const report = await seedScale(app.core, SMALL, '2026-11-22')
  return { app, report }
}

describe('the seeded office at scale', () => {
  it('holds the coaches and the trail it says, with accounts that sign in as printed', async () => {
    const { app, report } = await seeded()
    expect(report[0]).toBe('25 coaches (5 current)')
    const db = app.snapshot()
    expect(db['coaches']).toHaveLength(25)
    expect(db['coaches']!.filter((c) => c['status'] === 'left')).toHaveLength(20)
    expect(db['audit_events']!.length).toBeGreaterThanOrEqual(2_000)
    for (const account of Object.values(SEEDED_ACCOUNTS)) {
      const client = clientOf(app.core, `check-${account.username}`)
      const status = await client.call('auth.signIn', { username: account.username, password: account.password })
      expect(status).toMatchObject({ state: 'signed_in', user: { mustChangePassword: false } })
    }
    // Every coach's history starts on their start date, and those who left did so after it.
    for (const coach of db['coaches']!) {
      const changes = db['coach_status_changes']!.filter((c) => c['coach_id'] === coach['id'])
      expect(changes.some((c) => c['effective_on'] === coach['start_date'] && c['status'] === 'active')).toBe(true)
      for (const change of changes) expect(String(change['effective_on']) >= String(coach['start_date'])).toBe(true)
    }
  })

  it('is the same office every time', async () => {
    const first = (await seeded()).app.snapshot()
    const second = (await seeded()).app.snapshot()
    expect(second['coaches']).toEqual(first['coaches'])
    expect(second['audit_events']!.length).toBe(first['audit_events']!.length)
  })

  it('refuses a data folder that already holds an office, and changes nothing', async () => {
    const app = await startTestApp()
    const before = app.snapshot()
    await expect(seedScale(app.core, SMALL, '2026-11-22')).rejects.toThrow(/already holds an office/)
    expect(app.snapshot()).toEqual(before)
  })
})
