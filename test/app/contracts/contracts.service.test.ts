import { describe, expect, it } from 'vitest'
import type { ContractListInput, ContractListPage, ContractSummary } from '@shared/domain/contracts'
import { coachInput, NOW, startTestApp, type TestApp, type TestClient } from '../helpers'
import { contractFieldsOf, contractInput, dispatchInput, partnerInput, partnerWithContract } from './support'

const NY = 'America/New_York'

/** An office in New York with two active coaches, signed in as the supervisor. */
async function office(): Promise<TestApp & { coachIds: number[] }> {
  const app = await startTestApp()
  await app.call('settings.update', { officeName: 'Test Office', coachTitle: 'recovery_coach', timeZone: NY })
  const a = await app.call('coaches.create', coachInput({ legalName: 'Avery Coach' }))
  const b = await app.call('coaches.create', coachInput({ legalName: 'Blake Coach' }))
  return Object.assign(app, { coachIds: [a.id, b.id] })
}

/** Expects `invalid_input` naming `field` (among others, if `only` is false), and the database untouched. */
async function expectInvalid(app: TestApp, channel: string, input: unknown, field: string, message?: RegExp) {
  const before = app.snapshot()
  const error = await app.callError(channel, input, 'invalid_input')
  expect(Object.keys(error.fields ?? {}), JSON.stringify(error)).toContain(field)
  if (message) expect(error.fields![field]).toMatch(message)
  expect(app.snapshot()).toEqual(before)
  return error
}

async function allContracts(client: TestClient, input: ContractListInput & { limit: number }) {
  const seen: ContractSummary[] = []
  let after: string | null = null
  for (let pages = 0; pages < 50; pages++) {
    const page: ContractListPage = await client.call('contracts.list', { ...input, after })
    expect(page.items.length).toBeLessThanOrEqual(input.limit)
    seen.push(...page.items)
    if (page.nextCursor === null) return seen
    expect(page.items).toHaveLength(input.limit)
    after = page.nextCursor
  }
  throw new Error('paging never ended')
}

describe('partners.create', () => {
  it('stores the partner with its contacts in order, trimming text and leaving blanks empty', async () => {
    const app = await office()
    const partner = await app.call('partners.create', {
      name: '  Riverside Police Department ',
      type: 'police',
      address: ' ',
      contacts: [
        { name: 'Sgt. Ana Ruiz', role: 'Custody sergeant', phone: '+1 555 0301', email: '' },
        { name: 'Lt. Ben Cho', phone: null },
      ],
    })
    expect(partner).toEqual({
      id: partner.id,
      version: 1,
      name: 'Riverside Police Department',
      type: 'police',
      address: null,
      notes: null,
      contacts: [
        { name: 'Sgt. Ana Ruiz', role: 'Custody sergeant', phone: '+1 555 0301', email: null },
        { name: 'Lt. Ben Cho', role: null, phone: null, email: null },
      ],
      contracts: [],
      createdAt: NOW,
      updatedAt: NOW,
    })
    expect(await app.call('partners.get', { id: partner.id })).toEqual(partner)
  })

  it('refuses a bad contact email, an unknown type and a blank name on their fields, saving nothing', async () => {
    const app = await office()
    await expectInvalid(
      app,
      'partners.create',
      partnerInput({ contacts: [{ name: 'X', email: 'not-an-email' }] }),
      'contacts.0.email',
      /email/,
    )
    await expectInvalid(app, 'partners.create', { ...partnerInput(), type: 'casino' }, 'type')
    await expectInvalid(app, 'partners.create', partnerInput({ name: '   ' }), 'name', /required/)
    await expectInvalid(
      app,
      'partners.create',
      partnerInput({ contacts: Array.from({ length: 21 }, (_, i) => ({ name: `C${i}` })) }),
      'contacts',
    )
  })
})

