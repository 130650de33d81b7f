import { describe, expect, it } from 'vitest'
import { ContractFields, PartnerFields, type Contract } from '@shared/domain/contracts'
import { DispatchFields, type Dispatch } from '@shared/domain/dispatches'
import {
  contractFieldsInput,
  decodeWindow,
  describeWindowText,
  emptyContractForm,
  encodeWindow,
  formFromContract,
  minorFromText,
} from '../../../renderer/src/features/contracts/utils/contractForm'
import {
  decodeContact,
  emptyPartnerForm,
  encodeContact,
  partnerFieldsInput,
} from '../../../renderer/src/features/contracts/utils/partnerForm'
import {
  coachWeekSeries,
  monthLabel,
  monthSeries,
  monthsOverTarget,
  weekLabel,
} from '../../../renderer/src/features/contracts/utils/dashboard'
import { officeDateTime, officeInstant, readTime } from '../../../renderer/src/features/dispatches/utils/officeTime'
import {
  ambiguousSteps,
  dispatchFieldsInput,
  dispatchTimeProblems,
  emptyDispatchForm,
  formFromDispatch,
} from '../../../renderer/src/features/dispatches/utils/dispatchForm'

const NY = 'America/New_York'
const LONDON = 'Europe/London'

describe('office time on the dispatch form', () => {
  it('reads 24-hour times as people type them', () => {
    expect(readTime('9:05')).toBe('09:05')
    expect(readTime(' 14:30 ')).toBe('14:30')
    expect(readTime('0905')).toBe('09:05')
    expect(readTime('24:00')).toBeNull()
    expect(readTime('9.05')).toBeNull()
    expect(readTime('2pm')).toBeNull()
  })

  it('turns an office wall-clock time into the instant, in winter and in summer', () => {
    expect(officeInstant('2026-01-15', '09:00', NY)).toEqual({
      kind: 'ok',
      instant: '2026-01-15T14:00:00.000Z',
      ambiguous: false,
    })
    expect(officeInstant('2026-07-15', '09:00', NY)).toMatchObject({ instant: '2026-07-15T13:00:00.000Z' })
    expect(officeInstant('2026-07-15', '09:00', LONDON)).toMatchObject({ instant: '2026-07-15T08:00:00.000Z' })
    expect(officeDateTime('2026-07-15T08:00:00.000Z', LONDON)).toEqual({ date: '2026-07-15', time: '09:00' })
  })

  it('says when the clocks skipped a time, and asks which of two when they went back', () => {
    // New York: 2026-03-08 02:00 -> 03:00; 2026-11-01 02:00 -> 01:00. London: 2026-03-29 01:00 -> 02:00; 2026-10-25 02:00 -> 01:00.
    expect(officeInstant('2026-03-08', '02:30', NY).kind).toBe('skipped')
    expect(officeInstant('2026-03-29', '01:30', LONDON).kind).toBe('skipped')
    expect(officeInstant('2026-11-01', '01:30', NY, 'earlier')).toEqual({
      kind: 'ok',
      instant: '2026-11-01T05:30:00.000Z',
      ambiguous: true,
    })
    expect(officeInstant('2026-11-01', '01:30', NY, 'later')).toMatchObject({ instant: '2026-11-01T06:30:00.000Z' })
    expect(officeInstant('2026-10-25', '01:30', LONDON, 'later')).toMatchObject({
      instant: '2026-10-25T01:30:00.000Z',
    })
    expect(officeInstant('', '', NY)).toEqual({ kind: 'empty' })
    expect(officeInstant('2026-10-25', 'noon', NY)).toEqual({ kind: 'unreadable' })
  })
})

