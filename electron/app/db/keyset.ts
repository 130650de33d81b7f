import { AppError } from '../errors'

/**
 * Keyset paging, the one way lists page here (DESIGN.md rule 10): a page ends with an opaque cursor holding the sort
 * key of its last row, and the next page starts strictly after it, so a deep page costs what the first does.
 * Repositories fetch `limit + 1` rows; `pageOf` keeps `limit` and makes the cursor from the last one kept.
 */

/** A cursor's values, in the order of the ORDER BY. */
export type KeyValues = readonly (string | number)[]

export function encodeCursor(values: KeyValues): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url')
}

/**
 * The values inside `cursor`, checked against `shape` (one 'string' or 'number' per key). A cursor the app did not
 * make is bad input, answered with the list's own field name.
 */
export function decodeCursor<const S extends readonly ('string' | 'number')[]>(
  cursor: string,
  shape: S,
  field: string,
): { [I in keyof S]: S[I] extends 'string' ? string : number } {
  let value: unknown
  try {
    value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'))
  } catch {
    value = null
  }
  const valid =
    Array.isArray(value) &&
    value.length === shape.length &&
    shape.every((kind, i) => (kind === 'number' ? Number.isSafeInteger(value[i]) : typeof value[i] === 'string'))
  if (!valid) {
    throw new AppError('invalid_input', 'The page marker is not valid; start the list again.', {
      [field]: 'Not a valid page marker',
    })
  }
  return value as never
}

/** The first `limit` rows and, when more followed, the cursor after the last of them. */
export function pageOf<Row>(
  rows: Row[],
  limit: number,
  keyOf: (row: Row) => KeyValues,
): { rows: Row[]; nextCursor: string | null } {
  const page = rows.slice(0, limit)
  const last = page[page.length - 1]
  return { rows: page, nextCursor: rows.length > limit && last ? encodeCursor(keyOf(last)) : null }
}
