import { WEEKDAY_KEYS, WEEKDAYS, type OpeningHours, type Weekday } from '@shared/domain/directory'

const SHORT: Record<Weekday, string> = {
  mon: 'Mon',
  tue: 'Tue',
  wed: 'Wed',
  thu: 'Thu',
  fri: 'Fri',
  sat: 'Sat',
  sun: 'Sun',
}

/** "09:00–17:00", "22:00–07:00 (next day)", "all day". */
export function formatInterval(h: Pick<OpeningHours, 'opens' | 'closes' | 'closesNextDay'>): string {
  if (h.opens === '00:00' && h.closes === '24:00') return 'all day'
  return `${h.opens}–${h.closes}${h.closesNextDay ? ' (next day)' : ''}`
}

/** Each day of the week with its times, Monday first; days without hours say "Closed". */
export function weekLines(hours: readonly OpeningHours[]): { day: string; times: string }[] {
  return WEEKDAY_KEYS.map((day) => {
    const times = hours.filter((h) => h.day === day).map(formatInterval)
    return { day: WEEKDAYS[day], times: times.length ? times.join(', ') : 'Closed' }
  })
}

/**
 * The week in as few words as a printed sheet has room for: days in a row with the same times run together
 * ("Mon–Fri 09:00–17:00; Sat 10:00–14:00"). Empty when no hours are known.
 */
export function compactHours(hours: readonly OpeningHours[]): string {
  if (hours.length === 0) return ''
  const perDay = WEEKDAY_KEYS.map((day) =>
    hours
      .filter((h) => h.day === day)
      .map(formatInterval)
      .join(', '),
  )
  if (perDay.every((times) => times === 'all day')) return 'Open 24 hours, every day'
  const runs: { from: number; to: number; times: string }[] = []
  perDay.forEach((times, index) => {
    const last = runs[runs.length - 1]
    if (last && last.times === times && last.to === index - 1) last.to = index
    else runs.push({ from: index, to: index, times })
  })
  return runs
    .filter((run) => run.times !== '')
    .map((run) => {
      const from = SHORT[WEEKDAY_KEYS[run.from]!]
      const to = SHORT[WEEKDAY_KEYS[run.to]!]
      const days = run.from === run.to ? from : run.to === run.from + 1 ? `${from}, ${to}` : `${from}–${to}`
      return `${days} ${run.times}`
    })
    .join('; ')
}

/** What a badge says of the moment: open, closed, or nothing known. */
export function openNowLabel(openNow: boolean | null): string {
  return openNow === null ? 'Hours not known' : openNow ? 'Open now' : 'Closed now'
}