describe('partners.update', () => {
  it('saves the fields and contacts and bumps the version; the second of two editors is told', async () => {
    const app = await office()
    const partner = await app.call('partners.create', partnerInput())
    const saved = await app.call('partners.update', {
      id: partner.id,
      expectedVersion: 1,
      fields: partnerInput({ name: 'St Jude ED', contacts: [] }),
    })
    expect(saved).toMatchObject({ version: 2, name: 'St Jude ED', contacts: [] })
    const before = app.snapshot()
    const error = await app.callError(
      'partners.update',
      { id: partner.id, expectedVersion: 1, fields: partnerInput({ name: 'Lost update' }) },
      'conflict',
    )
    expect(error.message).toMatch(/someone else/i)
    expect(app.snapshot()).toEqual(before)
    await app.callError('partners.update', { id: 999, expectedVersion: 1, fields: partnerInput() }, 'not_found')
  })

  it('records which fields changed, never the values', async () => {
    const app = await office()
    const partner = await app.call('partners.create', partnerInput())
    await app.call('partners.update', {
      id: partner.id,
      expectedVersion: 1,
      fields: partnerInput({ address: '9 Secret Lane', contacts: [] }),
    })
    const [event] = (await app.call('audit.list', { recordType: 'partner', action: 'update' })).items
    expect(event).toMatchObject({ summary: 'Details changed: address, contacts (1 → 0)', recordName: partner.name })
    expect(JSON.stringify(app.snapshot()['audit_events'])).not.toContain('Secret Lane')
  })
})

describe('partners.list', () => {
  it('pages by name, filters by type, finds by name ignoring case and accents, and counts contracts in force', async () => {
    const app = await office()
    const names = ['Zeta Jail', 'Alpha ED', 'Médecins Clinic', 'Beta Police', 'Gamma Treatment']
    const types = ['prison_jail', 'emergency_department', 'hospital', 'police', 'treatment_centre'] as const
    const ids: number[] = []
    for (const [i, name] of names.entries()) {
      ids.push((await app.call('partners.create', partnerInput({ name, type: types[i]! }))).id)
    }
    await app.call('contracts.create', contractInput(ids[1]!))
    await app.call('contracts.create', contractInput(ids[1]!, { startDate: '2024-01-01', endDate: '2024-12-31' }))

    const first = await app.call('partners.list', { limit: 2 })
    expect(first.items.map((p) => p.name)).toEqual(['Alpha ED', 'Beta Police'])
    expect(first.total).toBe(5)
    expect(first.items[0]!.activeContracts).toBe(1)
    const second = await app.call('partners.list', { limit: 2, after: first.nextCursor })
    expect(second.items.map((p) => p.name)).toEqual(['Gamma Treatment', 'Médecins Clinic'])
    const third = await app.call('partners.list', { limit: 2, after: second.nextCursor })
    expect(third).toMatchObject({ items: [{ name: 'Zeta Jail' }], nextCursor: null })

    expect((await app.call('partners.list', { search: 'medecins' })).items.map((p) => p.name)).toEqual([
      'Médecins Clinic',
    ])
    expect((await app.call('partners.list', { type: 'police' })).items.map((p) => p.name)).toEqual(['Beta Police'])
    await app.callError('partners.list', { after: 'not-a-cursor' }, 'invalid_input')
  })
})

