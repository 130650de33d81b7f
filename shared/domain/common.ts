import { z } from 'zod'

/** Row ids are positive integers assigned by SQLite. */
export const Id = z.number().int().positive().max(Number.MAX_SAFE_INTEGER)

/** A calendar date, `YYYY-MM-DD`, that really exists (no 2026-02-30). */
export function isoDate(label = 'Date') {
  return z
    .string({ error: `${label} is required` })
    .regex(/^\d{4}-\d{2}-\d{2}$/, `${label} must be a date like 2026-03-31`)
    .refine(isCalendarDate, `${label} is not a real calendar date`)
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]

/**
 * Whether a `YYYY-MM-DD` (already matched by the pattern) names a day that exists. By arithmetic rather than through
 * `Date`: every date of every answer is checked, and building a Date and its ISO text cost most of a list's check.
 */
function isCalendarDate(value: string): boolean {
  const year = Number(value.slice(0, 4))
  const month = Number(value.slice(5, 7))
  const day = Number(value.slice(8, 10))
  if (month < 1 || month > 12 || day < 1) return false
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0)
  return day <= (month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1]!)
}
export const IsoDate = isoDate()

/** An instant in UTC, as written by the injected clock. */
export const IsoInstant = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/)

/** Trimmed text with a length limit; empty after trimming is refused. */
export function requiredText(label: string, max: number) {
  return z
    .string({ error: `${label} is required` })
    .trim()
    .min(1, `${label} is required`)
    .max(max, `${label} must be at most ${max} characters`)
}

/** Trimmed optional text: an empty string is stored as null. */
export function optionalText(label: string, max: number) {
  return z
    .string()
    .trim()
    .max(max, `${label} must be at most ${max} characters`)
    .nullish()
    .transform((value) => (value ? value : null))
}

/** An optional email address, trimmed; an empty one is stored as null. The same rule for a coach, a partner's contact, a resource. */
export const optionalEmail = z
  .string()
  .trim()
  .max(254, 'Email must be at most 254 characters')
  .refine((value) => value === '' || /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value), 'Enter an email like name@example.org')
  .nullish()
  .transform((value) => (value ? value : null))

/** An optional phone number, trimmed; an empty one is stored as null. */
export const optionalPhone = z
  .string()
  .trim()
  .max(40, 'Phone must be at most 40 characters')
  .refine(
    (value) => value === '' || /^[+()\d][\d\s().-]{5,}$/.test(value),
    'Enter a phone number using digits, spaces, + ( ) . -',
  )
  .nullish()
  .transform((value) => (value ? value : null))

/**
 * The one way to declare a closed set of choices: a record of key -> label (the labels the UI shows, in order), and
 * the zod enum of its keys. `type X = keyof typeof LABELS` names the union.
 */
export function enumOf<K extends string>(labels: Record<K, unknown>, error?: string) {
  const keys = Object.keys(labels) as [K, ...K[]]
  return z.enum(keys, error ? { error } : undefined)
}
