import { describe, expect, it } from 'vitest'
import type { EvaluationFigure, RequirementSet } from '@shared/domain/ladder'
import {
  changeBars,
  currentInputs,
  evaluationRows,
  hoursPercent,
  quarterBars,
  recentQuarters,
  withAdded,
  withChanged,
  withRetired,
} from '../../../renderer/src/features/ladder/utils/ladder'

const SET: RequirementSet = {
  id: 1,
  stage: 'rcp',
  version: 2,
  updatedAt: '2026-11-01T09:00:00.000Z',
  updatedByName: 'Dana',
  requirements: [
    { id: 1, kind: 'training_hours', label: 'Approved training', hoursNeeded: 60, category: null, retiredAt: null },
    { id: 2, kind: 'document_or_step', label: 'Resume', hoursNeeded: null, category: null, retiredAt: null },
    {
      id: 3,
      kind: 'document_or_step',
      label: 'Old step',
      hoursNeeded: null,
      category: null,
      retiredAt: '2026-10-01T00:00:00.000Z',
    },
  ],
}

describe('the requirement editor sends the whole set as it should be', () => {
  it('keeps the current requirements and leaves the retired ones out', () => {
    expect(currentInputs(SET).map((r) => r.id)).toEqual([1, 2])
  })
  it('adds at the end, changes in place, and retires by leaving out', () => {
    expect(withAdded(SET, { kind: 'interview_or_signoff', label: 'Panel' }).map((r) => r.label)).toEqual([
      'Approved training',
      'Resume',
      'Panel',
    ])
    expect(withChanged(SET, { id: 1, kind: 'training_hours', label: 'Approved training', hours: 40 })[0]).toMatchObject(
      {
        hours: 40,
      },
    )
    expect(withRetired(SET, 2).map((r) => r.id)).toEqual([1])
  })
})

describe('progress and the office chart', () => {
  it('gives the share of hours, capped, and full when none are needed', () => {
    expect(hoursPercent(45, 60)).toBe(75)
    expect(hoursPercent(90, 60)).toBe(100)
    expect(hoursPercent(0, 0)).toBe(100)
  })
  it('splits each quarter into approved and other hours that add up to all', () => {
    expect(quarterBars([{ quarter: '2026-Q1', approvedHours: 10.5, allHours: 12 }])).toEqual([
      { quarter: '2026-Q1', approved: 10.5, other: 1.5, all: 12 },
    ])
    expect(recentQuarters([1, 2, 3, 4, 5], 2)).toEqual([4, 5])
  })
  it('shows the quarters nobody trained in as zero, across a year end', () => {
    const bars = quarterBars([
      { quarter: '2025-Q3', approvedHours: 6, allHours: 6 },
      { quarter: '2026-Q2', approvedHours: 2, allHours: 3 },
    ])
    expect(bars.map((b) => [b.quarter, b.all])).toEqual([
      ['2025-Q3', 6],
      ['2025-Q4', 0],
      ['2026-Q1', 0],
      ['2026-Q2', 3],
    ])
    expect(quarterBars([])).toEqual([])
  })
})

describe('the evaluation table and chart', () => {
  const figure = (overrides: Partial<EvaluationFigure>): EvaluationFigure => ({
    domain: 'hope',
    track: 'practice',
    rater: 'self',
    n: 2,
    meanBefore: 3.5,
    meanAfter: 6.5,
    meanChange: 3,
    tooFew: true,
    ...overrides,
  })
  const figures = [figure({}), figure({ rater: 'supervisor', n: 1, meanChange: 0 })]
  it('has a row per domain and track with self and supervisor side by side', () => {
    const rows = evaluationRows(figures)
    expect(rows).toHaveLength(16)
    const hope = rows.find((r) => r.domain === 'hope' && r.track === 'practice')!
    expect([hope.self?.meanChange, hope.supervisor?.meanChange]).toEqual([3, 0])
    expect(rows.find((r) => r.domain === 'meaning')?.self).toBeUndefined()
  })
  it('gives a bar per kind of rating per domain, none where there is no figure', () => {
    const bars = changeBars(figures, 'practice')
    expect(bars.find((b) => b.domain === 'hope')).toEqual({ domain: 'hope', self: 3, supervisor: 0 })
    expect(bars.find((b) => b.domain === 'social')).toEqual({ domain: 'social', self: null, supervisor: null })
  })
})
