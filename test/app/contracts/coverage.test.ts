import { describe, expect, it } from 'vitest'
import {
  contractStatus,
  Coverage,
  formatMinor,
  isRenewalDue,
  lastDayInForce,
  noticeFrom,
  parseMoney,
} from '@shared/domain/contracts'
import {
  coverageProblems,
  isCovered,
  localMonthRange,
  localParts,
  localToInstant,
  localWeekRange,
  mondayOf,
  resolveLocal,
  type CoverageWindow,
} from '@shared/domain/coverage'

const NY = 'America/New_York'
const LONDON = 'Europe/London'

/** Office wall clock to UTC, for writing the cases below in the words a coordinator would use. */
const at = (date: string, time: string, zone: string) => localToInstant(date, time, zone, 'reject')!

describe('office local time, read with Intl', () => {
  it('reads the wall clock either side of New York’s spring change (Sunday 8 March 2026, 02:00 → 03:00)', () => {
    expect(localParts('2026-03-08T06:59:00Z', NY)).toEqual({
      date: '2026-03-08',
      time: '01:59',
      weekday: 6,
      minuteOfDay: 119,
      offsetMinutes: -300,
    })
    expect(localParts('2026-03-08T07:00:00Z', NY)).toMatchObject({ time: '03:00', offsetMinutes: -240 })
  })

  it('reads the wall clock either side of London’s autumn change (Sunday 25 October 2026, 02:00 → 01:00)', () => {
    expect(localParts('2026-10-25T00:30:00Z', LONDON)).toMatchObject({ time: '01:30', offsetMinutes: 60 })
    expect(localParts('2026-10-25T01:30:00Z', LONDON)).toMatchObject({ time: '01:30', offsetMinutes: 0 })
  })

  it('turns an ordinary wall-clock time into the one instant it names', () => {
    expect(resolveLocal('2026-07-04', '12:00', NY)).toEqual({ kind: 'ok', instant: '2026-07-04T16:00:00.000Z' })
    expect(resolveLocal('2026-01-15', '12:00', NY)).toEqual({ kind: 'ok', instant: '2026-01-15T17:00:00.000Z' })
    expect(resolveLocal('2026-07-01', '09:00', LONDON)).toEqual({ kind: 'ok', instant: '2026-07-01T08:00:00.000Z' })
    expect(resolveLocal('2026-12-01', '09:00', LONDON)).toEqual({ kind: 'ok', instant: '2026-12-01T09:00:00.000Z' })
  })

  it('says a time inside the spring gap never happened, and where it would land moved forward', () => {
    expect(resolveLocal('2026-03-08', '02:30', NY)).toEqual({
      kind: 'nonexistent',
      shifted: '2026-03-08T07:30:00.000Z',
    })
    expect(resolveLocal('2026-03-29', '01:30', LONDON)).toEqual({
      kind: 'nonexistent',
      shifted: '2026-03-29T01:30:00.000Z',
    })
    expect(localToInstant('2026-03-08', '02:30', NY, 'reject')).toBeNull()
    expect(localParts(localToInstant('2026-03-08', '02:30', NY)!, NY).time).toBe('03:30')
  })

  it('says a time in the autumn repeat happened twice, and takes the first unless told otherwise', () => {
    expect(resolveLocal('2026-11-01', '01:30', NY)).toEqual({
      kind: 'ambiguous',
      earlier: '2026-11-01T05:30:00.000Z',
      later: '2026-11-01T06:30:00.000Z',
    })
    expect(resolveLocal('2026-10-25', '01:30', LONDON)).toEqual({
      kind: 'ambiguous',
      earlier: '2026-10-25T00:30:00.000Z',
      later: '2026-10-25T01:30:00.000Z',
    })
    expect(localToInstant('2026-11-01', '01:30', NY)).toBe('2026-11-01T05:30:00.000Z')
    expect(localToInstant('2026-11-01', '01:30', NY, 'later')).toBe('2026-11-01T06:30:00.000Z')
    expect(localToInstant('2026-11-01', '01:30', NY, 'reject')).toBeNull()
  })

  it('bounds local months and weeks in UTC, an hour short or long across a change', () => {
    expect(localMonthRange('2026-03', NY)).toEqual({
      start: '2026-03-01T05:00:00.000Z',
      end: '2026-04-01T04:00:00.000Z',
    })
    expect(localMonthRange('2026-10', LONDON)).toEqual({
      start: '2026-09-30T23:00:00.000Z',
      end: '2026-11-01T00:00:00.000Z',
    })
    expect(mondayOf('2026-10-25')).toBe('2026-10-19')
    expect(mondayOf('2026-10-26')).toBe('2026-10-26')
    const week = localWeekRange('2026-10-19', LONDON)
    expect(week).toEqual({ start: '2026-10-18T23:00:00.000Z', end: '2026-10-26T00:00:00.000Z' })
    expect(Date.parse(week.end) - Date.parse(week.start)).toBe((7 * 24 + 1) * 3600_000)
  })
})

