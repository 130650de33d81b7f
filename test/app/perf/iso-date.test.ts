import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { IsoDate } from '@shared/domain/common'

/** What IsoDate accepted before its check became arithmetic: the day `Date` gives back as the same text. */
function viaDate(value: string): boolean {
  const date = new Date(`${value}T00:00:00Z`)
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value
}

const pad = (n: number, width: number) => String(n).padStart(width, '0')

describe('IsoDate', () => {
  it('accepts exactly the days that exist, as the Date-based check did (a property over years 0 to 9999)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 9999 }),
        fc.integer({ min: 0, max: 13 }),
        fc.integer({ min: 0, max: 32 }),
        (y, m, d) => {
          const text = `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`
          expect(IsoDate.safeParse(text).success).toBe(viaDate(text))
        },
      ),
      { numRuns: 5000 },
    )
  })

  it('knows the leap years and refuses what is not a date at all', () => {
    expect(IsoDate.safeParse('2024-02-29').success).toBe(true)
    expect(IsoDate.safeParse('2000-02-29').success).toBe(true)
    for (const bad of ['1900-02-29', '2026-02-29', '2026-04-31', '2026-13-01', '2026-00-10', '2026-1-01', '']) {
      expect(IsoDate.safeParse(bad).success, bad).toBe(false)
    }
  })
})
