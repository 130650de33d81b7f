import { DOMAIN_KEYS, RATERS, TRACK_KEYS, type Rater, type Scores } from './growth'
import { MIN_COACHES_FOR_A_FIGURE, type EvaluationFigure } from './ladder'

/**
 * A training's evaluation, as a pure function of who attended and their completed ratings: for each attendee and kind
 * of rating, the last rating before the training and the first after it within the window; per domain and track, the
 * coaches with a score on both sides. Self and supervisor ratings are never pooled: they answer different questions.
 */
export interface EvaluationAttendee {
  coachId: number
  /** The day they attended (their first completed attendance of the training). */
  trainedOn: string
}

export interface EvaluationRating {
  coachId: number
  rater: Rater
  assessedOn: string
  scores: Scores
}

export interface EvaluationResult {
  attendees: number
  coverage: Array<{ rater: Rater; withBefore: number; withBoth: number }>
  figures: EvaluationFigure[]
}

const RATER_KEYS = Object.keys(RATERS) as Rater[]

function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`)
  d.setUTCDate(d.getUTCDate() + days)
  return d.toISOString().slice(0, 10)
}

/** Two decimals: more would claim a precision whole-number ratings do not have. */
const round2 = (value: number) => Math.round(value * 100) / 100

export function evaluateTraining(
  attendees: readonly EvaluationAttendee[],
  ratings: readonly EvaluationRating[],
  windowDays: number,
): EvaluationResult {
  const byCoachAndRater = new Map<string, EvaluationRating[]>()
  for (const rating of ratings) {
    const key = `${rating.coachId}:${rating.rater}`
    const list = byCoachAndRater.get(key) ?? []
    list.push(rating)
    byCoachAndRater.set(key, list)
  }
  for (const list of byCoachAndRater.values()) list.sort((a, b) => (a.assessedOn < b.assessedOn ? -1 : 1))

  const coverage: EvaluationResult['coverage'] = []
  const figures: EvaluationFigure[] = []
  for (const rater of RATER_KEYS) {
    const pairs: Array<{ before: Scores; after: Scores }> = []
    let withBefore = 0
    for (const attendee of attendees) {
      const list = byCoachAndRater.get(`${attendee.coachId}:${rater}`) ?? []
      const last = addDays(attendee.trainedOn, windowDays)
      const before = list.filter((r) => r.assessedOn < attendee.trainedOn).at(-1)
      const after = list.find((r) => r.assessedOn > attendee.trainedOn && r.assessedOn <= last)
      if (before) withBefore++
      if (before && after) pairs.push({ before: before.scores, after: after.scores })
    }
    coverage.push({ rater, withBefore, withBoth: pairs.length })
    for (const domain of DOMAIN_KEYS) {
      for (const track of TRACK_KEYS) {
        let n = 0
        let sumBefore = 0
        let sumAfter = 0
        for (const pair of pairs) {
          const b = pair.before[domain][track]
          const a = pair.after[domain][track]
          if (b === null || a === null) continue
          n++
          sumBefore += b
          sumAfter += a
        }
        const meanBefore = n > 0 ? round2(sumBefore / n) : null
        const meanAfter = n > 0 ? round2(sumAfter / n) : null
        figures.push({
          domain,
          track,
          rater,
          n,
          meanBefore,
          meanAfter,
          meanChange: n > 0 ? round2((sumAfter - sumBefore) / n) : null,
          tooFew: n < MIN_COACHES_FOR_A_FIGURE,
        })
      }
    }
  }
  return { attendees: attendees.length, coverage, figures }
}