describe('contracts.create', () => {
  it('stores the terms, windows and team, with a status and renewal alert derived from the dates', async () => {
    const app = await office()
    const partner = await app.call('partners.create', partnerInput())
    const contract = await app.call(
      'contracts.create',
      contractInput(partner.id, {
        reference: 'ED-2026-A',
        coverage: [{ startDay: 4, startTime: '18:00', endDay: 0, endTime: '08:00' }],
        team: app.coachIds,
      }),
    )
    expect(contract).toMatchObject({
      version: 1,
      partnerName: 'St Jude Emergency Department',
      partnerType: 'emergency_department',
      reference: 'ED-2026-A',
      status: 'active',
      valueMinor: 12_500_000,
      currency: 'USD',
      billingBasis: 'per_dispatch',
      coverage: [{ startDay: 4, startTime: '18:00', endDay: 0, endTime: '08:00' }],
      team: [
        { coachId: app.coachIds[0], displayName: 'Avery Coach', status: 'active' },
        { coachId: app.coachIds[1], displayName: 'Blake Coach', status: 'active' },
      ],
      // 60 days of notice before 31 December; "now" is 22 November.
      noticeFrom: '2026-11-01',
      renewalDue: true,
      terminatedOn: null,
    })
    expect(await app.call('contracts.get', { id: contract.id })).toEqual(contract)
    const later = await app.call(
      'contracts.create',
      contractInput(partner.id, { startDate: '2027-01-01', endDate: '2027-12-31' }),
    )
    expect(later).toMatchObject({ status: 'draft', renewalDue: false })
    const old = await app.call(
      'contracts.create',
      contractInput(partner.id, { startDate: '2024-01-01', endDate: '2024-12-31' }),
    )
    expect(old).toMatchObject({ status: 'expired', renewalDue: false })
  })

  it('refuses each bad term on its field and saves nothing', async () => {
    const app = await office()
    const partner = await app.call('partners.create', partnerInput())
    const ok = () => contractInput(partner.id)
    await expectInvalid(app, 'contracts.create', { ...ok(), startDate: '2026-06-01', endDate: '2026-05-31' }, 'endDate')
    await expectInvalid(app, 'contracts.create', { ...ok(), valueMinor: -1 }, 'valueMinor', /negative/)
    await expectInvalid(app, 'contracts.create', { ...ok(), valueMinor: 100.5 }, 'valueMinor', /whole number/)
    await expectInvalid(app, 'contracts.create', { ...ok(), currency: 'XYZ' }, 'currency', /listed currencies/)
    await expectInvalid(app, 'contracts.create', { ...ok(), currency: 'usd' }, 'currency')
    await expectInvalid(app, 'contracts.create', { ...ok(), startDate: '2026-02-30' }, 'startDate', /real calendar/)
    await expectInvalid(app, 'contracts.create', { ...ok(), targetMinutes: 0 }, 'targetMinutes')
    await expectInvalid(app, 'contracts.create', { ...ok(), partnerId: 999 }, 'partnerId', /partner/)
    await expectInvalid(app, 'contracts.create', { ...ok(), team: [999] }, 'team.0', /not found/)
    await expectInvalid(app, 'contracts.create', { ...ok(), team: [app.coachIds[0], app.coachIds[0]] }, 'team')
    await expectInvalid(
      app,
      'contracts.create',
      {
        ...ok(),
        coverage: [
          { startDay: 4, startTime: '18:00', endDay: 0, endTime: '08:00' },
          { startDay: 5, startTime: '09:00', endDay: 5, endTime: '17:00' },
        ],
      },
      'coverage.1',
      /Window 2 overlaps window 1/,
    )
    await expectInvalid(
      app,
      'contracts.create',
      { ...ok(), coverage: [{ startDay: 1, startTime: '9:00', endDay: 1, endTime: '17:00' }] },
      'coverage.0.startTime',
    )
    await expectInvalid(
      app,
      'contracts.create',
      { ...ok(), coverage: [{ startDay: 1, startTime: '09:00', endDay: 1, endTime: '09:00' }] },
      'coverage.0',
    )
  })

  it('refuses a coach who has left and a reference already used (in any case)', async () => {
    const app = await office()
    const partner = await app.call('partners.create', partnerInput())
    const gone = await app.call('coaches.create', coachInput({ legalName: 'Gone Coach' }))
    await app.call('coaches.setStatus', { id: gone.id, expectedVersion: 1, status: 'left', effectiveOn: '2026-11-01' })
    await expectInvalid(app, 'contracts.create', contractInput(partner.id, { team: [gone.id] }), 'team.0', /has left/)
    await app.call('contracts.create', contractInput(partner.id, { reference: 'PD-7' }))
    await expectInvalid(app, 'contracts.create', contractInput(partner.id, { reference: 'pd-7' }), 'reference')
  })
})

