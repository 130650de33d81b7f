import { describe, expect, it } from 'vitest'
import { DOMAIN_KEYS, emptyScores, type TeamQuarter } from '@shared/domain/growth'
import {
  chartRows,
  dateOfDay,
  dayDomain,
  dayNumber,
  defaultRadarPair,
  domainSeries,
  quarterNumber,
  radarRows,
  teamSeries,
  yearTicks,
} from '../../../renderer/src/features/growth/utils/series'
import { rating } from './fixtures'

describe('domainSeries', () => {
  it('gives a point per completed rating, oldest first, each track under its rater, blanks left out', () => {
    const later = rating('2026-06-01', 'supervisor', { hope: { practice: 8 } })
    const first = rating('2026-03-01', 'self', { hope: { practice: 5, own: 6 } })
    const draft = rating('2026-07-01', 'self', { hope: { practice: 1 } }, { status: 'draft', completedAt: null })
    const replaced = rating('2026-05-01', 'self', { hope: { practice: 2 } }, { supersededById: 99 })
    const points = domainSeries([later, draft, first, replaced], 'hope')
    expect(points).toEqual([
      {
        id: first.id,
        date: '2026-03-01',
        day: dayNumber('2026-03-01'),
        rater: 'self',
        values: { self_practice: 5, self_own: 6 },
      },
      {
        id: later.id,
        date: '2026-06-01',
        day: dayNumber('2026-06-01'),
        rater: 'supervisor',
        values: { supervisor_practice: 8 },
      },
    ])
    expect(chartRows(points)).toEqual([
      { day: dayNumber('2026-03-01'), self_practice: 5, self_own: 6 },
      { day: dayNumber('2026-06-01'), supervisor_practice: 8 },
    ])
  })

  it('is empty without ratings, and one point for a single rating', () => {
    expect(domainSeries([], 'meaning')).toEqual([])
    const only = rating('2026-01-10', 'self', { meaning: { own: 3 } })
    expect(domainSeries([only], 'meaning').map((p) => p.values)).toEqual([{ self_own: 3 }])
    expect(domainSeries([only], 'hope').map((p) => p.values)).toEqual([{}])
  })

  it('counts days so the axis spaces dates truly', () => {
    expect(dayNumber('1970-01-02')).toBe(1)
    expect(dayNumber('2026-03-01') - dayNumber('2026-02-01')).toBe(28)
  })
})

describe('radarRows and defaultRadarPair', () => {
  it('pairs two ratings domain by domain for one track, blanks as null', () => {
    const a = rating('2025-01-01', 'self', { personal: { practice: 4, own: 9 }, hope: { practice: 6 } })
    const b = rating('2026-01-01', 'self', { personal: { practice: 7 } })
    const rows = radarRows(a, b, 'practice')
    expect(rows).toHaveLength(8)
    expect(rows[0]).toEqual({ domain: 'personal', label: 'Personal recovery capital', first: 4, second: 7 })
    expect(rows.find((r) => r.domain === 'hope')).toMatchObject({ first: 6, second: null })
    expect(rows.find((r) => r.domain === 'identity')).toMatchObject({ first: null, second: null })
    expect(radarRows(a, b, 'own')[0]).toMatchObject({ first: 9, second: null })
  })

  it('defaults to the first and latest of the chosen rater, the same rating when there is one', () => {
    const s1 = rating('2024-01-01', 'self')
    const v1 = rating('2024-02-01', 'supervisor')
    const s2 = rating('2025-01-01', 'self')
    const s3 = rating('2026-01-01', 'self')
    expect(defaultRadarPair([s3, v1, s1, s2], 'self')).toEqual({ first: s1, second: s3 })
    expect(defaultRadarPair([s3, v1, s1, s2], 'supervisor')).toEqual({ first: v1, second: v1 })
    expect(defaultRadarPair([], 'self')).toEqual({ first: undefined, second: undefined })
  })
})