const window = (startDay: number, startTime: string, endDay: number, endTime: string) =>
  ({ startDay, startTime, endDay, endTime }) as CoverageWindow

describe('coverage windows on the office wall clock', () => {
  const weekend = [window(4, '18:00', 0, '08:00')] // Friday 18:00 to Monday 08:00

  it('holds a weekend window from Friday evening to Monday morning, wrapping past Sunday', () => {
    expect(isCovered(weekend, at('2026-06-12', '17:59', NY), NY)).toBe(false) // Friday
    expect(isCovered(weekend, at('2026-06-12', '18:00', NY), NY)).toBe(true)
    expect(isCovered(weekend, at('2026-06-14', '03:00', NY), NY)).toBe(true) // Sunday
    expect(isCovered(weekend, at('2026-06-15', '07:59', NY), NY)).toBe(true) // Monday
    expect(isCovered(weekend, at('2026-06-15', '08:00', NY), NY)).toBe(false)
    expect(isCovered(weekend, at('2026-06-17', '12:00', NY), NY)).toBe(false) // Wednesday
  })

  it('holds a night window across midnight, and one across the end of the week', () => {
    const night = [window(0, '22:00', 1, '06:00')] // Monday 22:00 to Tuesday 06:00
    expect(isCovered(night, at('2026-06-15', '21:59', NY), NY)).toBe(false)
    expect(isCovered(night, at('2026-06-15', '23:30', NY), NY)).toBe(true)
    expect(isCovered(night, at('2026-06-16', '05:59', NY), NY)).toBe(true)
    expect(isCovered(night, at('2026-06-16', '06:00', NY), NY)).toBe(false)
    const sundayNight = [window(6, '20:00', 0, '04:00')]
    expect(isCovered(sundayNight, at('2026-06-14', '23:00', NY), NY)).toBe(true)
    expect(isCovered(sundayNight, at('2026-06-15', '03:59', NY), NY)).toBe(true)
    expect(isCovered(sundayNight, at('2026-06-15', '04:00', NY), NY)).toBe(false)
  })

  it('follows the wall clock over the autumn change: a Saturday-night window runs nine real hours', () => {
    const saturdayNight = [window(5, '22:00', 6, '06:00')]
    // New York, Saturday 31 October 22:00 EDT (02:00Z) to Sunday 1 November 06:00 EST (11:00Z).
    expect(isCovered(saturdayNight, '2026-11-01T01:59:00Z', NY)).toBe(false)
    expect(isCovered(saturdayNight, '2026-11-01T02:00:00Z', NY)).toBe(true)
    expect(isCovered(saturdayNight, '2026-11-01T05:30:00Z', NY)).toBe(true) // 01:30 EDT
    expect(isCovered(saturdayNight, '2026-11-01T06:30:00Z', NY)).toBe(true) // 01:30 EST, the second time
    expect(isCovered(saturdayNight, '2026-11-01T10:59:00Z', NY)).toBe(true) // 05:59 EST
    expect(isCovered(saturdayNight, '2026-11-01T11:00:00Z', NY)).toBe(false) // 06:00 EST
  })

  it('follows the wall clock over the spring change: the same window runs seven real hours', () => {
    const saturdayNight = [window(5, '22:00', 6, '06:00')]
    // Saturday 7 March 22:00 EST (03:00Z) to Sunday 8 March 06:00 EDT (10:00Z); a fixed EST offset would say 11:00Z.
    expect(isCovered(saturdayNight, '2026-03-08T03:00:00Z', NY)).toBe(true)
    expect(isCovered(saturdayNight, '2026-03-08T09:59:00Z', NY)).toBe(true)
    expect(isCovered(saturdayNight, '2026-03-08T10:00:00Z', NY)).toBe(false)
    expect(isCovered(saturdayNight, '2026-03-08T10:30:00Z', NY)).toBe(false)
  })

  it('covers both London 01:30s of the repeated hour inside a window that spans it', () => {
    const early = [window(6, '00:30', 6, '01:45')]
    expect(isCovered(early, '2026-10-25T00:30:00Z', LONDON)).toBe(true) // 01:30 BST
    expect(isCovered(early, '2026-10-25T01:30:00Z', LONDON)).toBe(true) // 01:30 GMT
    expect(isCovered(early, '2026-10-25T01:50:00Z', LONDON)).toBe(false) // 01:50 GMT
  })

  it('covers every hour when a contract has no windows', () => {
    expect(isCovered([], '2026-06-17T12:00:00Z', NY)).toBe(true)
  })

  it('finds empty and overlapping windows, and lets windows touch', () => {
    expect(coverageProblems([window(4, '18:00', 0, '08:00'), window(6, '12:00', 6, '14:00')])).toEqual(
      new Map([[1, 'Window 2 overlaps window 1']]),
    )
    expect(coverageProblems([window(6, '20:00', 0, '04:00'), window(0, '02:00', 0, '05:00')])).toEqual(
      new Map([[1, 'Window 2 overlaps window 1']]),
    )
    expect(coverageProblems([window(0, '08:00', 0, '17:00'), window(0, '17:00', 1, '08:00')]).size).toBe(0)
    expect(coverageProblems([window(2, '09:00', 2, '09:00')]).get(0)).toMatch(/different time/)
  })

  it('refuses malformed windows in the schema, on the window and field at fault', () => {
    const issues = (value: unknown) =>
      Coverage.safeParse(value).error?.issues.map((issue) => [issue.path.join('.'), issue.message])
    expect(issues([{ startDay: 0, startTime: '25:00', endDay: 0, endTime: '8:00' }])).toEqual([
      ['0.startTime', 'Start time must be a 24-hour time like 18:00'],
      ['0.endTime', 'End time must be a 24-hour time like 18:00'],
    ])
    expect(issues([{ startDay: 7, startTime: '10:00', endDay: 0, endTime: '12:00' }])).toEqual([
      ['0.startDay', 'Choose a day'],
    ])
    expect(
      issues([
        { startDay: 0, startTime: '08:00', endDay: 0, endTime: '17:00' },
        { startDay: 0, startTime: '16:00', endDay: 0, endTime: '18:00' },
      ]),
    ).toEqual([['1', 'Window 2 overlaps window 1']])
  })
})

