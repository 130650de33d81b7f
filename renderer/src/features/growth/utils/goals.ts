import { DOMAINS, TRACKS, type Domain, type Goal, type Track } from '@shared/domain/growth'

/** A goal's first target: a quarter ahead, when the next assessment usually comes round. */
export const DEFAULT_GOAL_DAYS = 91

export function addDaysIso(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`)
  d.setUTCDate(d.getUTCDate() + days)
  return d.toISOString().slice(0, 10)
}

export interface GoalFormValues {
  [field: string]: string
  domain: string
  track: string
  description: string
  targetDate: string
}

/** The goal form as a suggested focus area opens it: its domain and track, a first wording, a target a quarter on. */
export function goalFromFocus(area: { domain: Domain; track: Track } | null, today: string): GoalFormValues {
  return {
    domain: area?.domain ?? 'personal',
    track: area?.track ?? 'practice',
    description: area ? `Build on ${DOMAINS[area.domain].toLowerCase()} (${TRACKS[area.track].toLowerCase()})` : '',
    targetDate: addDaysIso(today, DEFAULT_GOAL_DAYS),
  }
}

export const goalForm = (goal: Goal) => ({
  description: goal.description,
  targetDate: goal.targetDate,
  status: goal.status as string,
})

/** Open goals first (soonest target first), then the closed ones, latest change first. */
export function sortedGoals(goals: readonly Goal[]): Goal[] {
  return [...goals].sort((a, b) => {
    if ((a.status === 'open') !== (b.status === 'open')) return a.status === 'open' ? -1 : 1
    if (a.status === 'open') return a.targetDate.localeCompare(b.targetDate) || a.id - b.id
    return b.statusChangedOn.localeCompare(a.statusChangedOn) || b.id - a.id
  })
}