describe('contracts.update', () => {
  it('saves new terms; the second of two editors is told and nothing of theirs is saved', async () => {
    const app = await office()
    const { contract } = await partnerWithContract(app, [app.coachIds[0]!])
    const saved = await app.call('contracts.update', {
      id: contract.id,
      expectedVersion: 1,
      fields: { ...contractFieldsOf(contract), endDate: '2027-12-31', team: app.coachIds },
    })
    expect(saved).toMatchObject({ version: 2, endDate: '2027-12-31', renewalDue: false })
    expect(saved.team).toHaveLength(2)
    const [event] = (await app.call('audit.list', { recordType: 'contract', action: 'update' })).items
    expect(event!.summary).toBe('Terms changed: end date 2026-12-31 → 2027-12-31; team (1 → 2 coaches)')
    const before = app.snapshot()
    await app.callError(
      'contracts.update',
      { id: contract.id, expectedVersion: 1, fields: { ...contractFieldsOf(contract), title: 'Mine' } },
      'conflict',
    )
    expect(app.snapshot()).toEqual(before)
  })

  it('refuses dates that would leave logged dispatches outside the contract', async () => {
    const app = await office()
    const { contract } = await partnerWithContract(app, [app.coachIds[0]!])
    await app.call('dispatches.create', dispatchInput(contract.id, app.coachIds[0]!))
    const error = await expectInvalid(
      app,
      'contracts.update',
      { id: contract.id, expectedVersion: 1, fields: { ...contractFieldsOf(contract), endDate: '2026-11-19' } },
      'fields.endDate',
      /1 dispatch was requested after this date/,
    )
    expect(error.message).toMatch(/outside the contract/)
  })

  it('marks the logged requests again when the coverage windows change', async () => {
    const app = await office()
    const { contract } = await partnerWithContract(app, [app.coachIds[0]!])
    // Friday 20 November 2026, 09:00 in New York.
    const dispatch = await app.call('dispatches.create', dispatchInput(contract.id, app.coachIds[0]!))
    expect(dispatch.outsideCoverage).toBe(false)
    const weekendOnly = [{ startDay: 4, startTime: '18:00', endDay: 0, endTime: '08:00' } as const]
    await app.call('contracts.update', {
      id: contract.id,
      expectedVersion: 1,
      fields: { ...contractFieldsOf(contract), coverage: weekendOnly },
    })
    expect((await app.call('dispatches.get', { id: dispatch.id })).outsideCoverage).toBe(true)
  })
})

describe('contracts.terminate', () => {
  it('ends the contract with a date and a reason, and closes it to every change after', async () => {
    const app = await office()
    const { contract } = await partnerWithContract(app, [app.coachIds[0]!])
    const ended = await app.call('contracts.terminate', {
      id: contract.id,
      expectedVersion: 1,
      terminatedOn: '2026-11-15',
      reason: 'Funding withdrawn',
    })
    expect(ended).toMatchObject({
      version: 2,
      status: 'terminated',
      terminatedOn: '2026-11-15',
      terminationReason: 'Funding withdrawn',
      renewalDue: false,
    })
    const [event] = (await app.call('audit.list', { action: 'terminate' })).items
    expect(event!.summary).toBe('Terminated from 2026-11-15 (it was to end on 2026-12-31)')
    expect(event!.summary).not.toContain('Funding')

    const before = app.snapshot()
    const error = await app.callError(
      'contracts.update',
      { id: contract.id, expectedVersion: 2, fields: contractFieldsOf(ended) },
      'invalid_input',
    )
    expect(error.message).toMatch(/terminated/)
    await app.callError(
      'contracts.terminate',
      { id: contract.id, expectedVersion: 2, terminatedOn: '2026-11-16', reason: 'Again' },
      'invalid_input',
    )
    expect(app.snapshot()).toEqual(before)
    // The database itself refuses, whatever the code above it does.
    const sqlite = app.core.vault.database!.sqlite
    expect(() => sqlite.prepare('UPDATE contracts SET title = ? WHERE id = ?').run('x', contract.id)).toThrow(
      /terminated contract/,
    )
    expect(() => sqlite.prepare('DELETE FROM contract_team WHERE contract_id = ?').run(contract.id)).toThrow(
      /terminated contract/,
    )
    expect(() => sqlite.prepare('DELETE FROM contracts WHERE id = ?').run(contract.id)).toThrow(/never deleted/)
  })

  it('refuses a date in the future, after the end, or before requests already logged', async () => {
    const app = await office()
    const { contract } = await partnerWithContract(app, [app.coachIds[0]!], { endDate: '2026-11-30' })
    await app.call('dispatches.create', dispatchInput(contract.id, app.coachIds[0]!))
    const terminate = (terminatedOn: string) => ({ id: contract.id, expectedVersion: 1, terminatedOn, reason: 'x' })
    await expectInvalid(app, 'contracts.terminate', terminate('2026-11-23'), 'terminatedOn', /after today/)
    await expectInvalid(app, 'contracts.terminate', terminate('2026-11-20'), 'terminatedOn', /1 dispatch was/)
    await expectInvalid(app, 'contracts.terminate', { ...terminate('2026-11-21'), reason: ' ' }, 'reason')
    const old = await app.call('contracts.create', contractInput(contract.partnerId, { endDate: '2026-03-31' }))
    await expectInvalid(
      app,
      'contracts.terminate',
      { ...terminate('2026-04-01'), id: old.id },
      'terminatedOn',
      /end date/,
    )
  })
})

