import { afterEach, describe, expect, it } from 'vitest'
import { formatBytes, formatDate, formatDateTime, formatNumber } from '../../../renderer/src/lib/format'
import { todayIso } from '../../../renderer/src/lib/dates'

const originalTz = process.env.TZ
afterEach(() => {
  process.env.TZ = originalTz
})

describe('formatDate', () => {
  it('writes a calendar date the way the computer’s own locale does', () => {
    const expected = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeZone: 'UTC' }).format(
      Date.UTC(2019, 3, 1),
    )
    expect(formatDate('2019-04-01')).toBe(expected)
  })

  it('keeps the day in a time zone behind UTC (a calendar date has no time zone)', () => {
    process.env.TZ = 'America/Los_Angeles'
    const parts = new Intl.DateTimeFormat(undefined, { day: 'numeric', timeZone: 'UTC' })
    expect(formatDate('2026-03-01')).toContain(parts.format(Date.UTC(2026, 2, 1)))
    expect(formatDate('2026-03-01')).toContain('2026')
  })

  it('shows text it cannot read as it is, rather than "Invalid Date"', () => {
    expect(formatDate('not a date')).toBe('not a date')
  })
})

describe('formatDateTime', () => {
  it('writes an instant in the computer’s own locale and time zone', () => {
    const expected = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' }).format(
      new Date('2026-03-01T09:30:00Z'),
    )
    expect(formatDateTime('2026-03-01T09:30:00Z')).toBe(expected)
    expect(formatDateTime('garbage')).toBe('garbage')
  })
})

describe('formatNumber and formatBytes', () => {
  it('groups and rounds numbers in the locale', () => {
    expect(formatNumber(1234567)).toBe(new Intl.NumberFormat().format(1234567))
    expect(formatNumber(2.25)).toBe(new Intl.NumberFormat(undefined, { maximumFractionDigits: 1 }).format(2.25))
  })

  it('gives sizes in the largest unit under 1024, one decimal below ten', () => {
    const one = (n: number) => new Intl.NumberFormat(undefined, { maximumFractionDigits: 1 }).format(n)
    expect(formatBytes(0)).toBe('0 bytes')
    expect(formatBytes(1023)).toBe(`${one(1023)} bytes`)
    expect(formatBytes(1536)).toBe(`${one(1.5)} KB`)
    expect(formatBytes(20 * 1024 * 1024 + 300_000)).toBe('20 MB')
    expect(formatBytes(5 * 1024 ** 4)).toBe(`${one(5120)} GB`)
  })
})

describe('todayIso', () => {
  it('is the local calendar day, not UTC’s', () => {
    process.env.TZ = 'Pacific/Auckland'
    // 20:00 UTC on 31 March is already 1 April in Auckland.
    expect(todayIso(new Date('2026-03-31T20:00:00Z'))).toBe('2026-04-01')
    process.env.TZ = 'America/Los_Angeles'
    expect(todayIso(new Date('2026-04-01T03:00:00Z'))).toBe('2026-03-31')
  })
})