describe('teamSeries', () => {
  const cell = (n: number, mean: number | null, min: number | null, max: number | null, sd: number | null) => ({
    n,
    mean,
    min,
    max,
    sd,
  })
  function quarter(name: string, coaches: number, hope: TeamQuarter['cells']['hope']): TeamQuarter {
    const cells = Object.fromEntries(
      DOMAIN_KEYS.map((d) => [d, { practice: cell(0, null, null, null, null), own: cell(0, null, null, null, null) }]),
    ) as TeamQuarter['cells']
    cells.hope = hope
    return { quarter: name, coaches, cells }
  }

  it('reads one domain by quarter with its counts and spread, blanks as null', () => {
    const points = teamSeries(
      [
        quarter('2026-Q3', 2, { practice: cell(2, 7, 6, 8, 1), own: cell(0, null, null, null, null) }),
        quarter('2026-Q4', 1, { practice: cell(1, 9, 9, 9, 0), own: cell(1, 4, 4, 4, 0) }),
      ],
      'hope',
    )
    expect(points).toEqual([
      {
        quarter: '2026-Q3',
        x: 2026.5,
        practice: 7,
        own: null,
        practiceN: 2,
        ownN: 0,
        practiceRange: [6, 8],
        ownRange: null,
        practiceSd: 1,
        ownSd: null,
        coaches: 2,
      },
      expect.objectContaining({ quarter: '2026-Q4', x: 2026.75, practice: 9, own: 4, ownRange: [4, 4] }),
    ])
    expect(quarterNumber('2027-Q1')).toBe(2027)
    expect(emptyScores().hope).toEqual({ practice: null, own: null })
  })
})

describe('the time axis', () => {
  const day = dayNumber

  it('spans the first to the last point with a fortieth of the span either side', () => {
    // 2024-01-01 to 2025-01-01 is 366 days: a margin of ceil(366 / 40) = 10 days.
    expect(dayDomain([{ day: day('2025-01-01') }, { day: day('2024-01-01') }])).toEqual([
      day('2024-01-01') - 10,
      day('2025-01-01') + 10,
    ])
  })

  it('gives a single point a month either side, and no points no axis', () => {
    expect(dayDomain([{ day: day('2026-03-01') }])).toEqual([day('2026-03-01') - 30, day('2026-03-01') + 30])
    expect(dayDomain([])).toBeNull()
  })

  it('turns days back into dates', () => {
    expect(dateOfDay(day('2026-11-22'))).toBe('2026-11-22')
    expect(dateOfDay(0)).toBe('1970-01-01')
  })

  it('ticks each first of January inside the axis, thinned to at most six', () => {
    const points = [{ day: day('2022-03-01') }, { day: day('2026-06-01') }]
    expect(yearTicks(dayDomain(points), points).map(dateOfDay)).toEqual([
      '2023-01-01',
      '2024-01-01',
      '2025-01-01',
      '2026-01-01',
    ])
    const decade = [{ day: day('2016-02-01') }, { day: day('2026-11-01') }]
    // The margin is ceil(3926 / 40) = 99 days, so the axis starts in October 2015: 2016 to 2026 is eleven firsts of
    // January, every second one kept.
    expect(yearTicks(dayDomain(decade), decade).map(dateOfDay)).toEqual([
      '2016-01-01',
      '2018-01-01',
      '2020-01-01',
      '2022-01-01',
      '2024-01-01',
      '2026-01-01',
    ])
  })

  it('ticks the first and last date within one year, and the one date of a single point', () => {
    const points = [{ day: day('2026-02-01') }, { day: day('2026-08-01') }, { day: day('2026-05-01') }]
    expect(yearTicks(dayDomain(points), points).map(dateOfDay)).toEqual(['2026-02-01', '2026-08-01'])
    const one = [{ day: day('2026-05-01') }]
    expect(yearTicks(dayDomain(one), one).map(dateOfDay)).toEqual(['2026-05-01'])
    expect(yearTicks(null, [])).toEqual([])
  })
})
