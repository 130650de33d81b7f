import { describe, expect, it } from 'vitest'
import type { Dispatch, DispatchCreateInput } from '@shared/domain/dispatches'
import { localToInstant } from '@shared/domain/coverage'
import { coachInput, NOW, startTestApp, type TestApp } from '../helpers'
import {
  contractFieldsOf,
  contractInput,
  dispatchFieldsOf,
  dispatchInput,
  partnerInput,
  partnerWithContract,
} from '../contracts/support'

const NY = 'America/New_York'
const ny = (date: string, time: string) => localToInstant(date, time, NY, 'reject')!

/** An office in New York with three coaches (two on the contract's team), and an ED contract for 2026. */
async function office() {
  const app = await startTestApp()
  await app.call('settings.update', { officeName: 'Test Office', coachTitle: 'recovery_coach', timeZone: NY })
  const avery = (await app.call('coaches.create', coachInput({ legalName: 'Avery Coach' }))).id
  const blake = (await app.call('coaches.create', coachInput({ legalName: 'Blake Coach' }))).id
  const casey = (await app.call('coaches.create', coachInput({ legalName: 'Casey Coach' }))).id
  const { partner, contract } = await partnerWithContract(app, [avery, blake])
  return { app, avery, blake, casey, partner, contract }
}

async function expectInvalid(app: TestApp, channel: string, input: unknown, field: string, message?: RegExp) {
  const before = app.snapshot()
  const error = await app.callError(channel, input, 'invalid_input')
  expect(Object.keys(error.fields ?? {}), JSON.stringify(error)).toContain(field)
  if (message) expect(error.fields![field]).toMatch(message)
  expect(app.snapshot()).toEqual(before)
  return error
}

