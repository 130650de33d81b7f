import { describe, expect, it } from 'vitest'
import { emptyScores, type Rater, type Scores } from '@shared/domain/growth'
import { evaluateTraining, type EvaluationRating } from '@shared/domain/ladder-evaluation'
import { EVALUATION_DISCLAIMER } from '@shared/domain/ladder'
import { assessmentInput, coachInput, startTestApp } from '../helpers'
import { trainingInput } from './inputs'

/** Scores with only hope set: [practice, own], blank as null. */
function hope(practice: number | null, own: number | null = null): Scores {
  const scores = emptyScores()
  scores.hope = { practice, own }
  return scores
}
const rating = (coachId: number, rater: Rater, assessedOn: string, scores: Scores): EvaluationRating => ({
  coachId,
  rater,
  assessedOn,
  scores,
})

describe('evaluateTraining (a small hand-computed office)', () => {
  // Training on 2026-03-01; a 180-day window ends 2026-08-28.
  const attendees = [1, 2, 3, 4].map((coachId) => ({ coachId, trainedOn: '2026-03-01' }))
  const ratings = [
    // Coach 1: self 4 -> 6 on hope practice; own 5 -> blank (left out); supervisor 5 -> 5.
    rating(1, 'self', '2026-01-10', hope(4, 5)),
    rating(1, 'self', '2026-04-01', hope(6, null)),
    rating(1, 'self', '2026-07-01', hope(9, 9)), // not the first after: ignored
    rating(1, 'supervisor', '2026-02-01', hope(5)),
    rating(1, 'supervisor', '2026-05-01', hope(5)),
    // Coach 2: the last before counts (3, not 2): 3 -> 7 practice, 4 -> 6 own.
    rating(2, 'self', '2025-12-01', hope(2, 1)),
    rating(2, 'self', '2026-02-15', hope(3, 4)),
    rating(2, 'self', '2026-06-01', hope(7, 6)),
    // Coach 3: a rating before, none after within the window.
    rating(3, 'self', '2026-01-01', hope(5, 5)),
    rating(3, 'self', '2026-10-01', hope(10, 10)),
    // Coach 4: never rated. A rating on the training day itself is neither before nor after.
    rating(4, 'supervisor', '2026-03-01', hope(8)),
  ]
  const result = evaluateTraining(attendees, ratings, 180)
  const figure = (rater: Rater, track: 'practice' | 'own') =>
    result.figures.find((f) => f.rater === rater && f.domain === 'hope' && f.track === track)!

  it('compares the last rating before with the first after, per kind of rating', () => {
    expect(figure('self', 'practice')).toEqual({
      domain: 'hope',
      track: 'practice',
      rater: 'self',
      n: 2,
      meanBefore: 3.5,
      meanAfter: 6.5,
      meanChange: 3,
      tooFew: true,
    })
    expect(figure('supervisor', 'practice')).toMatchObject({ n: 1, meanBefore: 5, meanAfter: 5, meanChange: 0 })
  })

  it('leaves out a coach whose score is blank on either side', () => {
    expect(figure('self', 'own')).toMatchObject({ n: 1, meanBefore: 4, meanAfter: 6, meanChange: 2 })
  })

  it('says how many coaches each figure rests on, with no figure where there are none', () => {
    expect(result.attendees).toBe(4)
    expect(result.coverage).toEqual([
      { rater: 'self', withBefore: 3, withBoth: 2 },
      { rater: 'supervisor', withBefore: 1, withBoth: 1 },
    ])
    expect(result.figures).toHaveLength(32)
    expect(result.figures.find((f) => f.domain === 'meaning' && f.rater === 'self')).toMatchObject({
      n: 0,
      meanChange: null,
      tooFew: true,
    })
  })

  it('warns below five coaches and not from five', () => {
    const five = [1, 2, 3, 4, 5].map((coachId) => ({ coachId, trainedOn: '2026-03-01' }))
    const many = five.flatMap(({ coachId }) => [
      rating(coachId, 'self', '2026-02-01', hope(5)),
      rating(coachId, 'self', '2026-03-02', hope(6)),
    ])
    const f = evaluateTraining(five, many, 14).figures.find((x) => x.rater === 'self' && x.domain === 'hope')!
    expect(f).toMatchObject({ n: 5, meanChange: 1, tooFew: false })
    // The window is inclusive of its last day and shuts after it.
    const late = five.flatMap(({ coachId }) => [
      rating(coachId, 'self', '2026-02-01', hope(5)),
      rating(coachId, 'self', '2026-03-16', hope(6)),
    ])
    expect(evaluateTraining(five, late, 14).coverage[0]).toEqual({ rater: 'self', withBefore: 5, withBoth: 0 })
  })
})

describe('trainings.evaluation', () => {
  it("reads completed ratings through growth, self and supervisor apart, with the page's disclaimer", async () => {
    const app = await startTestApp()
    const a = await app.call('coaches.create', coachInput({ legalName: 'Coach A', startDate: '2025-03-01' }))
    const b = await app.call('coaches.create', coachInput({ legalName: 'Coach B', startDate: '2025-03-01' }))
    const training = await app.call('trainings.create', trainingInput({ name: 'Motivational interviewing', hours: 6 }))
    for (const coach of [a, b]) {
      await app.call('trainings.attend', {
        coachId: coach.id,
        trainingId: training.id,
        attendedOn: '2026-03-01',
        hours: 6,
        completed: true,
      })
    }
    const complete = async (client: typeof app, coachId: number, assessedOn: string, practice: number) => {
      const draft = await client.call(
        'assessments.create',
        assessmentInput(coachId, { assessedOn, scores: { hope: { practice } } }),
      )
      await client.call('assessments.complete', { id: draft.id, expectedVersion: draft.version })
    }
    await complete(app, a.id, '2026-02-01', 4)
    await complete(app, a.id, '2026-04-01', 7)
    await complete(app, b.id, '2026-02-01', 6) // nothing after
    // A draft after the training is not a rating yet.
    await app.call('assessments.create', assessmentInput(b.id, { assessedOn: '2026-04-01' }))
    const coachA = await app.signInAs('coach', { coachId: a.id })
    await complete(coachA as never, a.id, '2026-02-10', 3)
    await complete(coachA as never, a.id, '2026-05-10', 5)

    const result = await app.call('trainings.evaluation', { trainingId: training.id })
    expect(result).toMatchObject({ attendees: 2, windowDays: 180, minCoaches: 5, disclaimer: EVALUATION_DISCLAIMER })
    expect(result.coverage).toEqual([
      { rater: 'self', withBefore: 1, withBoth: 1 },
      { rater: 'supervisor', withBefore: 2, withBoth: 1 },
    ])
    const hopePractice = (rater: Rater) =>
      result.figures.find((f) => f.domain === 'hope' && f.track === 'practice' && f.rater === rater)
    expect(hopePractice('supervisor')).toMatchObject({ n: 1, meanBefore: 4, meanAfter: 7, meanChange: 3, tooFew: true })
    expect(hopePractice('self')).toMatchObject({ n: 1, meanChange: 2 })
    await app.callError('trainings.evaluation', { trainingId: training.id, windowDays: 5 }, 'invalid_input')
    const coordinator = await app.signInAs('coordinator')
    await coordinator.callError('trainings.evaluation', { trainingId: training.id }, 'forbidden')
  })
})
