import {
  DOMAIN_KEYS,
  DOMAINS,
  TRACK_KEYS,
  type AssessmentSummary,
  type Domain,
  type Rater,
  type TeamQuarter,
  type Track,
} from '@shared/domain/growth'

/**
 * Ready series for the charts (DESIGN.md: charts are dumb). Each chart and the table beside it are fed the same rows,
 * so the numbers a person reads in the table are the ones drawn.
 */

/** The four lines of one domain's chart: each track, as rated by the coach and by a supervisor. Never merged. */
export type SeriesKey = `${Rater}_${Track}`
export const SERIES_KEYS: readonly SeriesKey[] = ['self_practice', 'self_own', 'supervisor_practice', 'supervisor_own']

export interface DomainPoint {
  /** The assessment the point comes from. */
  id: number
  date: string
  /** Days since 1970, for a time axis that spaces the dates truly. */
  day: number
  rater: Rater
  /** Only the two keys of this point's rater are set; a blank score is left out (a gap, not a zero). */
  values: Partial<Record<SeriesKey, number>>
}

export const dayNumber = (date: string) => Math.round(Date.parse(`${date}T00:00:00Z`) / 86_400_000)
export const dateOfDay = (day: number) => new Date(day * 86_400_000).toISOString().slice(0, 10)

/**
 * The time axis's extent: the first to the last point, with a margin so the end points are not on the frame, and a
 * month either side when there is a single date (a single point would leave the axis no width at all).
 */
/**
 * Ticks for the time axis: the first of January of each year inside `domain`, thinned to at most `max` so they stay
 * readable; within a single year (no first of January inside), the first and last point's dates.
 */
export function yearTicks(domain: [number, number] | null, points: readonly { day: number }[], max = 6): number[] {
  if (!domain) return []
  const [from, to] = domain
  const years: number[] = []
  for (let year = Number(dateOfDay(from).slice(0, 4)) + 1; ; year++) {
    const day = dayNumber(`${year}-01-01`)
    if (day > to) break
    if (day >= from) years.push(day)
  }
  if (years.length === 0) {
    const days = [...new Set(points.map((p) => p.day))].sort((a, b) => a - b)
    return days.length > 1 ? [days[0]!, days[days.length - 1]!] : days
  }
  const step = Math.ceil(years.length / max)
  return years.filter((_, index) => index % step === 0)
}

export function dayDomain(points: readonly { day: number }[]): [number, number] | null {
  if (points.length === 0) return null
  const days = points.map((p) => p.day)
  const first = Math.min(...days)
  const last = Math.max(...days)
  const margin = last === first ? 30 : Math.ceil((last - first) / 40)
  return [first - margin, last + margin]
}

/** Completed, current ratings only, oldest first: what the charts show (a draft is not yet a rating). */
export function chartable(assessments: readonly AssessmentSummary[]): AssessmentSummary[] {
  return assessments
    .filter((a) => a.status === 'completed' && a.supersededById === null)
    .sort((a, b) => (a.assessedOn < b.assessedOn ? -1 : a.assessedOn > b.assessedOn ? 1 : a.id - b.id))
}

/** One domain over time: a point per completed rating, its two tracks under its rater's keys. */
export function domainSeries(assessments: readonly AssessmentSummary[], domain: Domain): DomainPoint[] {
  return chartable(assessments).map((a) => {
    const values: Partial<Record<SeriesKey, number>> = {}
    for (const track of TRACK_KEYS) {
      const score = a.scores[domain][track]
      if (score !== null) values[`${a.rater}_${track}`] = score
    }
    return { id: a.id, date: a.assessedOn, day: dayNumber(a.assessedOn), rater: a.rater, values }
  })
}

/** A chart's row: its day, each series key a number or absent, and the quarter when the row stands for one. */
export type ChartRow = { day: number; quarter?: string } & Partial<Record<SeriesKey, number>>

/** Beyond this many ratings a chart draws a point per quarter; its table beside it still lists every rating. */
export const MAX_CHART_ROWS = 80

