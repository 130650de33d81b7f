/**
 * The one small place where what a form holds becomes what the shared schema takes. A form keeps text as typed (so a
 * half-typed number is shown back as the person typed it); its `toInput` converts with these just before the schema
 * checks it, and the schema's own message says what is wrong.
 */

/**
 * "14" -> 14. Anything that is not plainly a number, an empty box included, becomes NaN, which the schema refuses
 * with its own message ("Cadence must be a number of days"). Decimals stay decimals so "1.5" is refused as not whole.
 */
export function numberFromText(text: string): number {
  const trimmed = text.trim()
  return /^[+-]?\d+(\.\d+)?$/.test(trimmed) ? Number(trimmed) : Number.NaN
}

/** A chosen record's id from a select ("" is none): "12" -> 12, "" -> null. */
export function idFromText(text: string): number | null {
  return text === '' ? null : numberFromText(text)
}

/** "English, Spanish ,  ASL" -> ["English", "Spanish", "ASL"]: a list typed with commas, empty entries dropped. */
export function listFromText(text: string): string[] {
  return text
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part.length > 0)
}

/** The other way, for a form that opens on a saved record: null -> "", a list -> "a, b", a number -> "14". */
export function textFrom(value: string | number | readonly string[] | null | undefined): string {
  if (value === null || value === undefined) return ''
  if (Array.isArray(value)) return value.join(', ')
  return String(value)
}
