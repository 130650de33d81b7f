import { describe, expect, it } from 'vitest'
import { localToInstant, type Disambiguation } from '@shared/domain/coverage'
import fc from 'fast-check'
import { figuresOf, quantile, quantileOfRanks, ranksFor } from '../../../electron/app/dispatches/dispatches.metrics'
import { coachInput, startTestApp } from '../helpers'
import { contractInput, dispatchInput, partnerInput } from '../contracts/support'

const NY = 'America/New_York'

describe('quantile', () => {
  it('interpolates between closest ranks: the median of an even count is the mean of the middle two', () => {
    expect(quantile([1, 2, 3, 4], 0.5)).toBe(2.5)
    expect(quantile([1, 2, 3, 4], 0.9)).toBeCloseTo(3.7, 10)
    expect(quantile([10, 20, 40], 0.9)).toBeCloseTo(36, 10)
    expect(quantile([7], 0.5)).toBe(7)
    expect(quantile([7], 0.9)).toBe(7)
    expect(quantile([], 0.5)).toBeNull()
  })

  it('needs only the values at two ranks, which SQLite picks out: the same answer as from the whole list', () => {
    expect(ranksFor(4, 5)).toEqual([2, 3])
    expect(ranksFor(4, 9)).toEqual([3, 4])
    expect(ranksFor(11, 9)).toEqual([10, 10])
    expect(ranksFor(1, 9)).toEqual([1, 1])
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 100_000 }), { minLength: 1, maxLength: 60 }), (values) => {
        const sorted = [...values].sort((a, b) => a - b)
        const byRank = new Map(sorted.map((value, i) => [i + 1, value]))
        for (const tenths of [5, 9] as const) {
          expect(quantileOfRanks(sorted.length, byRank, tenths)).toBeCloseTo(quantile(sorted, tenths / 10)!, 6)
        }
      }),
    )
  })

  it('counts a month with no requests as none, not as zero minutes', () => {
    expect(figuresOf('2026-01', undefined, undefined)).toEqual({
      month: '2026-01',
      requests: 0,
      fulfilled: 0,
      shareFulfilled: null,
      medianMinutes: null,
      p90Minutes: null,
      withinTarget: 0,
      outsideCoverage: 0,
    })
  })
})

/**
 * A small fixed office in New York, worked by hand. Contract A (target 30 minutes) covers the weekend (Friday 18:00 to
 * Monday 08:00) and Wednesday night (22:00 to Thursday 06:00); contract B (target 45) covers all hours. "Now" is
 * Sunday 22 November 2026, 05:00 EST. Clocks went back on Sunday 1 November at 02:00 EDT.
 *
 *  #   local request time            contract coach  minutes to arrival  coverage
 *  1   Sat 5 Sep 23:00               A        Avery  20                  inside (weekend)
 *  2   Wed 9 Sep 23:30               A        Blake  40                  inside (Wednesday night, before midnight)
 *  3   Thu 10 Sep 05:59              A        Avery  10                  inside (after midnight)
 *  4   Thu 10 Sep 06:00              A        Blake  -  (left before)    outside (the window has ended)
 *  5   Fri 30 Oct 17:59              A        Avery  30 (= target)       outside
 *  6   Fri 30 Oct 18:00              A        Blake  60                  inside
 *  7   Sat 31 Oct 23:30 EDT (03:30Z) A        Blake  15                  inside; October locally, November in UTC
 *  8   Sun 1 Nov 01:30 EDT (05:30Z)  A        Avery  65 real minutes     inside; arrives 01:35 EST on the wall clock
 *  9   Sun 1 Nov 01:30 EST (06:30Z)  A        Blake  20                  inside; the same wall time again
 *  10  Mon 2 Nov 08:00               A        Avery  25                  outside (the weekend ended at 08:00)
 *  11  Tue 10 Nov 12:00              B        Avery  5                   inside (all hours)
 *  12  Wed 18 Nov 22:00              A        -      -  (open)           inside (the window starts at 22:00)
 *
 * A by month: September 4 requests, 3 fulfilled (0.75), minutes 10, 20, 40: median 20, p90 20 + 0.8 × 20 = 36, 2
 * within 30, 1 outside. October 3 requests (#5-#7), all fulfilled, 15, 30, 60: median 30, p90 30 + 0.8 × 30 = 54, 2
 * within (15, 30), 1 outside. November 4 requests (#8-#10, #12), 3 fulfilled (0.75), 20, 25, 65: median 25, p90
 * 25 + 0.8 × 40 = 57, 2 within, 1 outside. Every contract in November adds #11: 5 requests, 4 fulfilled (0.8),
 * 1 outside (no percentiles or target across contracts: their targets differ). B in November: 1 request,
 * fulfilled in 5 minutes, within its 45.
 *
 * Weeks (Mondays 26 Oct, 2 Nov, 9 Nov, 16 Nov): Avery #5, #8 | #10 | #11 | - = 2, 1, 1, 0; Blake #6, #7, #9 = 3, 0, 0, 0.
 */
