/**
 * Office local time and coverage windows, as pure functions over Intl (no library, no clock): both sides use them, the
 * main process to decide whether a request fell outside a contract's coverage and where a local month or week starts,
 * the renderer to turn what a coordinator typed (office wall-clock time) into the UTC instant the contract carries.
 *
 * Coverage windows are wall-clock times in the office's zone ("Friday 18:00 to Monday 08:00"), so a window that spans a
 * daylight-saving change is longer or shorter in real hours that weekend; the wall clock is what the contract means.
 */

/** Monday first, as an office plans its week; 0 = Monday ... 6 = Sunday. */
export const WEEKDAYS = {
  0: 'Monday',
  1: 'Tuesday',
  2: 'Wednesday',
  3: 'Thursday',
  4: 'Friday',
  5: 'Saturday',
  6: 'Sunday',
} as const
export type Weekday = 0 | 1 | 2 | 3 | 4 | 5 | 6

export const MINUTES_PER_DAY = 1440
export const MINUTES_PER_WEEK = 7 * MINUTES_PER_DAY

/** What a wall clock in a zone shows at an instant. */
export interface LocalParts {
  /** `YYYY-MM-DD` */
  date: string
  /** `HH:MM`, 24-hour */
  time: string
  weekday: Weekday
  /** Minutes since local midnight, 0 ... 1439. */
  minuteOfDay: number
  /** Minutes the zone is ahead of UTC at that instant (New York in winter: -300). */
  offsetMinutes: number
}

// Building a DateTimeFormat is slow next to using one; exports and the bulk seed convert thousands of instants.
const formatters = new Map<string, Intl.DateTimeFormat>()
function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone)
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    })
    formatters.set(timeZone, formatter)
  }
  return formatter
}

const toMs = (instant: Date | string | number) =>
  typeof instant === 'number' ? instant : typeof instant === 'string' ? Date.parse(instant) : instant.getTime()

/** What Intl says the zone's offset is at `ms`, in minutes. */
function offsetFromIntl(ms: number, timeZone: string): number {
  const parts: Record<string, string> = {}
  for (const part of formatterFor(timeZone).formatToParts(ms)) parts[part.type] = part.value
  const wallAsUtc = Date.UTC(
    Number(parts['year']),
    Number(parts['month']) - 1,
    Number(parts['day']),
    Number(parts['hour']),
    Number(parts['minute']),
    Number(parts['second']),
  )
  return Math.round((wallAsUtc - Math.floor(ms / 1000) * 1000) / 60000)
}

/**
 * Offsets, cached: exports and the bulk seed convert hundreds of thousands of instants, and Intl is slow. A UTC day
 * whose first and last instants have the same offset has it throughout (zones change at most once a day); the few days
 * with a change are cached by quarter hour instead, since every change since 1970 falls on a quarter hour of UTC (even
 * Nepal's and the Chathams').
 */
const DAY_MS = 86_400_000
const QUARTER_MS = 15 * 60_000
const MAX_CACHED = 100_000
const offsets = new Map<string, Map<number, number | null>>()
const quarters = new Map<string, Map<number, number>>()

function cached<K, V>(cache: Map<string, Map<K, V>>, timeZone: string): Map<K, V> {
  let zone = cache.get(timeZone)
  if (!zone || zone.size >= MAX_CACHED) cache.set(timeZone, (zone = new Map()))
  return zone
}

function offsetAt(ms: number, timeZone: string): number {
  const days = cached(offsets, timeZone)
  const day = Math.floor(ms / DAY_MS)
  let whole = days.get(day)
  if (whole === undefined) {
    const first = offsetFromIntl(day * DAY_MS, timeZone)
    whole = offsetFromIntl((day + 1) * DAY_MS - 1000, timeZone) === first ? first : null
    days.set(day, whole)
  }
  if (whole !== null) return whole
  const byQuarter = cached(quarters, timeZone)
  const quarter = Math.floor(ms / QUARTER_MS)
  let offset = byQuarter.get(quarter)
  if (offset === undefined) byQuarter.set(quarter, (offset = offsetFromIntl(quarter * QUARTER_MS, timeZone)))
  return offset
}

