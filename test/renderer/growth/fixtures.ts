import { emptyScores, type AssessmentSummary, type Domain, type Rater, type Track } from '@shared/domain/growth'

let nextId = 1

/** A completed rating on `date` by `rater`, with the given scores (every other one blank). */
export function rating(
  date: string,
  rater: Rater,
  given: Partial<Record<Domain, Partial<Record<Track, number>>>> = {},
  extra: Partial<AssessmentSummary> = {},
): AssessmentSummary {
  const scores = emptyScores()
  for (const [domain, tracks] of Object.entries(given)) {
    for (const [track, score] of Object.entries(tracks ?? {})) scores[domain as Domain][track as Track] = score
  }
  return {
    id: nextId++,
    version: 2,
    coachId: 1,
    rater,
    raterName: rater === 'self' ? 'Robin' : 'Pat',
    assessedOn: date,
    status: 'completed',
    scores,
    revision: 1,
    amendsId: null,
    supersededById: null,
    createdAt: `${date}T10:00:00.000Z`,
    updatedAt: `${date}T10:00:00.000Z`,
    completedAt: `${date}T10:00:00.000Z`,
    mayEdit: false,
    mayAmend: false,
    ...extra,
  }
}
