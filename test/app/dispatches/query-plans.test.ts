import { describe, expect, it } from 'vitest'
import { encodeCursor } from '../../../electron/app/db/keyset'
import { seedContractsBulk } from '../../../electron/app/seed/contracts'
import { coachInput, NOW, startTestApp, type TestClient } from '../helpers'

/**
 * The plans SQLite makes for every query the contract screens send, with statistics of a realistic log (ANALYZE
 * over a bulk-seeded one), so that an index dropped or a filter added that would read the whole log fails here, on
 * a few thousand rows, instead of being found at 200,000 by the benchmark.
 */

interface Plan {
  sql: string
  lines: string[]
}

async function plannedOffice() {
  const app = await startTestApp()
  const coachIds: number[] = []
  for (let i = 0; i < 8; i++) {
    coachIds.push((await app.call('coaches.create', coachInput({ legalName: `Plan Coach ${i}` }))).id)
  }
  const sqlite = app.core.vault.database!.sqlite
  await seedContractsBulk(app.core.vault.db, {
    coaches: coachIds.map((id) => ({ id })),
    now: NOW,
    timeZone: 'America/New_York',
    partners: 12,
    contracts: 40,
    dispatches: 4000,
  })
  sqlite.exec('ANALYZE')

  /** Runs `calls`, answering the plan of every statement they prepared that reads the contract tables. */
  const plansOf = async (calls: () => Promise<unknown>): Promise<Plan[]> => {
    const sources: string[] = []
    const real = sqlite.prepare.bind(sqlite)
    const target = sqlite as unknown as { prepare: unknown }
    target.prepare = (source: string) => (sources.push(source), real(source))
    try {
      await calls()
    } finally {
      target.prepare = real
    }
    return [...new Set(sources)]
      .filter((source) => /^\s*(select|with)\b/i.test(source) && /\b(dispatches|contracts|partners)\b/.test(source))
      .map((source) => {
        // Kysely binds every value, so each ? is a parameter; a plan does not depend on the values bound.
        const parameters = (source.match(/\?/g) ?? []).map(() => null)
        const rows = real(`EXPLAIN QUERY PLAN ${source}`).all(...parameters) as { detail: string }[]
        return { sql: source, lines: rows.map((row) => row.detail) }
      })
  }
  return { app, coachIds, sqlite, plansOf }
}

/** A plan line that reads a whole table of the feature rather than a range of an index. */
const fullScan = (line: string) => /^SCAN (dispatches|contracts|d|c)\b/.test(line) && !/USING .*INDEX/.test(line)

function expectNoFullScan(plans: Plan[]) {
  expect(plans.length).toBeGreaterThan(0)
  for (const plan of plans) {
    expect(plan.lines.filter(fullScan), plan.sql).toEqual([])
  }
}

/** A page is read in its index's order: no sorting of every matching row to find the first fifty. */
function expectPagesInIndexOrder(plans: Plan[]) {
  const pages = plans.filter((plan) => /\blimit\b/i.test(plan.sql) && /\border by\b/i.test(plan.sql))
  expect(pages.length).toBeGreaterThan(0)
  for (const plan of pages) {
    expect(
      plan.lines.filter((line) => line.includes('TEMP B-TREE FOR ORDER BY')),
      plan.sql,
    ).toEqual([])
  }
}

describe('query plans of the dispatch log', () => {
  it('pages the log by an index under every filter, for staff and for a coach', async () => {
    const { app, coachIds, sqlite, plansOf } = await plannedOffice()
    const contractId = sqlite.prepare('SELECT contract_id FROM dispatches LIMIT 1').pluck().get() as number
    const after = encodeCursor(['2024-06-01T12:00:00.000Z', 1000])
    const coach = await app.signInAs('coach', { coachId: coachIds[0]! })
    const list = (client: TestClient, input: Parameters<TestClient['call']>[1]) =>
      client.call('dispatches.list', input as never)
    const plans = await plansOf(async () => {
      for (const client of [app, coach]) {
        await list(client, {})
        await list(client, { after })
        await list(client, { contractId })
        await list(client, { contractId, after })
        await list(client, { state: 'open' })
        await list(client, { state: 'closed', after })
        await list(client, { from: '2024-01-01', to: '2024-01-31' })
        await list(client, { contractId, from: '2024-01-01', to: '2024-12-31', state: 'closed' })
      }
      await list(app, { coachId: coachIds[1]! })
      await list(app, { coachId: coachIds[1]!, state: 'open', after })
      await app.call('dispatches.get', { id: 1 })
      await app.call('dispatches.suggestCoaches', { contractId })
      await app.call('dispatches.export', { contractId, from: '2024-01-01', to: '2024-12-31' })
    })
    expectNoFullScan(plans)
    expectPagesInIndexOrder(plans)
    // A coach's open dispatches come from the open ones alone, not from years of their completed ones.
    const openOfCoach = plans.filter(
      (plan) => /"coach_id" = \?/.test(plan.sql) && /"completed_at" is null/.test(plan.sql) && /limit/i.test(plan.sql),
    )
    expect(openOfCoach.length).toBeGreaterThan(0)
    for (const plan of openOfCoach) expect(plan.lines.join('\n'), plan.sql).toMatch(/dispatches_open_by_coach/)
  })

  it('counts the dashboard over covering indexes, never the table', async () => {
    const { app, sqlite, plansOf } = await plannedOffice()
    const contractId = sqlite.prepare('SELECT contract_id FROM dispatches LIMIT 1').pluck().get() as number
    const plans = await plansOf(async () => {
      await app.call('contracts.dashboard', {})
      await app.call('contracts.dashboard', { contractId, months: 24, weeks: 12 })
    })
    expectNoFullScan(plans)
    const figures = plans.filter((plan) => /arrival_seconds/.test(plan.sql))
    expect(figures.length).toBeGreaterThan(0)
    for (const plan of figures) {
      const reads = plan.lines.filter((line) => /^(SCAN|SEARCH) d\b/.test(line))
      expect(reads.length, plan.sql).toBeGreaterThan(0)
      for (const line of reads) expect(line, plan.sql).toMatch(/USING COVERING INDEX/)
    }
  })

  it('pages contracts and partners by an index', async () => {
    const { app, coachIds, plansOf } = await plannedOffice()
    const plans = await plansOf(async () => {
      for (const filter of ['current', 'all', 'expired', 'terminated', 'draft'] as const) {
        await app.call('contracts.list', { filter })
      }
      await app.call('contracts.list', { filter: 'all', coachId: coachIds[0]! })
      await app.call('contracts.list', { filter: 'all', partnerId: 1 })
      await app.call('contracts.list', { filter: 'all', search: 'c-0001' })
      await app.call('contracts.get', { id: 1 })
      await app.call('partners.list', {})
      await app.call('partners.list', { type: 'police' })
      await app.call('partners.list', { search: 'river' })
      await app.call('partners.get', { id: 1 })
      const coach = await app.signInAs('coach', { coachId: coachIds[0]! })
      await coach.call('contracts.list', { filter: 'all' })
      await coach.call('contracts.get', { id: 1 }).catch(() => undefined)
    })
    expectNoFullScan(plans)
  })
})