/** `2026-Q3` for a date: the period in which a self and a supervisor rating are compared, and a long chart's point. */
export function quarterOf(date: string): string {
  return `${date.slice(0, 4)}-Q${Math.floor((Number(date.slice(5, 7)) - 1) / 3) + 1}`
}

/**
 * Recharts reads flat rows: one per point, each series key a number or absent. Years of monthly ratings (a decade is
 * some 260) are more points than a chart's width can tell apart, and drawing them was most of the growth page's
 * time: past `max` points, each quarter becomes one row, each series the mean of its ratings in that quarter (to
 * one decimal), dated on the middle of those ratings.
 */
export function chartRows(points: readonly DomainPoint[], max = MAX_CHART_ROWS): ChartRow[] {
  if (points.length <= max) return points.map((p) => ({ day: p.day, ...p.values }))
  const quarters = new Map<string, DomainPoint[]>()
  for (const point of points) {
    const quarter = quarterOf(point.date)
    const list = quarters.get(quarter)
    if (list) list.push(point)
    else quarters.set(quarter, [point])
  }
  return [...quarters].map(([quarter, list]) => {
    const row: ChartRow = { day: Math.round(list.reduce((sum, p) => sum + p.day, 0) / list.length), quarter }
    for (const key of SERIES_KEYS) {
      const values = list.flatMap((p) => (p.values[key] === undefined ? [] : [p.values[key]!]))
      if (values.length > 0) row[key] = Math.round((values.reduce((a, b) => a + b, 0) / values.length) * 10) / 10
    }
    return row
  })
}

export interface RadarRow {
  domain: Domain
  label: string
  first: number | null
  second: number | null
}

/** The radar of two ratings for one track: a row per domain, blanks as null. */
export function radarRows(
  first: AssessmentSummary | undefined,
  second: AssessmentSummary | undefined,
  track: Track,
): RadarRow[] {
  return DOMAIN_KEYS.map((domain) => ({
    domain,
    label: DOMAINS[domain],
    first: first?.scores[domain][track] ?? null,
    second: second?.scores[domain][track] ?? null,
  }))
}

/** The radar's default pair: the first and the latest completed rating of `rater` (the same one when only one). */
export function defaultRadarPair(
  assessments: readonly AssessmentSummary[],
  rater: Rater,
): { first?: AssessmentSummary; second?: AssessmentSummary } {
  const ofRater = chartable(assessments).filter((a) => a.rater === rater)
  return { first: ofRater[0], second: ofRater[ofRater.length - 1] }
}

export interface TeamPoint {
  quarter: string
  /** Quarters as a number line (2026-Q3 is 2026.5), for the axis. */
  x: number
  practice: number | null
  own: number | null
  practiceN: number
  ownN: number
  /** The spread: lowest and highest coach's score, and the standard deviation. */
  practiceRange: [number, number] | null
  ownRange: [number, number] | null
  practiceSd: number | null
  ownSd: number | null
  coaches: number
}

export const quarterNumber = (quarter: string) => Number(quarter.slice(0, 4)) + (Number(quarter.slice(6)) - 1) / 4

/** The team's average for one domain by quarter, both tracks, with how many coaches stand behind each figure. */
export function teamSeries(quarters: readonly TeamQuarter[], domain: Domain): TeamPoint[] {
  return quarters.map((q) => {
    const practice = q.cells[domain].practice
    const own = q.cells[domain].own
    return {
      quarter: q.quarter,
      x: quarterNumber(q.quarter),
      practice: practice.mean,
      own: own.mean,
      practiceN: practice.n,
      ownN: own.n,
      practiceRange: practice.min !== null && practice.max !== null ? [practice.min, practice.max] : null,
      ownRange: own.min !== null && own.max !== null ? [own.min, own.max] : null,
      practiceSd: practice.sd,
      ownSd: own.sd,
      coaches: q.coaches,
    }
  })
}