/** The office wall clock at `instant` in `timeZone` (an IANA name). */
export function localParts(instant: Date | string | number, timeZone: string): LocalParts {
  const ms = toMs(instant)
  const offsetMinutes = offsetAt(ms, timeZone)
  const wall = new Date(ms + offsetMinutes * 60_000)
  const hour = wall.getUTCHours()
  const minute = wall.getUTCMinutes()
  const iso = wall.toISOString()
  return {
    date: iso.slice(0, 10),
    time: iso.slice(11, 16),
    weekday: ((wall.getUTCDay() + 6) % 7) as Weekday,
    minuteOfDay: hour * 60 + minute,
    offsetMinutes,
  }
}

/**
 * How a wall-clock time that happens twice (clocks go back) or never (clocks go forward) becomes an instant:
 * - `compatible` (as Temporal and most calendars do): the first of two; a missing time moves forward by the gap;
 * - `reject`: both answer null, so a form can ask the person what they meant.
 */
export type Disambiguation = 'compatible' | 'reject' | 'earlier' | 'later'

export type LocalToInstant =
  | { kind: 'ok'; instant: string }
  | { kind: 'ambiguous'; earlier: string; later: string }
  | { kind: 'nonexistent'; shifted: string }

/**
 * Every instant at which the wall clock in `timeZone` shows `date` `time` (`HH:MM`): one on most days, two in the
 * hour clocks go back, none in the hour they go forward (then `shifted`, the same wall time read with the offset in
 * force before the change, which lands after the gap).
 */
export function resolveLocal(date: string, time: string, timeZone: string): LocalToInstant {
  const [y, mo, d] = date.split('-').map(Number) as [number, number, number]
  const [h, mi] = time.split(':').map(Number) as [number, number]
  const wall = Date.UTC(y, mo - 1, d, h, mi)
  // Transitions are months apart, so the offsets a day either side are the only two that can apply here.
  const before = localParts(wall - 86_400_000, timeZone).offsetMinutes
  const after = localParts(wall + 86_400_000, timeZone).offsetMinutes
  // No change of offset within a day either side: the one instant is certain (and this is nearly every call).
  if (before === after) return { kind: 'ok', instant: new Date(wall - before * 60000).toISOString() }
  const candidates = [...new Set([wall - before * 60000, wall - after * 60000])]
    .filter((ms) => {
      const seen = localParts(ms, timeZone)
      return seen.date === date && seen.time === time
    })
    .sort((a, b) => a - b)
  const iso = (ms: number) => new Date(ms).toISOString()
  if (candidates.length === 1) return { kind: 'ok', instant: iso(candidates[0]!) }
  if (candidates.length === 2) return { kind: 'ambiguous', earlier: iso(candidates[0]!), later: iso(candidates[1]!) }
  return { kind: 'nonexistent', shifted: iso(wall - before * 60000) }
}

/** The instant the office wall clock shows `date` `time`; null where `how` is `reject` and the time is not unique. */
export function localToInstant(
  date: string,
  time: string,
  timeZone: string,
  how: Disambiguation = 'compatible',
): string | null {
  const resolved = resolveLocal(date, time, timeZone)
  switch (resolved.kind) {
    case 'ok':
      return resolved.instant
    case 'ambiguous':
      return how === 'reject' ? null : how === 'later' ? resolved.later : resolved.earlier
    case 'nonexistent':
      return how === 'reject' ? null : resolved.shifted
  }
}

