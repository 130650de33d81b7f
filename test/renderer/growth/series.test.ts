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

describe('chartRows over years of ratings', () => {
  const point = (date: string, rater: 'self' | 'supervisor', practice?: number, own?: number) => ({
    id: dayNumber(date),
    date,
    day: dayNumber(date),
    rater,
    values:
      rater === 'self'
        ? {
            ...(practice === undefined ? {} : { self_practice: practice }),
            ...(own === undefined ? {} : { self_own: own }),
          }
        : {
            ...(practice === undefined ? {} : { supervisor_practice: practice }),
            ...(own === undefined ? {} : { supervisor_own: own }),
          },
  })

  it('keeps a row per rating up to the limit, and past it a row per quarter of each series’ mean', () => {
    const few = [point('2026-01-05', 'self', 4, 5), point('2026-02-05', 'self', 6)]
    expect(chartRows(few, 2)).toEqual([
      { day: dayNumber('2026-01-05'), self_practice: 4, self_own: 5 },
      { day: dayNumber('2026-02-05'), self_practice: 6 },
    ])
    const many = [
      point('2026-01-05', 'self', 4, 5),
      point('2026-02-05', 'self', 7),
      point('2026-03-05', 'supervisor', 3, 9),
      point('2026-04-05', 'self', undefined, 2),
    ]
    expect(chartRows(many, 3)).toEqual([
      {
        day: Math.round((dayNumber('2026-01-05') + dayNumber('2026-02-05') + dayNumber('2026-03-05')) / 3),
        quarter: '2026-Q1',
        // (4 + 7) / 2; a blank is left out of the mean, not counted as zero.
        self_practice: 5.5,
        self_own: 5,
        supervisor_practice: 3,
        supervisor_own: 9,
      },
      { day: dayNumber('2026-04-05'), quarter: '2026-Q2', self_own: 2 },
    ])
  })

  it('draws a decade of monthly ratings as forty quarters, means to one decimal', () => {
    const decade = Array.from({ length: 240 }, (_, i) => {
      const date = `${2016 + Math.floor(i / 24)}-${String(1 + (Math.floor(i / 2) % 12)).padStart(2, '0')}-0${1 + (i % 2)}`
      return point(date, i % 2 === 0 ? 'self' : 'supervisor', 1 + (i % 10), 10 - (i % 9))
    })
    const rows = chartRows(decade)
    expect(rows).toHaveLength(40)
    expect(rows[0]!.quarter).toBe('2016-Q1')
    expect(rows.at(-1)!.quarter).toBe('2025-Q4')
    // 2016-Q1 holds i = 0..5: self practice 1, 3, 5 → 3; supervisor own 9, 7, 5 → 7.
    expect(rows[0]).toMatchObject({ self_practice: 3, supervisor_own: 7 })
    for (const row of rows) {
      for (const key of ['self_practice', 'self_own', 'supervisor_practice', 'supervisor_own'] as const) {
        expect(row[key]).toBeGreaterThanOrEqual(1)
        expect(row[key]).toBeLessThanOrEqual(10)
      }
    }
  })
})
