/**
 * CSV as a spreadsheet opens it as it is: UTF-8 with a byte-order mark (so accents and non-Latin text survive Excel),
 * CRLF line ends, RFC 4180 quoting, and no formula injection: a cell starting with `=`, `+`, `-`, `@`, a tab or a
 * carriage return is read by spreadsheets as a formula, so it gets a leading apostrophe and stays plain text.
 */

export const BOM = '\uFEFF'

const FORMULA_START = /^[=+\-@\t\r]/

export function neutralise(cell: string): string {
  return FORMULA_START.test(cell) ? `'${cell}` : cell
}

export function csvCell(value: string | number | boolean | null): string {
  if (value === null) return ''
  const text = neutralise(String(value))
  return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replaceAll('"', '""')}"` : text
}

export function toCsv(header: readonly string[], rows: readonly (readonly (string | number | boolean | null)[])[]) {
  const lines = [header, ...rows].map((row) => row.map(csvCell).join(','))
  return `${BOM}${lines.join('\r\n')}\r\n`
}