/** `YYYY-MM-DD` plus `days` (negative to go back), on the calendar alone. */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`)
  d.setUTCDate(d.getUTCDate() + days)
  return d.toISOString().slice(0, 10)
}

/** `YYYY-MM` plus `months`. */
export function addMonths(month: string, months: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number]
  const index = y * 12 + (m - 1) + months
  return `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`
}

/** Monday of the week `date` is in. */
export function mondayOf(date: string): string {
  const weekday = (new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7
  return addDays(date, -weekday)
}

/** The first instant of a local calendar day (midnight, or the first minute after a gap where midnight is skipped). */
export const startOfLocalDay = (date: string, timeZone: string) => localToInstant(date, '00:00', timeZone)!

/** [start, end) in UTC of a local month `YYYY-MM`: its real length differs from 30 days by a DST hour. */
export function localMonthRange(month: string, timeZone: string): { start: string; end: string } {
  return {
    start: startOfLocalDay(`${month}-01`, timeZone),
    end: startOfLocalDay(`${addMonths(month, 1)}-01`, timeZone),
  }
}

/** [start, end) in UTC of the local week starting on Monday `monday`. */
export function localWeekRange(monday: string, timeZone: string): { start: string; end: string } {
  return { start: startOfLocalDay(monday, timeZone), end: startOfLocalDay(addDays(monday, 7), timeZone) }
}

// ---------------------------------------------------------------------------------------------------------------
// Coverage windows.

/** One weekly window of office wall-clock time; the end may fall on a later weekday, or wrap past Sunday. */
export interface CoverageWindow {
  startDay: Weekday
  /** `HH:MM` */
  startTime: string
  endDay: Weekday
  /** `HH:MM`; the window ends just before it. */
  endTime: string
}

const minutesOf = (time: string) => {
  const [h, m] = time.split(':').map(Number) as [number, number]
  return h * 60 + m
}

/** The window as [start, start + length) in minutes from Monday 00:00, the end possibly past the week's end. */
export function weeklySpan(window: CoverageWindow): { start: number; length: number } {
  const start = window.startDay * MINUTES_PER_DAY + minutesOf(window.startTime)
  const end = window.endDay * MINUTES_PER_DAY + minutesOf(window.endTime)
  return { start, length: (((end - start) % MINUTES_PER_WEEK) + MINUTES_PER_WEEK) % MINUTES_PER_WEEK }
}

const weekMinute = (parts: Pick<LocalParts, 'weekday' | 'minuteOfDay'>) =>
  parts.weekday * MINUTES_PER_DAY + parts.minuteOfDay

function spanContains(span: { start: number; length: number }, minute: number): boolean {
  return (((minute - span.start) % MINUTES_PER_WEEK) + MINUTES_PER_WEEK) % MINUTES_PER_WEEK < span.length
}

/**
 * Whether a request at `instant` falls inside any of the windows, read on the office wall clock. No windows means the
 * contract is covered at all hours.
 */
export function isCovered(windows: readonly CoverageWindow[], instant: Date | string | number, timeZone: string) {
  if (windows.length === 0) return true
  const minute = weekMinute(localParts(instant, timeZone))
  return windows.some((window) => spanContains(weeklySpan(window), minute))
}

/** The problems of a set of windows, by index: a window of no length, and each window overlapping an earlier one. */
export function coverageProblems(windows: readonly CoverageWindow[]): Map<number, string> {
  const problems = new Map<number, string>()
  const spans = windows.map(weeklySpan)
  spans.forEach((span, i) => {
    if (span.length === 0) {
      problems.set(i, `Window ${i + 1} must end at a different time from its start`)
      return
    }
    for (let j = 0; j < i; j++) {
      const other = spans[j]!
      if (other.length === 0) continue
      // Two arcs of the weekly circle overlap when either one's start lies inside the other.
      if (spanContains(other, span.start) || spanContains(span, other.start)) {
        problems.set(i, `Window ${i + 1} overlaps window ${j + 1}`)
        return
      }
    }
  })
  return problems
}

/** "Fri 18:00 – Mon 08:00" */
export function describeWindow(window: CoverageWindow): string {
  const day = (d: Weekday) => WEEKDAYS[d].slice(0, 3)
  return `${day(window.startDay)} ${window.startTime} – ${day(window.endDay)} ${window.endTime}`
}