describe('contract rules both sides show', () => {
  const contract = { startDate: '2026-01-01', endDate: '2026-12-31', terminatedOn: null }

  it('derives the status from the dates, unless terminated', () => {
    expect(contractStatus(contract, '2025-12-31')).toBe('draft')
    expect(contractStatus(contract, '2026-01-01')).toBe('active')
    expect(contractStatus(contract, '2026-12-31')).toBe('active')
    expect(contractStatus(contract, '2027-01-01')).toBe('expired')
    expect(contractStatus({ ...contract, terminatedOn: '2026-06-30' }, '2026-03-01')).toBe('terminated')
  })

  it('is due for renewal inside its notice period while active', () => {
    const withNotice = { ...contract, renewalNoticeDays: 60 }
    expect(noticeFrom('2026-12-31', 60)).toBe('2026-11-01')
    expect(isRenewalDue(withNotice, '2026-10-31')).toBe(false)
    expect(isRenewalDue(withNotice, '2026-11-01')).toBe(true)
    expect(isRenewalDue(withNotice, '2027-01-01')).toBe(false)
    expect(isRenewalDue({ ...withNotice, terminatedOn: '2026-11-05' }, '2026-11-10')).toBe(false)
  })

  it('takes requests until the day before it was terminated', () => {
    expect(lastDayInForce(contract)).toBe('2026-12-31')
    expect(lastDayInForce({ ...contract, terminatedOn: '2026-06-30' })).toBe('2026-06-29')
  })

  it('reads typed money as whole minor units, refusing negatives and stray decimals', () => {
    expect(parseMoney('12,500.50', 'USD')).toEqual({ ok: true, minor: 1_250_050 })
    expect(parseMoney(' 12500 ', 'GBP')).toEqual({ ok: true, minor: 1_250_000 })
    expect(parseMoney('0.5', 'EUR')).toEqual({ ok: true, minor: 50 })
    expect(parseMoney('-5', 'USD')).toMatchObject({ ok: false, message: 'Value must not be negative' })
    expect(parseMoney('1.234', 'USD')).toMatchObject({ ok: false, message: 'At most 2 decimal places' })
    expect(parseMoney('12e3', 'USD')).toMatchObject({ ok: false })
    expect(parseMoney('', 'USD')).toMatchObject({ ok: false, message: 'Value is required' })
    expect(formatMinor(1_250_050, 'USD')).toBe('12,500.50')
    expect(formatMinor(5, 'NZD')).toBe('0.05')
  })
})