describe('the dispatch form', () => {
  const base = () => ({
    ...emptyDispatchForm('2026-11-20T19:00:00.000Z', NY, 3),
    requester: 'Charge nurse',
    coachId: '7',
  })

  it('opens on now in office time and takes a later step on the request day unless told otherwise', () => {
    const values = {
      ...base(),
      acceptedAt: '14:05',
      arrivedAt: '14:40',
      completedAt: '0:20',
      completedOn: '2026-11-21',
    }
    expect(values.requestedOn).toBe('2026-11-20')
    expect(values.requestedAt).toBe('14:00')
    const input = dispatchFieldsInput({ ...values, outcome: 'engaged' }, NY)
    expect(input).toMatchObject({
      requestedAt: '2026-11-20T19:00:00.000Z',
      acceptedAt: '2026-11-20T19:05:00.000Z',
      arrivedAt: '2026-11-20T19:40:00.000Z',
      completedAt: '2026-11-21T05:20:00.000Z',
      coachId: 7,
    })
    expect(DispatchFields.safeParse(input).success).toBe(true)
  })

  it('leaves an unreadable time for the schema to refuse on its own field', () => {
    const result = DispatchFields.safeParse(dispatchFieldsInput({ ...base(), arrivedAt: 'soon' }, NY))
    expect(result.success).toBe(false)
    expect(result.error?.issues.map((issue) => [issue.path.join('.'), issue.message])).toContainEqual([
      'arrivedAt',
      'Arrival time: enter a date and a 24-hour time like 14:05',
    ])
  })

  it('refuses a skipped time and asks which of two repeated times was meant', () => {
    const skipped = { ...base(), requestedOn: '2026-03-08', requestedAt: '02:30' }
    expect(dispatchTimeProblems(skipped, NY)).toEqual({
      requestedAt: '02:30 did not happen on 2026-03-08: the clocks went forward. Enter the time the clock showed.',
    })
    const repeated = { ...base(), requestedOn: '2026-11-01', requestedAt: '01:30', acceptedAt: '01:40' }
    expect(ambiguousSteps(repeated, NY)).toEqual(['Requested', 'Accepted'])
    expect(dispatchFieldsInput({ ...repeated, fold: 'later' }, NY).requestedAt).toBe('2026-11-01T06:30:00.000Z')
  })

  it('opens on a saved dispatch in office time and saves back the same instants', () => {
    const saved = {
      id: 1,
      version: 2,
      contractId: 3,
      contractReference: 'ED-1',
      partnerName: 'St Jude',
      partnerType: 'emergency_department',
      requestedAt: '2026-11-20T19:00:00.000Z',
      requester: 'Charge nurse',
      location: null,
      referenceCode: 'MRN-1',
      coachId: 7,
      coachName: 'Avery',
      sentOffTeam: false,
      acceptedAt: '2026-11-20T19:05:00.000Z',
      arrivedAt: null,
      completedAt: null,
      outcome: null,
      followUpOn: null,
      outsideCoverage: false,
      minutesToArrival: null,
      targetMinutes: 45,
      open: true,
      createdAt: '2026-11-20T19:00:00.000Z',
      updatedAt: '2026-11-20T19:00:00.000Z',
    } satisfies Dispatch
    const values = formFromDispatch(saved, NY)
    expect(values).toMatchObject({ requestedAt: '14:00', acceptedOn: '2026-11-20', arrivedAt: '', location: '' })
    expect(dispatchFieldsInput(values, NY)).toMatchObject({
      requestedAt: saved.requestedAt,
      acceptedAt: saved.acceptedAt,
      arrivedAt: null,
      referenceCode: 'MRN-1',
    })
  })
})