describe('contracts.list and contracts.get', () => {
  it('filters by the status the dates give, and pages by reference', async () => {
    const app = await office()
    const partner = await app.call('partners.create', partnerInput())
    const make = (reference: string, extra = {}) =>
      app.call('contracts.create', contractInput(partner.id, { reference, renewalNoticeDays: 10, ...extra }))
    await make('C-ACTIVE')
    await make('C-RENEW', { endDate: '2026-11-30' })
    await make('C-DRAFT', { startDate: '2027-01-01', endDate: '2027-06-30' })
    await make('C-EXPIRED', { startDate: '2025-01-01', endDate: '2025-12-31' })
    const ended = await make('C-ENDED')
    await app.call('contracts.terminate', { id: ended.id, expectedVersion: 1, terminatedOn: '2026-10-01', reason: 'x' })
    const refs = async (filter: ContractListInput['filter']) =>
      (await app.call('contracts.list', { filter })).items.map((c) => c.reference)
    expect(await refs('active')).toEqual(['C-ACTIVE', 'C-RENEW'])
    expect(await refs('renewal_due')).toEqual(['C-RENEW'])
    expect(await refs('draft')).toEqual(['C-DRAFT'])
    expect(await refs('expired')).toEqual(['C-EXPIRED'])
    expect(await refs('terminated')).toEqual(['C-ENDED'])
    expect(await refs('current')).toEqual(['C-ACTIVE', 'C-DRAFT', 'C-RENEW'])
    expect((await allContracts(app, { filter: 'all', limit: 2 })).map((c) => c.reference)).toEqual([
      'C-ACTIVE',
      'C-DRAFT',
      'C-ENDED',
      'C-EXPIRED',
      'C-RENEW',
    ])
    expect((await app.call('contracts.list', { filter: 'all', search: 'renew' })).items).toHaveLength(1)
  })

  it('shows a coach only the contracts they are on, without the money or their teammates, read-only', async () => {
    const app = await office()
    const [mine, theirs] = app.coachIds as [number, number]
    const coach = await app.signInAs('coach', { coachId: mine })
    const { partner, contract: shared } = await partnerWithContract(app, [mine, theirs], { reference: 'SHARED' })
    const other = await app.call('contracts.create', contractInput(partner.id, { reference: 'OTHER', team: [theirs] }))

    const list = await coach.call('contracts.list', { filter: 'all' })
    expect(list.items.map((c) => c.reference)).toEqual(['SHARED'])
    const seen = await coach.call('contracts.get', { id: shared.id })
    expect(seen).toMatchObject({ reference: 'SHARED', valueMinor: null, billingBasis: null })
    expect(seen.team).toEqual([{ coachId: mine, displayName: 'Avery Coach', status: 'active' }])
    expect(JSON.stringify(seen)).not.toContain('Blake')

    const before = app.snapshot()
    await coach.callError('contracts.get', { id: other.id }, 'forbidden')
    await coach.callError('contracts.get', { id: 999 }, 'forbidden')
    await coach.callError('contracts.list', { coachId: theirs }, 'forbidden')
    await coach.callError(
      'contracts.update',
      { id: shared.id, expectedVersion: 1, fields: contractFieldsOf(shared) },
      'forbidden',
    )
    expect(app.snapshot()).toEqual(before)
    expect((await app.call('contracts.list', { filter: 'all', coachId: theirs })).items).toHaveLength(2)
    await app.callError('contracts.get', { id: 999 }, 'not_found')
  })
})
