/**
 * What a form holds: what the person typed, as text, ticks and lists of choices. Turning that into the schema's input
 * (a number, a list from commas, null for an empty box) is each form's `toInput`, with the helpers in ./convert.
 */
export type FieldValue = string | boolean | readonly string[]
export type FormValues = Record<string, FieldValue>

/** Equal as far as the person is concerned: a list of ticked choices is the same whatever order it was ticked in. */
export function sameValue(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) return false
    const sorted = (list: unknown[]) => list.map(String).sort()
    const left = sorted(a)
    const right = sorted(b)
    return left.every((item, index) => item === right[index])
  }
  return a === b
}

/** The fields whose value differs between the two (either side's keys). */
export function changedFields(values: Record<string, unknown>, baseline: Record<string, unknown>): string[] {
  const names = new Set([...Object.keys(values), ...Object.keys(baseline)])
  return [...names].filter((name) => !sameValue(values[name], baseline[name]))
}

export function sameValues(values: Record<string, unknown>, baseline: Record<string, unknown>): boolean {
  return changedFields(values, baseline).length === 0
}

/** `values` with the named fields put back as they were in `baseline` (passwords are never kept in a draft). */
export function withoutFields<V extends Record<string, unknown>>(values: V, baseline: V, names: Iterable<string>): V {
  const kept: Record<string, unknown> = { ...values }
  for (const name of names) kept[name] = baseline[name]
  return kept as V
}