describe('the contract form', () => {
  it('reads money as typed into whole minor units, leaving the rest for the schema to refuse', () => {
    expect(minorFromText('12,500.50', 'USD')).toBe(1_250_050)
    expect(minorFromText('12500', 'GBP')).toBe(1_250_000)
    expect(minorFromText(' 0.1 ', 'EUR')).toBe(10)
    const refused = (text: string) =>
      ContractFields.safeParse({
        ...contractFieldsInput({
          ...emptyContractForm(1, '2026-01-01'),
          reference: 'R-1',
          title: 'T',
          valueMinor: text,
        }),
      }).error?.issues.find((issue) => issue.path[0] === 'valueMinor')?.message
    expect(refused('-5')).toBe('Value must not be negative')
    expect(refused('1.005')).toBe('Value must be a whole number of cents (minor units)')
    expect(refused('lots')).toBe('Enter an amount like 12,500.00')
    expect(refused('')).toBe('Enter an amount like 12,500.00')
  })

  it('keeps coverage windows as one list value, and the schema numbers the window at fault', () => {
    const window = { startDay: '4', startTime: '18:00', endDay: '0', endTime: '08:00' }
    expect(decodeWindow(encodeWindow(window))).toEqual(window)
    expect(decodeWindow(encodeWindow({ ...window, endTime: '' }))).toEqual({ ...window, endTime: '' })
    expect(describeWindowText(encodeWindow(window))).toBe('Fri 18:00 – Mon 08:00')
    const values = {
      ...emptyContractForm(1, '2026-01-01'),
      reference: 'R-1',
      title: 'Weekends',
      valueMinor: '100',
      coverage: [encodeWindow(window), encodeWindow({ ...window, startDay: '5', startTime: '09:00' })],
    }
    const result = ContractFields.safeParse(contractFieldsInput(values))
    expect(result.error?.issues.map((issue) => [issue.path.join('.'), issue.message])).toEqual([
      ['coverage.1', 'Window 2 overlaps window 1'],
    ])
  })

  it('opens on a saved contract and saves back what it holds', () => {
    const contract = {
      id: 2,
      version: 1,
      partnerId: 1,
      partnerName: 'St Jude',
      partnerType: 'emergency_department',
      reference: 'ED-2026',
      title: 'Weekend coaching',
      startDate: '2026-01-01',
      endDate: '2026-12-31',
      status: 'active',
      terminatedOn: null,
      terminationReason: null,
      valueMinor: 1_250_050,
      currency: 'USD',
      billingBasis: 'fixed',
      coverage: [{ startDay: 4, startTime: '18:00', endDay: 0, endTime: '08:00' }],
      targetMinutes: 45,
      expectedPerMonth: 20,
      team: [{ coachId: 7, displayName: 'Avery', status: 'active' }],
      renewalNoticeDays: 60,
      renewalDue: false,
      noticeFrom: '2026-11-01',
      createdAt: '2026-01-01T10:00:00.000Z',
      updatedAt: '2026-01-01T10:00:00.000Z',
    } satisfies Contract
    const values = formFromContract(contract)
    expect(values.valueMinor).toBe('12,500.50')
    expect(ContractFields.parse(contractFieldsInput(values))).toMatchObject({
      valueMinor: 1_250_050,
      coverage: contract.coverage,
      team: [7],
      targetMinutes: 45,
    })
  })
})

describe('the partner form', () => {
  it('keeps contacts as one list value and drops a contact left wholly blank', () => {
    const alex = { name: 'Alex Charge', role: 'Charge nurse', phone: '+1 555 0200', email: '' }
    expect(decodeContact(encodeContact(alex))).toEqual(alex)
    const input = partnerFieldsInput({
      ...emptyPartnerForm(),
      name: 'St Jude',
      type: 'hospital',
      contacts: [encodeContact(alex), encodeContact({ name: ' ', role: '', phone: '', email: '' })],
    })
    expect(PartnerFields.parse(input).contacts).toEqual([{ ...alex, email: null }])
  })
})

describe('the dashboard series', () => {
  const months = [
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
      requests: 0,
      fulfilled: 0,
      shareFulfilled: null,
      medianMinutes: null,
      p90Minutes: null,
      withinTarget: 0,
      outsideCoverage: 0,
    },
  ]

  it('labels months and weeks, and gives the share as a whole percentage with the target beside each month', () => {
    expect(monthLabel('2026-11')).toBe('Nov 2026')
    expect(weekLabel('2026-11-16')).toBe('16 Nov')
    const points = monthSeries(months, 45)
    expect(points.map((p) => [p.label, p.fulfilledPercent, p.medianMinutes, p.targetMinutes])).toEqual([
      ['Oct 2026', 100, 30, 45],
      ['Nov 2026', null, null, 45],
    ])
    expect(monthsOverTarget(points)).toEqual(['Oct 2026'])
    expect(monthsOverTarget(monthSeries(months, null))).toEqual([])
  })

  it('stacks the busiest coaches by week and adds up everyone else', () => {
    const board = {
      weeks: ['2026-11-02', '2026-11-09'],
      coachWeeks: [
        { coachId: 1, displayName: 'Avery', counts: [3, 1] },
        { coachId: 2, displayName: 'Blake', counts: [0, 2] },
        { coachId: 3, displayName: 'Casey', counts: [1, 0] },
        { coachId: 4, displayName: 'Drew', counts: [0, 1] },
      ],
    }
    const series = coachWeekSeries(board, 2)
    expect(series.coaches.map((c) => [c.name, c.total])).toEqual([
      ['Avery', 4],
      ['Blake', 2],
    ])
    expect(series.others).toEqual({ key: 'others', name: 'Everyone else (2)', counts: [1, 1], total: 2 })
    expect(series.rows).toEqual([
      { week: '2026-11-02', label: '2 Nov', coach1: 3, coach2: 0, others: 1 },
      { week: '2026-11-09', label: '9 Nov', coach1: 1, coach2: 2, others: 1 },
    ])
  })
})
