import type { CoachWeekLoad, MonthFigures } from '@shared/domain/dispatches'

/**
 * The dashboard's figures as pure functions of the rows the repository reads for a bounded range of time, so the
 * cost of a dashboard follows the months it shows, not the size of the log. Tested against answers worked by hand
 * (test/app/dispatches/metrics.test.ts).
 */

/**
 * The p-th quantile (0 ≤ p ≤ 1) of ascending `sorted` by linear interpolation between closest ranks (Excel's
 * PERCENTILE.INC, numpy's default): the median of an even count is the mean of the middle two.
 */
export function quantile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null
  const rank = (sorted.length - 1) * p
  const low = Math.floor(rank)
  const high = Math.ceil(rank)
  return sorted[low]! + (sorted[high]! - sorted[low]!) * (rank - low)
}

/** One decimal, as the dashboard shows minutes: 12.25 is 12.3. */
const tenth = (value: number | null) => (value === null ? null : Math.round(value * 10) / 10)

export interface MetricRow {
  requested_at: string
  /** Null until a coach arrived. */
  arrival_seconds: number | null
  outside_coverage: 0 | 1
  target_minutes: number
}

/** An office month as UTC instants: [start, end). */
export interface MonthRange {
  month: string
  start: string
  end: string
}

/** The index of the range holding `at` among ascending, touching ranges; -1 outside them all. */
function rangeIndex(ranges: readonly { start: string; end: string }[], at: string): number {
  let low = 0
  let high = ranges.length - 1
  while (low <= high) {
    const mid = (low + high) >> 1
    const range = ranges[mid]!
    if (at < range.start) high = mid - 1
    else if (at >= range.end) low = mid + 1
    else return mid
  }
  return -1
}

/** Requests, share fulfilled, median and 90th percentile minutes to arrival and requests outside coverage, by month. */
export function monthFigures(rows: readonly MetricRow[], months: readonly MonthRange[]): MonthFigures[] {
  const buckets = months.map(() => ({ requests: 0, outside: 0, within: 0, minutes: [] as number[] }))
  for (const row of rows) {
    const index = rangeIndex(months, row.requested_at)
    if (index < 0) continue
    const bucket = buckets[index]!
    bucket.requests++
    if (row.outside_coverage === 1) bucket.outside++
    if (row.arrival_seconds !== null) {
      bucket.minutes.push(row.arrival_seconds / 60)
      if (row.arrival_seconds <= row.target_minutes * 60) bucket.within++
    }
  }
  return months.map(({ month }, i) => {
    const bucket = buckets[i]!
    const sorted = bucket.minutes.sort((a, b) => a - b)
    return {
      month,
      requests: bucket.requests,
      fulfilled: sorted.length,
      shareFulfilled: bucket.requests === 0 ? null : sorted.length / bucket.requests,
      medianMinutes: tenth(quantile(sorted, 0.5)),
      p90Minutes: tenth(quantile(sorted, 0.9)),
      withinTarget: bucket.within,
      outsideCoverage: bucket.outside,
    }
  })
}

/** An office week (Monday to Sunday) as UTC instants: [start, end). */
export interface WeekRange {
  monday: string
  start: string
  end: string
}

/** Each coach's dispatches per week; the busiest coach over the weeks first, then by name. */
export function coachWeekLoads(
  rows: readonly { coach_id: number | null; requested_at: string }[],
  weeks: readonly WeekRange[],
  names: ReadonlyMap<number, string>,
): CoachWeekLoad[] {
  const counts = new Map<number, number[]>()
  for (const row of rows) {
    if (row.coach_id === null) continue
    const index = rangeIndex(weeks, row.requested_at)
    if (index < 0) continue
    let list = counts.get(row.coach_id)
    if (!list) counts.set(row.coach_id, (list = weeks.map(() => 0)))
    list[index]!++
  }
  const total = (list: number[]) => list.reduce((a, b) => a + b, 0)
  return [...counts]
    .map(([coachId, list]) => ({ coachId, displayName: names.get(coachId) ?? `Coach ${coachId}`, counts: list }))
    .sort((a, b) => total(b.counts) - total(a.counts) || a.displayName.localeCompare(b.displayName, 'en'))
}
