import { describe, expect, it } from 'vitest'
import { AssessmentAmendInput, AssessmentFields, emptyScores } from '@shared/domain/growth'
import {
  fieldOfPath,
  formFromAssessment,
  moveFrom,
  nextCell,
  onGridFieldNames,
  onGridFields,
  scoreAfterKey,
  scoreIsFinished,
  toAssessmentFields,
} from '../../../renderer/src/features/growth/utils/grid'

describe('scoreAfterKey', () => {
  it('takes a digit straight in, makes 10 from 1 then 0, and blanks on Backspace or Delete', () => {
    expect(scoreAfterKey('', '7')).toBe('7')
    expect(scoreAfterKey('7', '3')).toBe('3')
    expect(scoreAfterKey('1', '0')).toBe('10')
    expect(scoreAfterKey('10', '1')).toBe('1')
    expect(scoreAfterKey('', '0')).toBe('')
    expect(scoreAfterKey('7', '0')).toBe('7')
    expect(scoreAfterKey('7', 'Backspace')).toBe('')
    expect(scoreAfterKey('7', 'Delete')).toBe('')
    expect(scoreAfterKey('7', 'a')).toBeNull()
    expect(scoreAfterKey('7', 'Tab')).toBeNull()
  })

  it('moves on after a whole score, but waits after a 1 that may become 10', () => {
    expect(['', '1', '2', '10'].map(scoreIsFinished)).toEqual([false, false, true, true])
  })
})

describe('moving in the grid', () => {
  it('goes by arrows within the 8 x 2 grid, stopping at its edges; Enter goes down', () => {
    expect(moveFrom({ row: 0, column: 0 }, 'ArrowUp')).toEqual({ row: 0, column: 0 })
    expect(moveFrom({ row: 0, column: 0 }, 'ArrowDown')).toEqual({ row: 1, column: 0 })
    expect(moveFrom({ row: 7, column: 1 }, 'Enter')).toEqual({ row: 7, column: 1 })
    expect(moveFrom({ row: 3, column: 0 }, 'ArrowRight')).toEqual({ row: 3, column: 1 })
    expect(moveFrom({ row: 3, column: 1 }, 'ArrowRight')).toEqual({ row: 3, column: 1 })
    expect(moveFrom({ row: 3, column: 1 }, 'Home')).toEqual({ row: 3, column: 0 })
    expect(moveFrom({ row: 3, column: 0 }, 'x')).toBeNull()
  })

  it('reads in order: practice, own, then the next domain; nothing after the last', () => {
    expect(nextCell({ row: 0, column: 0 })).toEqual({ row: 0, column: 1 })
    expect(nextCell({ row: 0, column: 1 })).toEqual({ row: 1, column: 0 })
    expect(nextCell({ row: 7, column: 1 })).toBeNull()
  })
})

describe('the grid as a form', () => {
  it('holds scores as text and turns them back into what the shared schema takes', () => {
    const scores = emptyScores()
    scores.hope = { practice: 7, own: null }
    scores.empowerment.own = 10
    const values = formFromAssessment({
      assessedOn: '2026-11-01',
      scores,
      notes: { ...Object.fromEntries(Object.keys(scores).map((d) => [d, null])), hope: 'A note' } as never,
      overallNote: null,
    })
    expect(values).toMatchObject({ hope_practice: '7', hope_own: '', empowerment_own: '10', note_hope: 'A note' })
    expect(values.overallNote).toBe('')
    const parsed = AssessmentFields.parse(toAssessmentFields(values))
    expect(parsed.scores.hope).toEqual({ practice: 7, own: null })
    expect(parsed.scores.empowerment.own).toBe(10)
    expect(parsed.notes.hope).toBe('A note')
    expect(parsed.notes.meaning).toBeNull()
    expect(parsed.overallNote).toBeNull()
  })

  it('lets the schema refuse what is not a score, on the cell', () => {
    const values = {
      ...formFromAssessment({ assessedOn: '2026-11-01', scores: emptyScores(), notes: {} as never, overallNote: null }),
    }
    values.hope_practice = '7.5'
    const result = AssessmentFields.safeParse(toAssessmentFields(values))
    expect(result.success).toBe(false)
    expect(result.error!.issues[0]!.path.join('.')).toBe('scores.hope.practice')
    expect(fieldOfPath('scores.hope.practice')).toBe('hope_practice')
    expect(fieldOfPath('fields.scores.meaning.own')).toBe('meaning_own')
    expect(fieldOfPath('fields.notes.hope')).toBe('note_hope')
    expect(fieldOfPath('fields.assessedOn')).toBe('assessedOn')
    expect(fieldOfPath('reason')).toBe('reason')
  })
})

describe("messages on the grid's fields", () => {
  const blank = () =>
    formFromAssessment({ assessedOn: '2026-11-01', scores: emptyScores(), notes: {} as never, overallNote: null })

  it("puts each of the schema's messages on the cell, note or field it is about", () => {
    const values = { ...blank(), hope_practice: '11', meaning_own: '2.5' }
    const input = { id: 3, reason: '', fields: toAssessmentFields(values) }
    const result = onGridFields(AssessmentAmendInput).safeParse(input)
    expect(result.success).toBe(false)
    const placed = Object.fromEntries(result.error!.issues.map((issue) => [issue.path.join('.'), issue.message]))
    expect(placed).toEqual({
      reason: expect.stringContaining('Reason for the amendment'),
      hope_practice: 'A score is at most 10',
      meaning_own: 'A score is a whole number from 1 to 10',
    })
  })

  it('passes what the schema takes as it is', () => {
    const input = {
      id: 3,
      reason: 'Typed into the wrong row',
      fields: toAssessmentFields({ ...blank(), hope_own: '4' }),
    }
    const result = onGridFields(AssessmentAmendInput).safeParse(input)
    expect(result.success).toBe(true)
    expect(result.data).toEqual(input)
  })

  it("moves the main process's field messages the same way", () => {
    expect(
      onGridFieldNames({
        'fields.scores.hope.practice': 'A score is at most 10',
        'fields.assessedOn': 'Must not be after today',
      }),
    ).toEqual({ hope_practice: 'A score is at most 10', assessedOn: 'Must not be after today' })
  })
})
