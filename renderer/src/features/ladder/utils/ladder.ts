import { DOMAIN_KEYS, TRACK_KEYS, type Domain, type Track } from '@shared/domain/growth'
import type { EvaluationFigure, OfficeLadder, RequirementInput, RequirementSet } from '@shared/domain/ladder'

/** Hours to two decimals at most (quarters: 7.25, 39.75), in the computer's own locale. */
const hoursFormat = new Intl.NumberFormat(undefined, { maximumFractionDigits: 2 })
export const formatHours = (hours: number) => hoursFormat.format(hours)

/** A signed change to two decimals: "+1.5", "−0.25", "0". */
const changeFormat = new Intl.NumberFormat(undefined, { maximumFractionDigits: 2, signDisplay: 'exceptZero' })
export const formatChange = (value: number | null) => (value === null ? '–' : changeFormat.format(value))

/** Share of the hours done, 0 to 100, for a progress bar; 100 when no hours are needed. */
export function hoursPercent(done: number, needed: number): number {
  if (needed <= 0) return 100
  return Math.min(100, Math.round((done / needed) * 100))
}

// ---------------------------------------------------------------------------------------------------------------
// The office view's chart.

export interface QuarterBar {
  quarter: string
  approved: number
  /** Hours of trainings that do not count toward a requirement. */
  other: number
  all: number
}

/** The quarter after `2026-Q4`: `2027-Q1`. */
export function nextQuarter(quarter: string): string {
  const year = Number(quarter.slice(0, 4))
  const q = Number(quarter.slice(6))
  return q === 4 ? `${year + 1}-Q1` : `${year}-Q${q + 1}`
}

/**
 * Each quarter's completed hours split into approved and the rest (stacked, they add up to all), with the quarters
 * nobody trained in between shown as zero rather than left out (a gap in time is a gap on the axis).
 */
export function quarterBars(rows: OfficeLadder['hoursByQuarter']): QuarterBar[] {
  const byQuarter = new Map(rows.map((row) => [row.quarter, row]))
  const bars: QuarterBar[] = []
  const first = rows[0]?.quarter
  const last = rows.at(-1)?.quarter
  if (!first || !last) return bars
  for (let quarter = first; quarter <= last; quarter = nextQuarter(quarter)) {
    const row = byQuarter.get(quarter)
    const approved = row?.approvedHours ?? 0
    const all = row?.allHours ?? 0
    bars.push({ quarter, approved, other: Math.round((all - approved) * 4) / 4, all })
  }
  return bars
}

/** The last `count` quarters, for a chart that stays readable over a decade (the table keeps them all). */
export const recentQuarters = <T>(rows: readonly T[], count = 16): T[] => rows.slice(-count)

// ---------------------------------------------------------------------------------------------------------------
// The evaluation's table and chart.

export interface EvaluationRow {
  domain: Domain
  track: Track
  self: EvaluationFigure | undefined
  supervisor: EvaluationFigure | undefined
}

/** One row per domain and track, self and supervisor side by side (never averaged together). */
export function evaluationRows(figures: readonly EvaluationFigure[]): EvaluationRow[] {
  const find = (domain: Domain, track: Track, rater: 'self' | 'supervisor') =>
    figures.find((f) => f.domain === domain && f.track === track && f.rater === rater)
  return DOMAIN_KEYS.flatMap((domain) =>
    TRACK_KEYS.map((track) => ({
      domain,
      track,
      self: find(domain, track, 'self'),
      supervisor: find(domain, track, 'supervisor'),
    })),
  )
}

export interface ChangeBar {
  domain: Domain
  self: number | null
  supervisor: number | null
}

/** The mean change per domain on one track, a bar per kind of rating; a figure on no coach has no bar. */
export function changeBars(figures: readonly EvaluationFigure[], track: Track): ChangeBar[] {
  return DOMAIN_KEYS.map((domain) => {
    const of = (rater: 'self' | 'supervisor') =>
      figures.find((f) => f.domain === domain && f.track === track && f.rater === rater)?.meanChange ?? null
    return { domain, self: of('self'), supervisor: of('supervisor') }
  })
}

// ---------------------------------------------------------------------------------------------------------------
// The requirement editor: each change is the whole set as it should now be.

/** The set's current requirements as they are sent back to keep them. */
export function currentInputs(set: RequirementSet): RequirementInput[] {
  return set.requirements
    .filter((r) => r.retiredAt === null)
    .map((r) => ({ id: r.id, kind: r.kind, label: r.label, hours: r.hoursNeeded, category: r.category }))
}

export const withAdded = (set: RequirementSet, added: RequirementInput) => [...currentInputs(set), added]

export const withChanged = (set: RequirementSet, changed: RequirementInput & { id: number }) =>
  currentInputs(set).map((r) => (r.id === changed.id ? changed : r))

/** Retiring leaves it out: the main process keeps the row, and every coach's completion of it. */
export const withRetired = (set: RequirementSet, id: number) => currentInputs(set).filter((r) => r.id !== id)
