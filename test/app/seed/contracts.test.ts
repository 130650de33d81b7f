import { describe, expect, it } from 'vitest'
import { DEMO_ACCOUNTS, seedDemo } from '../../../electron/app/seed/demo'
import { seedContractsBulk } from '../../../electron/app/seed/contracts'
import { seedScale } from '../../../electron/app/seed/decade'
import { clientOf, coachInput, NOW, startTestApp } from '../helpers'

const signIn = (role: 'coordinator' | 'coach') => ({
  username: DEMO_ACCOUNTS[role].username,
  password: DEMO_ACCOUNTS[role].password,
})

describe('the demo seed: partners, contracts and two years of dispatches', () => {
  it('adds the four kinds of partner, contracts expired, due for renewal and weekend-only, and a believable log', async () => {
    const app = await startTestApp({ setup: false })
    await seedDemo(app.core.router, app.core.vault)
    const coordinator = clientOf(app.core, 'check')
    await coordinator.call('auth.signIn', signIn('coordinator'))

    const partners = await coordinator.call('partners.list', {})
    expect(partners.items.map((p) => p.type).sort()).toEqual([
      'emergency_department',
      'police',
      'prison_jail',
      'treatment_centre',
    ])
    const all = (await coordinator.call('contracts.list', { filter: 'all' })).items
    expect(all).toHaveLength(5)
    expect(all.filter((c) => c.status === 'expired').map((c) => c.reference)).toEqual(['RPD-PILOT-2025'])
    expect(all.filter((c) => c.renewalDue).map((c) => c.reference)).toEqual(['RGH-ED-2025'])
    const weekend = all.find((c) => c.reference === 'HCJ-WKND')!
    expect((await coordinator.call('contracts.get', { id: weekend.id })).coverage).toEqual([
      { startDay: 4, startTime: '18:00', endDay: 0, endTime: '08:00' },
    ])

    const rows = app.snapshot()['dispatches']!
    expect(rows.length).toBeGreaterThan(1000)
    expect(rows.length).toBeLessThan(3000)
    const times = rows.map((row) => row['requested_at'] as string).sort()
    expect(times[0]! < '2024-12-01').toBe(true)
    expect(times.at(-1)! <= NOW).toBe(true)
    expect(rows.filter((row) => row['completed_at'] === null)).toHaveLength(1)
    // The weekend contract is asked mostly inside its windows, now and then outside.
    const weekendRows = rows.filter((row) => row['contract_id'] === weekend.id)
    const outside = weekendRows.filter((row) => row['outside_coverage'] === 1).length
    expect(outside).toBeGreaterThan(0)
    expect(outside / weekendRows.length).toBeLessThan(0.3)

    const board = await coordinator.call('contracts.dashboard', {})
    expect(board.activeContracts.length).toBe(4)
    expect(board.months.at(-1)!.requests).toBeGreaterThan(10)

    const coach = clientOf(app.core, 'coach')
    await coach.call('auth.signIn', signIn('coach'))
    const own = await coach.call('dispatches.list', { limit: 200 })
    expect(own.items.length).toBeGreaterThan(50)
    expect(new Set(own.items.map((d) => d.coachName))).toEqual(new Set(['Marisol Reyes']))
    expect((await coach.call('contracts.list', { filter: 'all' })).items.map((c) => c.reference)).toEqual([
      'RGH-ED-2025',
    ])
    expect(app.log.entries).toEqual([])
  })
})

describe('the bulk generator for the decade seed', () => {
  async function bulkOffice() {
    const app = await startTestApp()
    const coachIds: number[] = []
    for (let i = 0; i < 8; i++)
      coachIds.push((await app.call('coaches.create', coachInput({ legalName: `Bulk ${i}` }))).id)
    const counts = await seedContractsBulk(app.core.vault.db, {
      coaches: coachIds.map((id) => ({ id })),
      now: NOW,
      timeZone: 'America/Chicago',
      partners: 12,
      contracts: 40,
      dispatches: 3000,
      batch: 1000,
    })
    return { app, counts }
  }

  it('writes the rows asked for, each dispatch inside its contract and before now, the same every time', async () => {
    const first = await bulkOffice()
    expect(first.counts).toEqual({ partners: 12, contracts: 40, dispatches: 3000 })
    const db = first.app.snapshot()
    expect(db['partners']).toHaveLength(12)
    expect(db['contracts']).toHaveLength(40)
    expect(db['dispatches']).toHaveLength(3000)
    const sqlite = first.app.core.vault.database!.sqlite
    const strays = sqlite
      .prepare(
        `SELECT count(*) FROM dispatches d JOIN contracts c ON c.id = d.contract_id
         WHERE d.requested_at > ? OR date(d.requested_at, '-1 day') > c.end_date OR date(d.requested_at, '+1 day') < c.start_date`,
      )
      .pluck()
      .get(NOW)
    expect(strays).toBe(0)
    expect(sqlite.pragma('foreign_key_check')).toEqual([])

    const second = await bulkOffice()
    expect(second.app.snapshot()['dispatches']).toEqual(db['dispatches'])
  })

  it("is the decade seed's contracts part, in proportion to the office, sending coaches only while on the roster", async () => {
    const app = await startTestApp({ setup: false })
    const report = await seedScale(app.core, { name: 'office', years: 4, coaches: 30, auditEvents: 100 }, '2026-11-22')
    // A tenth of the years and coaches of the decade's 200 partners, 1,000 contracts and 200,000 dispatches.
    expect(report).toContain('contracts: 8 partners, 40 contracts, 8000 dispatches')
    const sqlite = app.core.vault.database!.sqlite
    const offRoster = sqlite
      .prepare(
        `SELECT count(*) FROM dispatches d JOIN coaches k ON k.id = d.coach_id
         WHERE substr(d.requested_at, 1, 10) < date(k.start_date, '-1 day')
            OR EXISTS (SELECT 1 FROM coach_status_changes s WHERE s.coach_id = k.id AND s.status = 'left'
                       AND date(s.effective_on, '+1 day') < substr(d.requested_at, 1, 10))`,
      )
      .pluck()
      .get()
    expect(offRoster).toBe(0)
    const offTeam = sqlite
      .prepare(
        `SELECT count(*) FROM dispatches d
         WHERE NOT EXISTS (SELECT 1 FROM contract_team t WHERE t.contract_id = d.contract_id AND t.coach_id = d.coach_id)`,
      )
      .pluck()
      .get()
    expect(offTeam).toBe(0)
  })
})
