import { describe, expect, it } from 'vitest'
import { disagreements, focusSuggestions, previousScores } from '../../../renderer/src/features/growth/utils/insights'
import { quarterOf } from '../../../renderer/src/features/growth/utils/series'
import { rating } from './fixtures'

describe('quarterOf', () => {
  it('names the quarter of a date', () => {
    expect(['2026-01-01', '2026-03-31', '2026-04-01', '2026-09-30', '2026-12-31'].map(quarterOf)).toEqual([
      '2026-Q1',
      '2026-Q1',
      '2026-Q2',
      '2026-Q3',
      '2026-Q4',
    ])
  })
})

describe('disagreements', () => {
  it('shows a self and supervisor rating 3 or more apart in the same quarter, and not 2 apart', () => {
    const self = rating('2026-07-10', 'self', { hope: { practice: 4, own: 7 }, meaning: { practice: 6 } })
    const supervisor = rating('2026-08-20', 'supervisor', { hope: { practice: 8, own: 5 }, meaning: { practice: 3 } })
    expect(disagreements([self, supervisor])).toEqual([
      {
        period: '2026-Q3',
        domain: 'hope',
        track: 'practice',
        self: 4,
        supervisor: 8,
        difference: 4,
        selfId: self.id,
        supervisorId: supervisor.id,
      },
      expect.objectContaining({ domain: 'meaning', track: 'practice', self: 6, supervisor: 3, difference: -3 }),
    ])
  })

  it('compares only ratings of the same quarter, the latest of each kind there, and skips blanks', () => {
    const oldSelf = rating('2026-04-01', 'self', { hope: { practice: 1 } })
    const self = rating('2026-05-01', 'self', { hope: { practice: 7 }, social: { own: 2 } })
    const supervisor = rating('2026-06-01', 'supervisor', { hope: { practice: 8 } })
    const nextQuarter = rating('2026-07-01', 'supervisor', { social: { own: 9 } })
    expect(disagreements([oldSelf, self, supervisor, nextQuarter])).toEqual([])
  })

  it('finds nothing in a single rating or none', () => {
    expect(disagreements([])).toEqual([])
    expect(disagreements([rating('2026-01-01', 'self', { hope: { own: 1 } })])).toEqual([])
  })
})

describe('focusSuggestions', () => {
  it('names the lowest domains of the latest rating per track (ties kept) and the largest drops', () => {
    const before = rating('2026-03-01', 'supervisor', {
      personal: { practice: 8, own: 6 },
      social: { practice: 7, own: 6 },
      hope: { practice: 9, own: 4 },
      meaning: { practice: 5 },
    })
    const latest = rating('2026-06-01', 'supervisor', {
      personal: { practice: 5, own: 6 },
      social: { practice: 7, own: 3 },
      hope: { practice: 6, own: 4 },
      meaning: { practice: 5 },
      identity: { own: 4 },
    })
    const focus = focusSuggestions(
      [before, latest, rating('2026-07-01', 'self', { hope: { practice: 1 } })],
      'supervisor',
    )
    expect(focus.basedOn).toEqual({ id: latest.id, date: '2026-06-01' })
    expect(focus.comparedWith).toEqual({ id: before.id, date: '2026-03-01' })
    // Practice: personal 5, meaning 5 are the two lowest (hope 6 is not).
    expect(focus.lowest.practice.map((a) => [a.domain, a.score])).toEqual([
      ['personal', 5],
      ['meaning', 5],
    ])
    // Own: social 3, then hope 4 and identity 4 tie for second: both kept.
    expect(focus.lowest.own.map((a) => [a.domain, a.score])).toEqual([
      ['social', 3],
      ['hope', 4],
      ['identity', 4],
    ])
    // Drops: personal 8 -> 5 (3), hope 9 -> 6 (3); social practice unchanged; meaning unchanged.
    expect(focus.drops.practice.map((a) => [a.domain, a.previous, a.score, a.drop])).toEqual([
      ['personal', 8, 5, 3],
      ['hope', 9, 6, 3],
    ])
    expect(focus.drops.own.map((a) => [a.domain, a.drop])).toEqual([['social', 3]])
  })

  it('with a single rating: the lowest only, no drops; with none: nothing', () => {
    const only = rating('2026-01-01', 'self', { hope: { practice: 3 }, social: { practice: 9 } })
    const focus = focusSuggestions([only], 'self')
    expect(focus.lowest.practice.map((a) => a.domain)).toEqual(['hope', 'social'])
    expect(focus.lowest.own).toEqual([])
    expect(focus.drops).toEqual({ practice: [], own: [] })
    expect(focus.comparedWith).toBeNull()
    expect(focusSuggestions([], 'self')).toMatchObject({ basedOn: null, lowest: { practice: [], own: [] } })
  })

  it('does not count a score left blank in either rating as a drop', () => {
    const before = rating('2026-01-01', 'self', { hope: { practice: 9 }, meaning: { own: 8 } })
    const latest = rating('2026-04-01', 'self', { meaning: { own: 2 }, hope: {} })
    expect(focusSuggestions([before, latest], 'self').drops.practice).toEqual([])
    expect(focusSuggestions([before, latest], 'self').drops.own.map((a) => a.domain)).toEqual(['meaning'])
  })
})

describe('previousScores', () => {
  it('is the latest completed rating of the same kind on or before the date, not the one being edited', () => {
    const a = rating('2026-01-01', 'self', { hope: { practice: 4 } })
    const b = rating('2026-04-01', 'self', { hope: { practice: 6 } })
    const v = rating('2026-05-01', 'supervisor', { hope: { practice: 9 } })
    expect(previousScores([a, b, v], 'self', '2026-06-01')?.id).toBe(b.id)
    expect(previousScores([a, b, v], 'self', '2026-03-01')?.id).toBe(a.id)
    expect(previousScores([a, b, v], 'self', '2026-06-01', b.id)?.id).toBe(a.id)
    expect(previousScores([a, b, v], 'supervisor', '2026-04-30')).toBeNull()
    expect(previousScores([], 'self', '2026-06-01')).toBeNull()
  })
})
