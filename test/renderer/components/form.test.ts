import { describe, expect, it } from 'vitest'
import { idFromText, listFromText, numberFromText, textFrom } from '../../../renderer/src/components/ui/form/convert'
import {
  fieldForPath,
  flattenFieldErrors,
  placeMessages,
  problemFromError,
} from '../../../renderer/src/components/ui/form/problems'
import { changedFields, sameValue, sameValues, withoutFields } from '../../../renderer/src/components/ui/form/values'
import { conflictBetween } from '../../../renderer/src/components/ui/form/conflict'
import { ApiCallError, UnreadableAnswerError } from '../../../renderer/src/lib/api'

describe('converting what a form holds into the schema’s input', () => {
  it('reads a typed whole or decimal number, and anything else as NaN for the schema to refuse', () => {
    expect(numberFromText('14')).toBe(14)
    expect(numberFromText(' 21 ')).toBe(21)
    expect(numberFromText('1.5')).toBe(1.5)
    expect(numberFromText('-3')).toBe(-3)
    for (const text of ['', '  ', 'abc', '1e3', '1,5', '0x10', '12 days']) expect(numberFromText(text)).toBeNaN()
  })

  it('reads a chosen id, with the empty choice as none', () => {
    expect(idFromText('12')).toBe(12)
    expect(idFromText('')).toBeNull()
  })

  it('splits a list typed with commas and drops empty entries', () => {
    expect(listFromText('English, Spanish ,  ASL')).toEqual(['English', 'Spanish', 'ASL'])
    expect(listFromText(' , ,')).toEqual([])
  })

  it('turns a saved record’s values back into text for the form', () => {
    expect(textFrom(null)).toBe('')
    expect(textFrom(14)).toBe('14')
    expect(textFrom(['English', 'Spanish'])).toBe('English, Spanish')
    expect(textFrom('as is')).toBe('as is')
  })
})

describe('form values', () => {
  it('counts a list of ticks the same whatever order it was ticked in', () => {
    expect(sameValue(['police', 'fire'], ['fire', 'police'])).toBe(true)
    expect(sameValue(['police'], ['police', 'fire'])).toBe(false)
    expect(sameValue('a', 'a')).toBe(true)
    expect(sameValue('', false)).toBe(false)
  })

  it('names the fields that changed', () => {
    expect(changedFields({ a: '1', b: ['x'], c: true }, { a: '1', b: ['y'], c: true })).toEqual(['b'])
    expect(sameValues({ a: '1' }, { a: '1' })).toBe(true)
  })

  it('leaves passwords out of what is kept', () => {
    expect(withoutFields({ name: 'typed', password: 'secret' }, { name: '', password: '' }, ['password'])).toEqual({
      name: 'typed',
      password: '',
    })
  })
})

describe('placing errors on the fields on screen', () => {
  const names = ['legalName', 'languages', 'startDate']

  it('finds the field an error path belongs to', () => {
    expect(fieldForPath('legalName', names)).toBe('legalName')
    expect(fieldForPath('fields.legalName', names)).toBe('legalName')
    expect(fieldForPath('languages.2', names)).toBe('languages')
    expect(fieldForPath('fields.languages.2', names)).toBe('languages')
    expect(fieldForPath('expectedVersion', names)).toBeUndefined()
    expect(fieldForPath('_', names)).toBeUndefined()
  })

  it('keeps the first message per field and leaves the rest for the form’s message', () => {
    expect(
      placeMessages(
        { 'languages.0': 'Language is required', 'languages.3': 'Too long', id: 'Bad id', startDate: 'Too early' },
        names,
      ),
    ).toEqual({ fields: { languages: 'Language is required', startDate: 'Too early' }, unplaced: ['Bad id'] })
  })

  it('flattens react-hook-form’s nested errors into dotted paths', () => {
    expect(
      flattenFieldErrors({
        fields: { legalName: { type: 'too_big', message: 'Too long' } },
        languages: [undefined, { type: 'custom', message: 'Say it once' }],
        '': { type: 'custom', message: 'Whole form' },
      } as never),
    ).toEqual({ 'fields.legalName': 'Too long', 'languages.1': 'Say it once', '': 'Whole form' })
  })
})

describe('a failed call as a form shows it', () => {
  it('marks the fields of bad input and of a conflict that names its field', () => {
    const invalid = new ApiCallError({ code: 'invalid_input', message: 'Please check', fields: { legalName: 'x' } })
    expect(problemFromError(invalid)).toEqual({ fields: { legalName: 'x' } })
    const taken = new ApiCallError({
      code: 'conflict',
      message: 'That username is already taken.',
      fields: { username: 'Already taken; choose another' },
    })
    expect(problemFromError(taken)).toEqual({ fields: { username: 'Already taken; choose another' } })
  })

  it('says anything else as the form’s one message', () => {
    const changed = new ApiCallError({ code: 'conflict', message: 'Someone else changed this coach.' })
    expect(problemFromError(changed)).toEqual({ fields: {}, message: 'Someone else changed this coach.' })
    expect(problemFromError(new UnreadableAnswerError('coaches.update')).message).toMatch(/could not read/)
    expect(problemFromError(new TypeError('x is undefined')).message).not.toContain('undefined')
  })
})

describe('a conflict between this edit and what someone else saved', () => {
  const base = { phone: '555 0100', email: '', workSettings: ['police'], pronouns: 'she/her' }

  it('keeps what this person typed where both changed, beside theirs', () => {
    const mine = { ...base, phone: '555 0111' }
    const theirs = { ...base, phone: '555 0199' }
    const { entries, merged } = conflictBetween(base, mine, theirs)
    expect(entries).toEqual([
      { name: 'phone', base: '555 0100', mine: '555 0111', theirs: '555 0199', changedByMe: true },
    ])
    expect(merged.phone).toBe('555 0111')
  })

  it('takes their value where only they changed it, and says so', () => {
    const mine = { ...base, phone: '555 0111' }
    const theirs = { ...base, email: 'new@example.org', workSettings: ['fire', 'police'] }
    const { entries, merged } = conflictBetween(base, mine, theirs)
    expect(entries.map((entry) => [entry.name, entry.changedByMe])).toEqual([
      ['email', false],
      ['workSettings', false],
    ])
    expect(merged).toEqual({ ...base, phone: '555 0111', email: 'new@example.org', workSettings: ['fire', 'police'] })
  })

  it('lists nothing where both made the same change, or only this person changed a field', () => {
    const mine = { ...base, phone: '555 0111', pronouns: 'they/them' }
    const theirs = { ...base, pronouns: 'they/them' }
    const { entries, merged } = conflictBetween(base, mine, theirs)
    expect(entries).toEqual([])
    expect(merged).toEqual(mine)
  })

  it('treats ticks in another order as no change', () => {
    const withTwo = { ...base, workSettings: ['police', 'fire'] }
    const { entries } = conflictBetween(withTwo, withTwo, { ...withTwo, workSettings: ['fire', 'police'] })
    expect(entries).toEqual([])
  })
})
