import type { CoachWeekLoad, MonthFigures } from '@shared/domain/dispatches'

/**
 * The dashboard's figures, as pure functions of what SQLite counted and ranked over a covering index for a bounded
 * range of time (dispatches.repository: countByRange, countByContract, quantileRanks, coachRangeCounts), so a
 * dashboard costs what its months hold, not what the log holds, and only a handful of rows cross into JavaScript.
 * Tested against answers worked by hand (test/app/dispatches/metrics.test.ts).
 */

/** The quantiles the dashboard shows, as tenths so that the ranks below are exact integer arithmetic. */
export type Tenths = 5 | 9

/**
 * The p-th quantile of ascending `sorted` by linear interpolation between closest ranks (Excel's PERCENTILE.INC,
 * numpy's default): the median of an even count is the mean of the middle two. The reference for quantileOfRanks.
 */
export function quantile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null
  const rank = (sorted.length - 1) * p
  const low = Math.floor(rank)
  const high = Math.ceil(rank)
  return sorted[low]! + (sorted[high]! - sorted[low]!) * (rank - low)
}

/** The two 1-based ranks the quantile `tenths`/10 of `n` values lies between (equal when it falls on one). */
export function ranksFor(n: number, tenths: Tenths): [number, number] {
  const scaled = (n - 1) * tenths
  return [Math.floor(scaled / 10) + 1, Math.floor((scaled + 9) / 10) + 1]
}

/** The same quantile as `quantile`, from only the values at the two ranks it needs. */
export function quantileOfRanks(n: number, valueAt: ReadonlyMap<number, number>, tenths: Tenths): number | null {
  if (n === 0) return null
  const [low, high] = ranksFor(n, tenths)
  const a = valueAt.get(low)!
  const b = valueAt.get(high)!
  return a + ((b - a) * (((n - 1) * tenths) % 10)) / 10
}

/** One decimal, as the dashboard shows minutes: 12.25 is 12.3. */
const tenth = (value: number | null) => (value === null ? null : Math.round(value * 10) / 10)

export interface Counts {
  requests: number
  fulfilled: number
  within: number | null
  outside: number
}

/** A group's ranked arrivals: its count and the seconds at the ranks asked for. */
export interface Ranked {
  n: number
  seconds: Map<number, number>
}

/** Groups rank rows by key. */
export function rankedByKey(
  rows: readonly { k: number; r: number; n: number; seconds: number }[],
): Map<number, Ranked> {
  const groups = new Map<number, Ranked>()
  for (const row of rows) {
    let group = groups.get(row.k)
    if (!group) groups.set(row.k, (group = { n: row.n, seconds: new Map() }))
    group.seconds.set(row.r, row.seconds)
  }
  return groups
}

/** A month's figures from its counts and ranked arrivals (either missing for a month without requests). */
export function figuresOf(month: string, counts: Counts | undefined, ranked: Ranked | undefined): MonthFigures {
  const requests = counts?.requests ?? 0
  const fulfilled = counts?.fulfilled ?? 0
  const minutes = (tenths: Tenths) => (ranked ? tenth(quantileOfRanks(ranked.n, ranked.seconds, tenths)! / 60) : null)
  return {
    month,
    requests,
    fulfilled,
    shareFulfilled: requests === 0 ? null : fulfilled / requests,
    medianMinutes: minutes(5),
    p90Minutes: minutes(9),
    withinTarget: counts === undefined ? 0 : counts.within,
    outsideCoverage: counts?.outside ?? 0,
  }
}

/** Each coach's dispatches per week; the busiest coach over the weeks first, then by name. */
export function coachWeekLoads(
  rows: readonly { k: number; coach_id: number; n: number }[],
  weeks: number,
  names: ReadonlyMap<number, string>,
): CoachWeekLoad[] {
  const counts = new Map<number, number[]>()
  for (const row of rows) {
    let list = counts.get(row.coach_id)
    if (!list) counts.set(row.coach_id, (list = Array.from({ length: weeks }, () => 0)))
    list[row.k] = row.n
  }
  const total = (list: number[]) => list.reduce((a, b) => a + b, 0)
  return [...counts]
    .map(([coachId, list]) => ({ coachId, displayName: names.get(coachId) ?? `Coach ${coachId}`, counts: list }))
    .sort((a, b) => total(b.counts) - total(a.counts) || a.displayName.localeCompare(b.displayName, 'en'))
}
