import {
  DISAGREEMENT_THRESHOLD,
  DOMAIN_KEYS,
  TRACK_KEYS,
  type AssessmentSummary,
  type Domain,
  type Rater,
  type Scores,
  type Track,
} from '@shared/domain/growth'
import { chartable, quarterOf } from './series'

export interface Disagreement {
  period: string
  domain: Domain
  track: Track
  self: number
  supervisor: number
  /** Supervisor minus self: positive where the supervisor sees more than the coach does. */
  difference: number
  selfId: number
  supervisorId: number
}

/**
 * Where the coach and a supervisor, in the same quarter, differ by DISAGREEMENT_THRESHOLD or more on a domain and
 * track: shown as it is, never averaged away. The latest rating of each kind in the quarter is compared.
 */
export function disagreements(
  assessments: readonly AssessmentSummary[],
  threshold = DISAGREEMENT_THRESHOLD,
): Disagreement[] {
  const latest = new Map<string, Partial<Record<Rater, AssessmentSummary>>>()
  for (const a of chartable(assessments)) {
    const period = quarterOf(a.assessedOn)
    const pair = latest.get(period) ?? {}
    pair[a.rater] = a // oldest first, so the last one seen in a quarter is its latest
    latest.set(period, pair)
  }
  const found: Disagreement[] = []
  for (const [period, pair] of latest) {
    const { self, supervisor } = pair
    if (!self || !supervisor) continue
    for (const domain of DOMAIN_KEYS) {
      for (const track of TRACK_KEYS) {
        const s = self.scores[domain][track]
        const v = supervisor.scores[domain][track]
        if (s === null || v === null || Math.abs(v - s) < threshold) continue
        found.push({
          period,
          domain,
          track,
          self: s,
          supervisor: v,
          difference: v - s,
          selfId: self.id,
          supervisorId: supervisor.id,
        })
      }
    }
  }
  return found.sort((a, b) => (a.period < b.period ? 1 : a.period > b.period ? -1 : 0))
}

export interface FocusArea {
  domain: Domain
  track: Track
  score: number
  /** For a drop: the score before, and by how much it fell. */
  previous?: number
  drop?: number
}

export interface FocusSuggestions {
  rater: Rater
  basedOn: { id: number; date: string } | null
  comparedWith: { id: number; date: string } | null
  /** Per track: the lowest domains of the latest rating (ties kept), and the largest drops since the one before. */
  lowest: Record<Track, FocusArea[]>
  drops: Record<Track, FocusArea[]>
}

/**
 * Suggested focus areas from the latest completed rating of `rater`: per track, the `count` lowest domains (every
 * domain tied with the last one kept), and the `count` largest drops since that rater's previous rating. A blank is
 * neither low nor a drop.
 */
export function focusSuggestions(assessments: readonly AssessmentSummary[], rater: Rater, count = 2): FocusSuggestions {
  const ofRater = chartable(assessments).filter((a) => a.rater === rater)
  const latest = ofRater[ofRater.length - 1]
  const before = ofRater[ofRater.length - 2]
  const lowest = { practice: [] as FocusArea[], own: [] as FocusArea[] }
  const drops = { practice: [] as FocusArea[], own: [] as FocusArea[] }
  if (latest) {
    for (const track of TRACK_KEYS) {
      const scored = DOMAIN_KEYS.flatMap((domain) => {
        const score = latest.scores[domain][track]
        return score === null ? [] : [{ domain, track, score }]
      }).sort((a, b) => a.score - b.score || DOMAIN_KEYS.indexOf(a.domain) - DOMAIN_KEYS.indexOf(b.domain))
      const cutoff = scored[Math.min(count, scored.length) - 1]?.score
      lowest[track] = cutoff === undefined ? [] : scored.filter((area) => area.score <= cutoff)
      if (before) {
        drops[track] = DOMAIN_KEYS.flatMap((domain) => {
          const score = latest.scores[domain][track]
          const previous = before.scores[domain][track]
          return score === null || previous === null || score >= previous
            ? []
            : [{ domain, track, score, previous, drop: previous - score }]
        })
          .sort((a, b) => b.drop - a.drop || DOMAIN_KEYS.indexOf(a.domain) - DOMAIN_KEYS.indexOf(b.domain))
          .slice(0, count)
      }
    }
  }
  return {
    rater,
    basedOn: latest ? { id: latest.id, date: latest.assessedOn } : null,
    comparedWith: latest && before ? { id: before.id, date: before.assessedOn } : null,
    lowest,
    drops,
  }
}

/**
 * The scores shown beside each cell while rating: the latest completed rating of the same kind dated on or before
 * `date`, other than the one being edited (`exceptId`, and the versions it replaced).
 */
export function previousScores(
  assessments: readonly AssessmentSummary[],
  rater: Rater,
  date: string,
  exceptId?: number,
): { id: number; date: string; scores: Scores } | null {
  const earlier = chartable(assessments).filter((a) => a.rater === rater && a.id !== exceptId && a.assessedOn <= date)
  const last = earlier[earlier.length - 1]
  return last ? { id: last.id, date: last.assessedOn, scores: last.scores } : null
}