describe('dispatches.create', () => {
  it('logs a request followed through to completion, with minutes to arrival and coverage worked out', async () => {
    const { app, avery, contract } = await office()
    const dispatch = await app.call(
      'dispatches.create',
      dispatchInput(contract.id, avery, { followUpOn: '2026-11-27' }),
    )
    expect(dispatch).toEqual({
      id: dispatch.id,
      version: 1,
      contractId: contract.id,
      contractReference: contract.reference,
      partnerName: 'St Jude Emergency Department',
      partnerType: 'emergency_department',
      requestedAt: '2026-11-20T14:00:00.000Z',
      requester: 'Charge nurse, ED',
      location: 'Bay 3',
      referenceCode: 'MRN-48213',
      coachId: avery,
      coachName: 'Avery Coach',
      sentOffTeam: false,
      acceptedAt: '2026-11-20T14:05:00.000Z',
      arrivedAt: '2026-11-20T14:30:00.000Z',
      completedAt: '2026-11-20T15:30:00.000Z',
      outcome: 'engaged',
      followUpOn: '2026-11-27',
      outsideCoverage: false,
      minutesToArrival: 30,
      targetMinutes: 45,
      open: false,
      createdAt: NOW,
      updatedAt: NOW,
    })
    expect(await app.call('dispatches.get', { id: dispatch.id })).toEqual(dispatch)
    const [event] = (await app.call('audit.list', { recordType: 'dispatch' })).items
    expect(event!.summary).toBe('Logged a request (inside coverage, coach assigned, closed: Engaged)')
    expect(JSON.stringify(app.snapshot()['audit_events'])).not.toContain('MRN-48213')
  })

  it('logs a bare request with no coach yet, open, and normalises instants to milliseconds', async () => {
    const { app, contract } = await office()
    const dispatch = await app.call(
      'dispatches.create',
      dispatchInput(contract.id, null, { requestedAt: '2026-11-22T09:30:00Z' }),
    )
    expect(dispatch).toMatchObject({
      coachId: null,
      coachName: null,
      open: true,
      requestedAt: '2026-11-22T09:30:00.000Z',
    })
  })

  it('refuses times out of order and steps taken before the step they need, on their fields', async () => {
    const { app, avery, contract } = await office()
    const ok = (overrides: Partial<DispatchCreateInput>) => dispatchInput(contract.id, avery, overrides)
    await expectInvalid(
      app,
      'dispatches.create',
      ok({ acceptedAt: '2026-11-20T13:59:00.000Z' }),
      'acceptedAt',
      /before the request/,
    )
    await expectInvalid(
      app,
      'dispatches.create',
      ok({ acceptedAt: '2026-11-20T14:05:00Z', arrivedAt: '2026-11-20T14:04:00Z' }),
      'arrivedAt',
      /before acceptance/,
    )
    await expectInvalid(
      app,
      'dispatches.create',
      ok({ acceptedAt: null, arrivedAt: '2026-11-20T13:00:00Z', completedAt: null, outcome: null }),
      'arrivedAt',
    )
    await expectInvalid(app, 'dispatches.create', ok({ completedAt: '2026-11-20T14:10:00Z' }), 'completedAt')
    await expectInvalid(app, 'dispatches.create', ok({ outcome: null }), 'outcome', /how the dispatch ended/)
    await expectInvalid(app, 'dispatches.create', ok({ completedAt: null }), 'completedAt')
    await expectInvalid(app, 'dispatches.create', ok({ arrivedAt: null }), 'arrivedAt', /Left before arrival/)
    await expectInvalid(app, 'dispatches.create', { ...ok({}), coachId: null }, 'coachId', /accepted/)
    await expectInvalid(app, 'dispatches.create', ok({ requestedAt: '2026-11-20 14:00' }), 'requestedAt')
    // Closing without an arrival is for a person who left before the coach came.
    const gone = await app.call('dispatches.create', ok({ arrivedAt: null, outcome: 'left_before_arrival' }))
    expect(gone).toMatchObject({ arrivedAt: null, minutesToArrival: null, open: false })
  })

  it('refuses a reference code that could be a name, and says the log holds none', async () => {
    const { app, avery, contract } = await office()
    const ok = (referenceCode: string) => dispatchInput(contract.id, avery, { referenceCode })
    await expectInvalid(app, 'dispatches.create', ok('John Smith'), 'referenceCode', /no spaces/)
    await expectInvalid(app, 'dispatches.create', ok('JSMITH'), 'referenceCode', /at least one digit/)
    await expectInvalid(app, 'dispatches.create', ok('MRN-'.padEnd(30, '1')), 'referenceCode', /24/)
    expect((await app.call('dispatches.create', ok(' ED/2291 '))).referenceCode).toBe('ED/2291')
    expect((await app.call('dispatches.create', ok(''))).referenceCode).toBeNull()
  })

  it('refuses times in the future, an unknown contract or coach, and a coach who is not active', async () => {
    const { app, avery, casey, contract } = await office()
    await expectInvalid(
      app,
      'dispatches.create',
      dispatchInput(contract.id, null, { requestedAt: '2026-11-22T10:01:00.000Z' }),
      'requestedAt',
      /future/,
    )
    await expectInvalid(
      app,
      'dispatches.create',
      dispatchInput(contract.id, avery, { completedAt: '2026-11-23T00:00:00.000Z' }),
      'completedAt',
      /future/,
    )
    await expectInvalid(app, 'dispatches.create', dispatchInput(999, avery), 'contractId', /on the list/)
    await expectInvalid(app, 'dispatches.create', dispatchInput(contract.id, 999), 'coachId', /roster/)
    await app.call('coaches.setStatus', {
      id: casey,
      expectedVersion: 1,
      status: 'on_leave',
      effectiveOn: '2026-11-01',
    })
    await expectInvalid(
      app,
      'dispatches.create',
      { ...dispatchInput(contract.id, casey, { completedAt: null, outcome: null }), sendOffTeam: true },
      'coachId',
      /not active/,
    )
    // A completed dispatch logged afterwards records who went, whatever they are doing now.
    const past = await app.call('dispatches.create', { ...dispatchInput(contract.id, casey), sendOffTeam: true })
    expect(past.coachName).toBe('Casey Coach')
  })

  it('refuses a request under an expired or terminated contract, or before the contract starts', async () => {
    const { app, avery, partner, contract } = await office()
    const expired = await app.call(
      'contracts.create',
      contractInput(partner.id, { endDate: '2026-10-31', team: [avery] }),
    )
    const error = await expectInvalid(
      app,
      'dispatches.create',
      dispatchInput(expired.id, avery),
      'contractId',
      /Expired/,
    )
    expect(error.message).toMatch(/expired on 2026-10-31/)
    const ended = await app.call('contracts.create', contractInput(partner.id, { team: [avery] }))
    await app.call('contracts.terminate', { id: ended.id, expectedVersion: 1, terminatedOn: '2026-11-01', reason: 'x' })
    await expectInvalid(app, 'dispatches.create', dispatchInput(ended.id, avery), 'contractId', /Terminated/)
    // The day before the termination it was still in force: a late entry for it is taken.
    const late = {
      requestedAt: '2026-10-31T14:00:00.000Z',
      acceptedAt: null,
      arrivedAt: null,
      completedAt: null,
      outcome: null,
    }
    expect(await app.call('dispatches.create', dispatchInput(ended.id, null, late))).toMatchObject({ open: true })
    await expectInvalid(
      app,
      'dispatches.create',
      dispatchInput(contract.id, null, { ...late, requestedAt: '2025-12-31T14:00:00.000Z' }),
      'requestedAt',
      /starts/,
    )
    // The contract's last day ends at midnight office time, not UTC: 23:30 in New York on 31 October is 03:30Z.
    const lastEvening = { ...late, requestedAt: ny('2026-10-31', '23:30') }
    expect(await app.call('dispatches.create', dispatchInput(expired.id, null, lastEvening))).toMatchObject({
      open: true,
    })
  })

  it('refuses the follow-up due before the request', async () => {
    const { app, avery, contract } = await office()
    await expectInvalid(
      app,
      'dispatches.create',
      dispatchInput(contract.id, avery, { followUpOn: '2026-11-19' }),
      'followUpOn',
    )
  })

  it('sends a coach who is not on the team only once the coordinator confirms it, and marks the dispatch', async () => {
    const { app, casey, contract } = await office()
    const error = await expectInvalid(
      app,
      'dispatches.create',
      dispatchInput(contract.id, casey),
      'coachId',
      /Send anyway/,
    )
    expect(error.message).toMatch(/Casey Coach is not on this contract's team/)
    const sent = await app.call('dispatches.create', { ...dispatchInput(contract.id, casey), sendOffTeam: true })
    expect(sent.sentOffTeam).toBe(true)
    const [event] = (await app.call('audit.list', { recordType: 'dispatch' })).items
    expect(event!.summary).toContain('coach sent off the team')
  })

  it('takes a request outside the coverage windows, marked as such', async () => {
    const { app, avery, partner } = await office()
    const weekend = await app.call(
      'contracts.create',
      contractInput(partner.id, {
        team: [avery],
        coverage: [{ startDay: 4, startTime: '18:00', endDay: 0, endTime: '08:00' }],
      }),
    )
    const times = (requestedAt: string) => ({
      requestedAt,
      acceptedAt: null,
      arrivedAt: null,
      completedAt: null,
      outcome: null,
    })
    // Wednesday 18 November 12:00 in New York: outside; Saturday 21 November 23:00: inside.
    const weekday = await app.call(
      'dispatches.create',
      dispatchInput(weekend.id, null, times(ny('2026-11-18', '12:00'))),
    )
    const saturday = await app.call(
      'dispatches.create',
      dispatchInput(weekend.id, null, times(ny('2026-11-21', '23:00'))),
    )
    expect([weekday.outsideCoverage, saturday.outsideCoverage]).toEqual([true, false])
  })

  it('reads coverage on the wall clock across the spring change inside a Saturday-night window', async () => {
    const { app, partner } = await office()
    const nights = await app.call(
      'contracts.create',
      contractInput(partner.id, { coverage: [{ startDay: 5, startTime: '22:00', endDay: 6, endTime: '06:00' }] }),
    )
    const request = (requestedAt: string) =>
      dispatchInput(nights.id, null, {
        requestedAt,
        acceptedAt: null,
        arrivedAt: null,
        completedAt: null,
        outcome: null,
      })
    // Sunday 8 March 2026: 05:59 EDT is 09:59Z, inside; 06:00 EDT is 10:00Z, outside (a fixed EST offset says 05:00).
    expect((await app.call('dispatches.create', request('2026-03-08T09:59:00.000Z'))).outsideCoverage).toBe(false)
    expect((await app.call('dispatches.create', request('2026-03-08T10:00:00.000Z'))).outsideCoverage).toBe(true)
  })
})

describe('dispatches.update', () => {
  it('follows a request through acceptance, arrival and completion, one version at a time', async () => {
    const { app, avery, contract } = await office()
    const open = await app.call(
      'dispatches.create',
      dispatchInput(contract.id, null, { acceptedAt: null, arrivedAt: null, completedAt: null, outcome: null }),
    )
    const step = async (d: Dispatch, change: Partial<ReturnType<typeof dispatchFieldsOf>>) =>
      app.call('dispatches.update', {
        id: d.id,
        expectedVersion: d.version,
        fields: { ...dispatchFieldsOf(d), ...change },
      })
    const accepted = await step(open, { coachId: avery, acceptedAt: '2026-11-20T14:02:00Z' })
    const arrived = await step(accepted, { arrivedAt: '2026-11-20T14:52:30Z' })
    const done = await step(arrived, { completedAt: '2026-11-20T16:00:00Z', outcome: 'linked_treatment' })
    expect(done).toMatchObject({ version: 4, open: false, minutesToArrival: 52, outcome: 'linked_treatment' })
    const summaries = (await app.call('audit.list', { recordType: 'dispatch', action: 'update' })).items.map(
      (e) => e.summary,
    )
    expect(summaries).toEqual([
      'Changed: completion time, outcome None → Linked to treatment',
      'Changed: arrival time',
      'Changed: coach, accepted time',
    ])
  })

  it('tells the second of two people editing the same dispatch, saving nothing of theirs', async () => {
    const { app, avery, contract } = await office()
    const dispatch = await app.call('dispatches.create', dispatchInput(contract.id, avery))
    const coordinator = await app.signInAs('coordinator')
    await coordinator.call('dispatches.update', {
      id: dispatch.id,
      expectedVersion: 1,
      fields: { ...dispatchFieldsOf(dispatch), location: 'Resus 1' },
    })
    const before = app.snapshot()
    const error = await app.callError(
      'dispatches.update',
      { id: dispatch.id, expectedVersion: 1, fields: { ...dispatchFieldsOf(dispatch), location: 'Bay 4' } },
      'conflict',
    )
    expect(error.message).toMatch(/someone else changed this dispatch/i)
    expect(app.snapshot()).toEqual(before)
    expect((await app.call('dispatches.get', { id: dispatch.id })).location).toBe('Resus 1')
  })

  it('lets an open dispatch be closed after its contract ended, but not moved past the end', async () => {
    const { app, avery, contract } = await office()
    const open = await app.call(
      'dispatches.create',
      dispatchInput(contract.id, avery, { completedAt: null, outcome: null }),
    )
    await app.call('contracts.terminate', {
      id: contract.id,
      expectedVersion: 1,
      terminatedOn: '2026-11-21',
      reason: 'x',
    })
    const closed = await app.call('dispatches.update', {
      id: open.id,
      expectedVersion: 1,
      fields: { ...dispatchFieldsOf(open), completedAt: '2026-11-21T10:00:00Z', outcome: 'engaged' },
    })
    expect(closed.open).toBe(false)
    await expectInvalid(
      app,
      'dispatches.update',
      {
        id: open.id,
        expectedVersion: 2,
        fields: {
          ...dispatchFieldsOf(closed),
          requestedAt: '2026-11-21T12:00:00Z',
          acceptedAt: null,
          arrivedAt: null,
          completedAt: null,
          outcome: null,
        },
      },
      'fields.requestedAt',
    )
    await app.callError(
      'dispatches.update',
      { id: 999, expectedVersion: 1, fields: dispatchFieldsOf(open) },
      'not_found',
    )
  })

  it('keeps a dispatch on its contract, and in the log for good', async () => {
    const { app, avery, partner, contract } = await office()
    const dispatch = await app.call('dispatches.create', dispatchInput(contract.id, avery))
    const other = await app.call('contracts.create', contractInput(partner.id))
    const sqlite = app.core.vault.database!.sqlite
    expect(() =>
      sqlite.prepare('UPDATE dispatches SET contract_id = ? WHERE id = ?').run(other.id, dispatch.id),
    ).toThrow(/keeps its contract/)
    expect(() => sqlite.prepare('DELETE FROM dispatches').run()).toThrow(/keeps every dispatch/)
    expect(() =>
      sqlite.prepare("UPDATE dispatches SET reference_code = 'Jane Doe' WHERE id = ?").run(dispatch.id),
    ).toThrow(/CHECK/)
  })
})

describe('dispatches.list and dispatches.get', () => {
  it('pages the log newest first by key, ties broken by id, with filters by contract, coach, state and local dates', async () => {
    const { app, avery, blake, partner, contract } = await office()
    const second = await app.call('contracts.create', contractInput(partner.id, { team: [avery, blake] }))
    const made: Dispatch[] = []
    for (let i = 0; i < 7; i++) {
      const day = `2026-11-${String(10 + i).padStart(2, '0')}`
      const requestedAt = ny(day, i === 3 ? '23:30' : '09:00')
      const coach = i % 2 === 0 ? avery : blake
      made.push(
        await app.call(
          'dispatches.create',
          dispatchInput(i < 5 ? contract.id : second.id, coach, {
            requestedAt,
            acceptedAt: requestedAt,
            arrivedAt: null,
            completedAt: i === 6 ? null : requestedAt,
            outcome: i === 6 ? null : 'other',
          }),
        ),
      )
    }
    // Two requests at the same instant: the later id first.
    const tie = await app.call(
      'dispatches.create',
      dispatchInput(contract.id, null, {
        requestedAt: made[4]!.requestedAt,
        acceptedAt: null,
        arrivedAt: null,
        completedAt: null,
        outcome: null,
      }),
    )

    const seen: number[] = []
    let after: string | null = null
    do {
      const page: { items: Dispatch[]; nextCursor: string | null } = await app.call('dispatches.list', {
        limit: 3,
        after,
      })
      seen.push(...page.items.map((d) => d.id))
      after = page.nextCursor
    } while (after)
    expect(seen).toEqual([
      made[6]!.id,
      made[5]!.id,
      tie.id,
      made[4]!.id,
      made[3]!.id,
      made[2]!.id,
      made[1]!.id,
      made[0]!.id,
    ])

    const ids = async (input: object) => (await app.call('dispatches.list', input)).items.map((d) => d.id)
    expect(await ids({ contractId: second.id })).toEqual([made[6]!.id, made[5]!.id])
    expect(await ids({ coachId: blake })).toEqual([made[5]!.id, made[3]!.id, made[1]!.id])
    expect(await ids({ state: 'open' })).toEqual([made[6]!.id, tie.id])
    // 13 November 23:30 in New York is 14 November in UTC: the office's date counts.
    expect(await ids({ from: '2026-11-13', to: '2026-11-13' })).toEqual([made[3]!.id])
    await app.callError('dispatches.list', { from: '2026-11-14', to: '2026-11-13' }, 'invalid_input')
  })

  it("shows a coach their own dispatches only, and refuses another coach's", async () => {
    const { app, avery, blake, contract } = await office()
    const mine = await app.call('dispatches.create', dispatchInput(contract.id, avery))
    const theirs = await app.call('dispatches.create', dispatchInput(contract.id, blake, { location: 'Secret ward' }))
    const coach = await app.signInAs('coach', { coachId: avery })
    const before = app.snapshot()
    expect((await coach.call('dispatches.list', {})).items.map((d) => d.id)).toEqual([mine.id])
    expect((await coach.call('dispatches.list', { contractId: contract.id })).items.map((d) => d.id)).toEqual([mine.id])
    expect((await coach.call('dispatches.list', { coachId: avery })).items).toHaveLength(1)
    expect(await coach.call('dispatches.get', { id: mine.id })).toEqual(mine)
    for (const [channel, input] of [
      ['dispatches.get', { id: theirs.id }],
      ['dispatches.get', { id: 999 }],
      ['dispatches.list', { coachId: blake }],
      ['dispatches.update', { id: mine.id, expectedVersion: 1, fields: dispatchFieldsOf(mine) }],
      ['dispatches.create', dispatchInput(contract.id, avery)],
    ] as const) {
      const error = await coach.callError(channel, input, 'forbidden')
      expect(JSON.stringify(error)).not.toContain('Secret')
    }
    expect(app.snapshot()).toEqual(before)
    await app.callError('dispatches.get', { id: 999 }, 'not_found')
  })
})

describe('dispatches.suggestCoaches', () => {
  it("offers the team's active coaches not on an open dispatch, least loaded this week first", async () => {
    const { app, avery, blake, casey, partner } = await office()
    const dana = (await app.call('coaches.create', coachInput({ legalName: 'Dana Coach' }))).id
    const erin = (await app.call('coaches.create', coachInput({ legalName: 'Erin Coach' }))).id
    const contract = await app.call(
      'contracts.create',
      contractInput(partner.id, { team: [avery, blake, casey, dana, erin] }),
    )
    const done = (coach: number, day: string) =>
      app.call(
        'dispatches.create',
        dispatchInput(contract.id, coach, {
          requestedAt: ny(day, '09:00'),
          acceptedAt: ny(day, '09:05'),
          arrivedAt: ny(day, '09:30'),
          completedAt: ny(day, '10:00'),
        }),
      )
    // This office week runs Monday 16 to Sunday 22 November.
    await done(avery, '2026-11-16')
    await done(avery, '2026-11-17')
    await done(blake, '2026-11-18')
    await done(blake, '2026-11-09') // last week: not counted
    await done(blake, '2026-11-10')
    await app.call('dispatches.create', dispatchInput(contract.id, casey, { completedAt: null, outcome: null }))
    await app.call('coaches.setStatus', { id: erin, expectedVersion: 1, status: 'on_leave', effectiveOn: '2026-11-20' })

    const suggestions = await app.call('dispatches.suggestCoaches', { contractId: contract.id })
    expect(suggestions.items).toEqual([
      { coachId: dana, displayName: 'Dana Coach', dispatchesThisWeek: 0 },
      { coachId: blake, displayName: 'Blake Coach', dispatchesThisWeek: 1 },
      { coachId: avery, displayName: 'Avery Coach', dispatchesThisWeek: 2 },
    ])
    expect(suggestions.unavailable).toEqual([
      { coachId: casey, displayName: 'Casey Coach', reason: 'on_dispatch' },
      { coachId: erin, displayName: 'Erin Coach', reason: 'not_active' },
    ])
    await app.callError('dispatches.suggestCoaches', { contractId: 999 }, 'not_found')
  })
})

describe('contracts.update with dispatches', () => {
  it('keeps each dispatch whole when the team changes under it', async () => {
    const { app, avery, contract } = await office()
    const dispatch = await app.call('dispatches.create', dispatchInput(contract.id, avery))
    await app.call('contracts.update', {
      id: contract.id,
      expectedVersion: 1,
      fields: { ...contractFieldsOf(contract), team: [] },
    })
    expect(await app.call('dispatches.get', { id: dispatch.id })).toEqual(dispatch)
    // An edit that leaves the coach as they were does not ask again for the team.
    const edited = await app.call('dispatches.update', {
      id: dispatch.id,
      expectedVersion: 1,
      fields: { ...dispatchFieldsOf(dispatch), location: 'Bay 5' },
    })
    expect(edited).toMatchObject({ location: 'Bay 5', sentOffTeam: false })
    void partnerInput
  })
})
