/**
 * Dates and numbers in one locale, the computer's own (`undefined` asks Intl for it), so a formatted date reads the
 * same way as the date fields beside it.
 */

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeZone: 'UTC' })
const dateTimeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' })
const numberFormat = new Intl.NumberFormat(undefined, { maximumFractionDigits: 1 })

/**
 * A calendar date, `2026-03-01`, as the computer writes dates. Read as UTC midnight and shown in UTC: a calendar
 * date has no time zone, and the local one must not move it to the day before.
 */
export function formatDate(isoDate: string): string {
  const date = new Date(`${isoDate.slice(0, 10)}T00:00:00Z`)
  return Number.isNaN(date.getTime()) ? isoDate : dateFormat.format(date)
}

/** An instant, `2026-03-01T09:30:00Z`, in the computer's own time zone. */
export function formatDateTime(isoInstant: string): string {
  const date = new Date(isoInstant)
  return Number.isNaN(date.getTime()) ? isoInstant : dateTimeFormat.format(date)
}

/** A count or measure, with at most one decimal. */
export function formatNumber(value: number): string {
  return numberFormat.format(value)
}

const SIZE_UNITS = ['bytes', 'KB', 'MB', 'GB'] as const

/** 1536 -> "1.5 KB" (the number in the computer's own locale). */
export function formatBytes(bytes: number): string {
  let value = bytes
  let unit = 0
  while (value >= 1024 && unit < SIZE_UNITS.length - 1) {
    value /= 1024
    unit += 1
  }
  const rounded = unit === 0 || value >= 10 ? Math.round(value) : Math.round(value * 10) / 10
  return `${formatNumber(rounded)} ${SIZE_UNITS[unit]}`
}
