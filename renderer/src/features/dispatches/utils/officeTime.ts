import { localParts, resolveLocal } from '@shared/domain/coverage'

/**
 * Times as a coordinator types them: the office's wall clock (its time zone is an office setting), never the
 * computer's, so a log kept from a laptop in another zone still reads in office time. Stored as UTC instants.
 */

/** Which of two equal wall-clock times is meant in the hour the clocks go back. */
export type Fold = 'earlier' | 'later'

export const FOLDS: Record<Fold, string> = {
  earlier: 'The first time (before the clocks went back)',
  later: 'The second time (after the clocks went back)',
}

/** "9:05", "09:05" or "0905" as `HH:MM` (24-hour); null for anything else. */
export function readTime(text: string): string | null {
  const match = /^(\d{1,2}):?(\d{2})$/.exec(text.trim())
  if (!match) return null
  const hours = Number(match[1])
  const minutes = Number(match[2])
  if (hours > 23 || minutes > 59) return null
  return `${String(hours).padStart(2, '0')}:${match[2]}`
}

export type OfficeInstant =
  | { kind: 'empty' }
  | { kind: 'unreadable' }
  | { kind: 'ok'; instant: string; ambiguous: boolean }
  /** The time does not exist that day (the clocks jumped over it); `instant` is the same time read an hour on. */
  | { kind: 'skipped'; instant: string }

/** A date and a time typed in office time, as an instant. */
export function officeInstant(date: string, time: string, timeZone: string, fold: Fold = 'earlier'): OfficeInstant {
  if (date.trim() === '' && time.trim() === '') return { kind: 'empty' }
  const hhmm = readTime(time)
  if (!hhmm || !/^\d{4}-\d{2}-\d{2}$/.test(date)) return { kind: 'unreadable' }
  const resolved = resolveLocal(date, hhmm, timeZone)
  switch (resolved.kind) {
    case 'ok':
      return { kind: 'ok', instant: resolved.instant, ambiguous: false }
    case 'ambiguous':
      return { kind: 'ok', instant: fold === 'later' ? resolved.later : resolved.earlier, ambiguous: true }
    case 'nonexistent':
      return { kind: 'skipped', instant: resolved.shifted }
  }
}

/** An instant as the office's wall clock shows it: the date and time a form opens on. */
export function officeDateTime(instant: string | null, timeZone: string): { date: string; time: string } {
  if (instant === null) return { date: '', time: '' }
  const parts = localParts(instant, timeZone)
  return { date: parts.date, time: parts.time }
}

/** "20 Nov 2026, 14:05" style text in office time, for tables: the date the computer's way, the time 24-hour. */
export function officeStamp(instant: string, timeZone: string, formatDate: (iso: string) => string): string {
  const { date, time } = officeDateTime(instant, timeZone)
  return `${formatDate(date)} ${time}`
}
