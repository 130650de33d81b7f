import {
  DOMAIN_KEYS,
  TRACK_KEYS,
  type Assessment,
  type AssessmentFieldsInput,
  type Domain,
  type Track,
} from '@shared/domain/growth'
import { z } from 'zod'
import { numberFromText } from '../../../components/ui/form/convert'

/**
 * The sixteen-score grid as a form holds it (text as typed, one flat field per cell and note) and the keyboard rules
 * that make it quick: digits straight in, arrows to move.
 */

export const cellName = (domain: Domain, track: Track) => `${domain}_${track}`
export const noteName = (domain: Domain) => `note_${domain}`

export interface AssessmentFormValues {
  [field: string]: string
  assessedOn: string
  overallNote: string
}

export function formFromAssessment(a: Pick<Assessment, 'assessedOn' | 'scores' | 'notes' | 'overallNote'>) {
  const values: AssessmentFormValues = { assessedOn: a.assessedOn, overallNote: a.overallNote ?? '' }
  for (const domain of DOMAIN_KEYS) {
    for (const track of TRACK_KEYS) values[cellName(domain, track)] = textOfScore(a.scores[domain][track])
    values[noteName(domain)] = a.notes[domain] ?? ''
  }
  return values
}

const textOfScore = (score: number | null) => (score === null ? '' : String(score))

/** The form's values as the shared AssessmentFields schema takes them: blanks null, digits numbers. */
export function toAssessmentFields(values: AssessmentFormValues): AssessmentFieldsInput {
  const scores: Record<string, Record<string, number | null>> = {}
  const notes: Record<string, string | null> = {}
  for (const domain of DOMAIN_KEYS) {
    scores[domain] = {}
    for (const track of TRACK_KEYS) {
      const text = (values[cellName(domain, track)] ?? '').trim()
      scores[domain]![track] = text === '' ? null : numberFromText(text)
    }
    notes[domain] = values[noteName(domain)] ?? ''
  }
  return { assessedOn: values.assessedOn, scores, notes, overallNote: values.overallNote } as AssessmentFieldsInput
}

/**
 * The grid's field for an error path of the schema or the main process (`scores.hope.practice`,
 * `fields.notes.hope`), so the message lands on its cell; other paths stay as they are.
 */
export function fieldOfPath(path: string): string {
  const scores = /(?:^|\.)scores\.(\w+)\.(\w+)$/.exec(path)
  if (scores) return `${scores[1]}_${scores[2]}`
  const notes = /(?:^|\.)notes\.(\w+)$/.exec(path)
  if (notes) return `note_${notes[1]}`
  const rest = /(?:^|\.)(assessedOn|overallNote|reason)$/.exec(path)
  return rest ? rest[1]! : path
}

/**
 * `schema` with each of its messages moved onto the grid's field (`fields.scores.hope.practice` -> `hope_practice`),
 * for the form's own check before sending: the form places a message only on a field of that name.
 */
export function onGridFields<T extends z.ZodType>(schema: T): z.ZodType<z.output<T>, z.input<T>> {
  const placed = z.unknown().check((ctx) => {
    const result = schema.safeParse(ctx.value)
    if (result.success) return
    for (const issue of result.error.issues) {
      ctx.issues.push({
        code: 'custom',
        message: issue.message,
        path: [fieldOfPath(issue.path.join('.'))],
        input: ctx.value,
      })
    }
  })
  // The same input, checked by `schema`: only where its messages land differs.
  return placed as unknown as z.ZodType<z.output<T>, z.input<T>>
}

/** A failed call's field messages, moved onto the grid's fields the same way. */
export function onGridFieldNames(fields: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(fields).map(([path, message]) => [fieldOfPath(path), message]))
}

/**
 * What a cell holds after a key: a digit replaces the score ("1" then "0" makes 10), Backspace or Delete blanks it.
 * `null` means the key is not the grid's (Tab, a letter): left to the browser, or ignored.
 */
export function scoreAfterKey(current: string, key: string): string | null {
  if (key === 'Backspace' || key === 'Delete') return ''
  if (!/^\d$/.test(key)) return null
  if (key === '0') return current === '1' ? '10' : current
  return key
}

/** After typing, whether the score is whole and so the cursor can move on ("1" may still become 10). */
export const scoreIsFinished = (text: string) => text !== '' && text !== '1'

export interface CellPosition {
  row: number
  column: number
}

/** Where an arrow key goes from a cell of the 8 x 2 grid; Enter goes down like a spreadsheet. Null: not a move. */
export function moveFrom(at: CellPosition, key: string): CellPosition | null {
  const rows = DOMAIN_KEYS.length
  const columns = TRACK_KEYS.length
  switch (key) {
    case 'ArrowUp':
      return { row: Math.max(0, at.row - 1), column: at.column }
    case 'ArrowDown':
    case 'Enter':
      return { row: Math.min(rows - 1, at.row + 1), column: at.column }
    case 'ArrowLeft':
      return { row: at.row, column: Math.max(0, at.column - 1) }
    case 'ArrowRight':
      return { row: at.row, column: Math.min(columns - 1, at.column + 1) }
    case 'Home':
      return { row: at.row, column: 0 }
    case 'End':
      return { row: at.row, column: columns - 1 }
    default:
      return null
  }
}

/** The cell after this one in reading order (practice, then own, then the next domain); null after the last. */
export function nextCell(at: CellPosition): CellPosition | null {
  if (at.column < TRACK_KEYS.length - 1) return { row: at.row, column: at.column + 1 }
  if (at.row < DOMAIN_KEYS.length - 1) return { row: at.row + 1, column: 0 }
  return null
}