async function fixedOffice() {
  const app = await startTestApp()
  await app.call('settings.update', { officeName: 'Test Office', coachTitle: 'recovery_coach', timeZone: NY })
  const avery = (await app.call('coaches.create', coachInput({ legalName: 'Avery Coach' }))).id
  const blake = (await app.call('coaches.create', coachInput({ legalName: 'Blake Coach' }))).id
  const partner = await app.call('partners.create', partnerInput())
  const a = await app.call(
    'contracts.create',
    contractInput(partner.id, {
      reference: 'A',
      targetMinutes: 30,
      team: [avery, blake],
      coverage: [
        { startDay: 4, startTime: '18:00', endDay: 0, endTime: '08:00' },
        { startDay: 2, startTime: '22:00', endDay: 3, endTime: '06:00' },
      ],
    }),
  )
  const b = await app.call(
    'contracts.create',
    contractInput(partner.id, {
      reference: 'B',
      targetMinutes: 45,
      team: [avery],
      endDate: '2027-06-30',
      renewalNoticeDays: 30,
    }),
  )
  const log = async (
    contractId: number,
    coach: number | null,
    date: string,
    time: string,
    minutes: number | null | 'left',
    how: Disambiguation = 'earlier',
  ) => {
    const requestedAt = localToInstant(date, time, NY, how)!
    const plus = (m: number) => new Date(Date.parse(requestedAt) + m * 60_000).toISOString()
    return app.call(
      'dispatches.create',
      dispatchInput(contractId, coach, {
        requestedAt,
        acceptedAt: coach === null ? null : requestedAt,
        arrivedAt: typeof minutes === 'number' ? plus(minutes) : null,
        completedAt: coach === null ? null : plus(90),
        outcome: coach === null ? null : minutes === 'left' ? 'left_before_arrival' : 'engaged',
      }),
    )
  }
  const made = [
    await log(a.id, avery, '2026-09-05', '23:00', 20),
    await log(a.id, blake, '2026-09-09', '23:30', 40),
    await log(a.id, avery, '2026-09-10', '05:59', 10),
    await log(a.id, blake, '2026-09-10', '06:00', 'left'),
    await log(a.id, avery, '2026-10-30', '17:59', 30),
    await log(a.id, blake, '2026-10-30', '18:00', 60),
    await log(a.id, blake, '2026-10-31', '23:30', 15),
    await log(a.id, avery, '2026-11-01', '01:30', 65, 'earlier'),
    await log(a.id, blake, '2026-11-01', '01:30', 20, 'later'),
    await log(a.id, avery, '2026-11-02', '08:00', 25),
    await log(b.id, avery, '2026-11-10', '12:00', 5),
    await log(a.id, null, '2026-11-18', '22:00', null),
  ]
  return { app, a, b, avery, blake, made }
}

describe('contracts.dashboard on a fixed data set', () => {
  it('marks coverage across midnight, the weekend and the change of clocks as worked out by hand', async () => {
    const { made } = await fixedOffice()
    expect(made.map((d) => d.outsideCoverage)).toEqual([
      false,
      false,
      false,
      true,
      true,
      false,
      false,
      false,
      false,
      true,
      false,
      false,
    ])
    // Real minutes, not wall-clock ones: 01:30 EDT to 01:35 EST is 65 minutes.
    expect(made[7]!.minutesToArrival).toBe(65)
  })

  it("gives one contract's months: requests, share fulfilled, median and 90th percentile, outside coverage", async () => {
    const { app, a } = await fixedOffice()
    const board = await app.call('contracts.dashboard', { contractId: a.id, months: 3, weeks: 4 })
    expect(board).toMatchObject({ today: '2026-11-22', timeZone: NY, contractId: a.id, targetMinutes: 30 })
    expect(board.months).toEqual([
      {
        month: '2026-09',
        requests: 4,
        fulfilled: 3,
        shareFulfilled: 0.75,
        medianMinutes: 20,
        p90Minutes: 36,
        withinTarget: 2,
        outsideCoverage: 1,
      },
      {
        month: '2026-10',
        requests: 3,
        fulfilled: 3,
        shareFulfilled: 1,
        medianMinutes: 30,
        p90Minutes: 54,
        withinTarget: 2,
        outsideCoverage: 1,
      },
      {
        month: '2026-11',
        requests: 4,
        fulfilled: 3,
        shareFulfilled: 0.75,
        medianMinutes: 25,
        p90Minutes: 57,
        withinTarget: 2,
        outsideCoverage: 1,
      },
    ])
    expect(board.weeks).toEqual(['2026-10-26', '2026-11-02', '2026-11-09', '2026-11-16'])
    expect(board.coachWeeks.map((c) => [c.displayName, c.counts])).toEqual([
      ['Avery Coach', [2, 1, 0, 0]],
      ['Blake Coach', [3, 0, 0, 0]],
    ])
  })

  it('gives every contract together (counts only), the contracts in force with this month, and renewals due', async () => {
    const { app, a, b } = await fixedOffice()
    const board = await app.call('contracts.dashboard', { months: 1, weeks: 4 })
    expect(board.targetMinutes).toBeNull()
    expect(board.months).toEqual([
      {
        month: '2026-11',
        requests: 5,
        fulfilled: 4,
        shareFulfilled: 0.8,
        medianMinutes: null,
        p90Minutes: null,
        withinTarget: null,
        outsideCoverage: 1,
      },
    ])
    expect(board.coachWeeks.map((c) => [c.displayName, c.counts])).toEqual([
      ['Avery Coach', [2, 1, 1, 0]],
      ['Blake Coach', [3, 0, 0, 0]],
    ])
    expect(
      board.activeContracts.map((c) => [
        c.reference,
        c.thisMonth.requests,
        c.thisMonth.medianMinutes,
        c.thisMonth.p90Minutes,
        c.thisMonth.withinTarget,
      ]),
    ).toEqual([
      ['A', 4, 25, 57, 2],
      ['B', 1, 5, 5, 1],
    ])
    expect(board.renewalsDue.map((c) => c.id)).toEqual([a.id])
    expect(board.activeContracts.find((c) => c.id === b.id)!.renewalDue).toBe(false)
    await app.callError('contracts.dashboard', { contractId: 999 }, 'not_found')
  })
})
