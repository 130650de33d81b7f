import {
  BARRIER_KEYS,
  FUNCTION_KEYS,
  type BalanceRow,
  type BarrierKind,
  type BarrierQuarter,
  type SupervisionFunction,
} from '@shared/domain/supervision'

/** One bar per coach: how many of their sessions served each function (a session may serve several). */
export type BalanceDatum = { name: string; sessions: number } & Record<SupervisionFunction, number>

export function balanceSeries(rows: readonly BalanceRow[]): BalanceDatum[] {
  return rows.map((r) => ({
    name: r.displayName,
    sessions: r.sessions,
    ...(Object.fromEntries(FUNCTION_KEYS.map((f) => [f, r[f]])) as Record<SupervisionFunction, number>),
  }))
}

/** The coaches with no restorative session in the period, though supervised: whom to ask after first. */
export function withoutRestorative(rows: readonly BalanceRow[]): string[] {
  return rows.filter((r) => r.sessions > 0 && r.restorative === 0).map((r) => r.displayName)
}

/** One bar per quarter, stacked by kind. */
export type BarrierDatum = { quarter: string; total: number } & Record<BarrierKind, number>

export function barrierSeries(quarters: readonly BarrierQuarter[]): BarrierDatum[] {
  return quarters.map((q) => ({
    quarter: q.quarter,
    total: BARRIER_KEYS.reduce((sum, k) => sum + q.counts[k], 0),
    ...q.counts,
  }))
}
