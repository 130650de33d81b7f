import { describe, expect, it } from 'vitest'
import type { Goal } from '@shared/domain/growth'
import { addDaysIso, goalForm, goalFromFocus, sortedGoals } from '../../../renderer/src/features/growth/utils/goals'

function goal(id: number, status: Goal['status'], targetDate: string, statusChangedOn: string): Goal {
  return {
    id,
    version: 1,
    coachId: 1,
    domain: 'hope',
    track: 'own',
    description: `Goal ${id}`,
    targetDate,
    status,
    statusChangedOn,
    createdByName: 'Pat',
    createdAt: '2026-01-01T10:00:00.000Z',
    mayEdit: true,
  }
}

describe('goalFromFocus', () => {
  it("opens on the focus area's domain and track, a first wording and a target 91 days on", () => {
    expect(goalFromFocus({ domain: 'hope', track: 'own' }, '2026-11-22')).toEqual({
      domain: 'hope',
      track: 'own',
      description: 'Build on hope (own recovery)',
      targetDate: '2027-02-21',
    })
  })

  it('opens blank but for its target without a focus area', () => {
    expect(goalFromFocus(null, '2026-12-31')).toEqual({
      domain: 'personal',
      track: 'practice',
      description: '',
      targetDate: '2027-04-01',
    })
  })

  it('counts days across month, year and leap day', () => {
    expect(addDaysIso('2028-02-28', 1)).toBe('2028-02-29')
    expect(addDaysIso('2026-12-31', 1)).toBe('2027-01-01')
    expect(addDaysIso('2026-03-01', -1)).toBe('2026-02-28')
  })
})

describe('sortedGoals', () => {
  it('lists open goals first by nearest target, then closed ones by latest change', () => {
    const goals = [
      goal(1, 'achieved', '2026-05-01', '2026-04-01'),
      goal(2, 'open', '2027-03-01', '2026-10-01'),
      goal(3, 'dropped', '2026-09-01', '2026-08-01'),
      goal(4, 'open', '2026-12-15', '2026-10-01'),
    ]
    expect(sortedGoals(goals).map((g) => g.id)).toEqual([4, 2, 3, 1])
    expect(goals.map((g) => g.id)).toEqual([1, 2, 3, 4])
  })

  it("gives the edit form the goal's values", () => {
    expect(goalForm(goal(5, 'open', '2027-01-01', '2026-10-01'))).toEqual({
      description: 'Goal 5',
      targetDate: '2027-01-01',
      status: 'open',
    })
  })
})
