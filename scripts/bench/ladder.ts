/**
 * The ladder's figures on the seeded decade (electron/app/seed/ladder.ts's part of it): a coach's ladder page, the
 * office view over every current coach's trainings and steps, and a training's evaluation over its attendees'
 * ratings. Each router channel beside the same reads as raw prepared statements. Targets: the ladder page p95 <= 5 ms,
 * the office view and an evaluation <= 50 ms.
 */
import { SEEDED_ACCOUNTS } from '../../electron/app/seed/decade'
import { callerFor, type BenchContext } from './core'

export async function benchLadder(ctx: BenchContext): Promise<void> {
  const { bench, call, sqlite, core } = ctx
  const attendances = sqlite.prepare('SELECT count(*) FROM training_attendances').pluck().get() as number
  // The coach with the most attendances: the longest page.
  const coachId = sqlite
    .prepare('SELECT coach_id FROM training_attendances GROUP BY coach_id ORDER BY count(*) DESC LIMIT 1')
    .pluck()
    .get() as number
  const coachAttendances = sqlite.prepare(
    `SELECT a.*, t.name, t.approved, t.category FROM training_attendances a JOIN trainings t ON t.id = a.training_id
     WHERE a.coach_id = ? ORDER BY a.attended_on DESC, a.id DESC`,
  )
  const coachSteps = sqlite.prepare(
    `SELECT s.*, r.label, r.kind FROM ladder_steps s JOIN requirements r ON r.id = s.requirement_id WHERE s.coach_id = ?`,
  )
  const count = (await call('ladder.coach', { coachId })).attendances.length
  await bench.compare(
    `ladder.coach: a supervisor opens a coach's ladder page (${count} attendances)`,
    { target: 5 },
    () => call('ladder.coach', { coachId }),
    () => (coachAttendances.all(coachId), coachSteps.all(coachId)),
  )

  const coach = callerFor(core, 'bench-ladder-coach')
  const status = await coach('auth.signIn', {
    username: SEEDED_ACCOUNTS.coach.username,
    password: SEEDED_ACCOUNTS.coach.password,
  })
  const ownId = status.state === 'signed_in' ? status.user.coachId : null
  if (ownId) {
    await bench.compare(
      'ladder.coach: a coach opens their own ladder page',
      { target: 5 },
      () => coach('ladder.coach', { coachId: ownId }),
      () => (coachAttendances.all(ownId), coachSteps.all(ownId)),
    )
    await coach('auth.signOut', {})
  }

  const everyAttendance = sqlite.prepare(
    `SELECT a.coach_id, t.category, sum(a.hours_qh) FROM training_attendances a JOIN trainings t ON t.id = a.training_id
     WHERE a.completed = 1 AND t.approved = 1 GROUP BY a.coach_id, t.category`,
  )
  await bench.compare(
    `ladder.office: stages, who is close, hours per quarter (${attendances} attendances)`,
    { target: 50, runs: 100 },
    () => call('ladder.office', {}),
    () => everyAttendance.all(),
  )

  const trainingId = sqlite
    .prepare('SELECT training_id FROM training_attendances GROUP BY training_id ORDER BY count(*) DESC LIMIT 1')
    .pluck()
    .get() as number
  const attendees = sqlite.prepare(
    `SELECT coach_id, min(attended_on) FROM training_attendances WHERE training_id = ? AND completed = 1 GROUP BY coach_id`,
  )
  const evaluation = await call('trainings.evaluation', { trainingId })
  await bench.compare(
    `trainings.evaluation: the most attended training (${evaluation.attendees} attendees)`,
    { target: 50, runs: 100 },
    () => call('trainings.evaluation', { trainingId }),
    () => attendees.all(trainingId),
  )
}
