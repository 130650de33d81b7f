import type { CoachWeekLoad, Dashboard, MonthFigures } from '@shared/domain/dispatches'

/**
 * The dashboard's charts as ready series: pure functions of the dashboard's answer, so the charts only draw and the
 * table beside each shows the very same numbers.
 */

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']

/** "2026-11" as "Nov 2026". */
export function monthLabel(month: string): string {
  const [year, number] = month.split('-')
  return `${MONTHS[Number(number) - 1] ?? number} ${year}`
}

/** "2026-11-16" (a Monday) as "16 Nov". */
export function weekLabel(monday: string): string {
  return `${Number(monday.slice(8, 10))} ${MONTHS[Number(monday.slice(5, 7)) - 1] ?? ''}`
}

export interface MonthPoint {
  month: string
  label: string
  requests: number
  fulfilled: number
  /** Share fulfilled as a whole percentage; null without requests. */
  fulfilledPercent: number | null
  medianMinutes: number | null
  p90Minutes: number | null
  /** The contract's target, the same every month (null for every contract together). */
  targetMinutes: number | null
  withinTarget: number | null
  outsideCoverage: number
}

export function monthSeries(months: readonly MonthFigures[], targetMinutes: number | null): MonthPoint[] {
  return months.map((m) => ({
    month: m.month,
    label: monthLabel(m.month),
    requests: m.requests,
    fulfilled: m.fulfilled,
    fulfilledPercent: m.shareFulfilled === null ? null : Math.round(m.shareFulfilled * 100),
    medianMinutes: m.medianMinutes,
    p90Minutes: m.p90Minutes,
    targetMinutes,
    withinTarget: m.withinTarget,
    outsideCoverage: m.outsideCoverage,
  }))
}

/** Months whose 90th percentile is over the target: what the coordinator raises with the team. */
export function monthsOverTarget(points: readonly MonthPoint[]): string[] {
  return points
    .filter((p) => p.targetMinutes !== null && p.p90Minutes !== null && p.p90Minutes > p.targetMinutes)
    .map((p) => p.label)
}

export interface CoachWeekSeries {
  /** One row a week: `label`, and a count under each coach's key. */
  rows: Array<Record<string, string | number>>
  /** The coaches shown, busiest first: the chart's keys and the table's rows. */
  coaches: Array<{ key: string; name: string; counts: number[]; total: number }>
  /** Coaches past `limit`, added together. */
  others: { key: string; name: string; counts: number[]; total: number } | null
}

/**
 * Each coach's dispatches per week as rows for a stacked bar chart: the `limit` busiest coaches by name, the rest
 * together as "Everyone else", so the chart stays readable on a large team while the totals stay true.
 */
export function coachWeekSeries(board: Pick<Dashboard, 'weeks' | 'coachWeeks'>, limit = 8): CoachWeekSeries {
  const withTotals = board.coachWeeks.map((coach: CoachWeekLoad) => ({
    key: `coach${coach.coachId}`,
    name: coach.displayName,
    counts: [...coach.counts],
    total: coach.counts.reduce((a, b) => a + b, 0),
  }))
  const coaches = withTotals.slice(0, limit)
  const rest = withTotals.slice(limit)
  const others =
    rest.length === 0
      ? null
      : {
          key: 'others',
          name: `Everyone else (${rest.length})`,
          counts: board.weeks.map((_, i) => rest.reduce((sum, coach) => sum + (coach.counts[i] ?? 0), 0)),
          total: rest.reduce((sum, coach) => sum + coach.total, 0),
        }
  const shown = others ? [...coaches, others] : coaches
  const rows = board.weeks.map((monday, i) => {
    const row: Record<string, string | number> = { week: monday, label: weekLabel(monday) }
    for (const coach of shown) row[coach.key] = coach.counts[i] ?? 0
    return row
  })
  return { rows, coaches, others }
}

/** A percentage for the tables: "80%", or a dash without requests. */
export const percentText = (value: number | null) => (value === null ? '–' : `${value}%`)

/** Minutes for the tables: "12.5", or a dash where there is nothing to measure. */
export const minutesText = (value: number | null, format: (n: number) => string) =>
  value === null ? '–' : format(value)
