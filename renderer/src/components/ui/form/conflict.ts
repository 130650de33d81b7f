import { sameValue, type FieldValue, type FormValues } from './values'

/** One field someone else changed while this person was editing. */
export interface ConflictEntry {
  name: string
  /** What the edit started from. */
  base: FieldValue
  /** What this person has typed. */
  mine: FieldValue
  /** What the other person saved. */
  theirs: FieldValue
  /** This person changed it too: their value is kept, and they choose. Otherwise the form now shows theirs. */
  changedByMe: boolean
}

/**
 * Someone else saved the record while this person edited it. Three versions meet: what the edit started from, what
 * this person typed, and what is saved now. A field only the other person changed takes their value (keeping the old
 * one would undo their change unseen); a field both changed keeps what this person typed, shown beside theirs.
 *
 * `entries` lists every field the other person changed to something other than what this person has now; `merged` is
 * the form's values after the rule above.
 */
export function conflictBetween(
  base: FormValues,
  mine: FormValues,
  theirs: FormValues,
): { entries: ConflictEntry[]; merged: FormValues } {
  const merged: FormValues = { ...mine }
  const entries: ConflictEntry[] = []
  for (const name of Object.keys(theirs)) {
    const was = base[name]
    const saved = theirs[name]
    const typed = mine[name]
    if (saved === undefined || sameValue(saved, was) || sameValue(saved, typed)) continue
    const changedByMe = typed !== undefined && !sameValue(typed, was)
    if (!changedByMe) merged[name] = saved
    entries.push({ name, base: was ?? '', mine: typed ?? '', theirs: saved, changedByMe })
  }
  return { entries, merged }
}
