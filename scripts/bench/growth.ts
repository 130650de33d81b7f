/**
 * The growth feature's figures on the seeded decade (electron/app/seed/growth.ts's part of it): the growth page's
 * calls for a coach with ten years of quarterly ratings, and the team view over every coach's ratings (about 75,000).
 * Each router channel beside the same reads as raw prepared statements. Targets: a screen's channel p95 <= 5 ms, the
 * team view <= 50 ms.
 */
import { SEEDED_ACCOUNTS } from '../../electron/app/seed/decade'
import { SCORE_COLUMNS } from '../../electron/app/growth/growth.repository'
import { seedBulkAssessments } from '../../electron/app/seed/growth'
import { callerFor, type BenchContext } from './core'

/** The coach of the growth page measured: added to the bench data the first time, with ten years of quarterly ratings. */
const LONG_SERVING_COACH = 'Wiremu Long-Serving (benchmark)'

async function longServingCoach(ctx: BenchContext): Promise<number> {
  const existing = ctx.sqlite.prepare('SELECT id FROM coaches WHERE legal_name = ?').pluck().get(LONG_SERVING_COACH)
  if (typeof existing === 'number') return existing
  const today = new Date().toISOString().slice(0, 10)
  const started = new Date(Date.now() - 3683 * 86_400_000).toISOString().slice(0, 10)
  const coach = await ctx.call('coaches.create', {
    legalName: LONG_SERVING_COACH,
    startDate: started,
    employment: 'full_time',
    title: 'recovery_coach',
    // The seeded office's first supervisor, who set it up.
    supervisorAccountId: 1,
    supervisionCadenceDays: 14,
    careerStage: 'employment',
  })
  await seedBulkAssessments(ctx.core.vault.db, [coach.id], { endOn: today, perCoach: 80, years: 10, seed: 10 })
  return coach.id
}

export async function benchGrowth(ctx: BenchContext): Promise<void> {
  const { bench, call, sqlite, core } = ctx
  const coachId = await longServingCoach(ctx)
  const ratings = sqlite.prepare('SELECT count(*) FROM assessments').pluck().get() as number

  // What the repository reads for the page: a summary of each rating, its scores packed in one text.
  const packed = SCORE_COLUMNS.map((c) => `64 + coalesce(a.${c}, 0)`).join(', ')
  const coachRatings = sqlite.prepare(
    `SELECT a.id, a.version, a.coach_id, a.rater, a.rater_account_id, a.assessed_on, a.status, a.revision,
       a.amends_id, a.superseded_by, a.created_at, a.updated_at, a.completed_at, u.display_name, char(${packed}) AS scores
     FROM assessments a LEFT JOIN accounts u ON u.id = a.rater_account_id
     WHERE a.coach_id = ? AND a.superseded_by IS NULL ORDER BY a.assessed_on, a.id`,
  )
  const coachGoals = sqlite.prepare('SELECT * FROM development_goals WHERE coach_id = ?')
  const settings = sqlite.prepare('SELECT * FROM office_settings WHERE id = 1')
  const page = () => (settings.get(), coachRatings.all(coachId), coachGoals.all(coachId))
  const count = (await call('growth.coach', { coachId })).assessments.length
  await bench.compare(
    `growth.coach: a supervisor opens a coach's growth page (${count} ratings)`,
    { target: 5 },
    () => call('growth.coach', { coachId }),
    page,
  )
  const ids = coachRatings.all(coachId).map((row) => (row as { id: number }).id)
  const one = sqlite.prepare('SELECT * FROM assessments WHERE id = ?')
  const chain = sqlite.prepare('SELECT * FROM assessments WHERE id = ? OR original_id = ? ORDER BY revision')
  await bench.compare(
    'assessments.get: one rating with its notes and history',
    { target: 5 },
    (i) => call('assessments.get', { id: ids[i % ids.length]! }),
    (i) => (one.get(ids[i % ids.length]!), chain.all(ids[i % ids.length]!, ids[i % ids.length]!)),
  )
  await bench.compare(
    `growth.report: the development report (${count} ratings)`,
    { target: 5 },
    () => call('growth.report', { coachId }),
    page,
  )

  // The coach's own page, as the seeded coach account sees it: no read is recorded.
  const coach = callerFor(core, 'bench-growth-coach')
  const status = await coach('auth.signIn', {
    username: SEEDED_ACCOUNTS.coach.username,
    password: SEEDED_ACCOUNTS.coach.password,
  })
  const ownId = status.state === 'signed_in' ? status.user.coachId : null
  if (ownId) {
    const ownCount = (await coach('growth.coach', { coachId: ownId })).assessments.length
    await bench.compare(
      `growth.coach: a coach opens their own page (${ownCount} ratings)`,
      { target: 5 },
      () => coach('growth.coach', { coachId: ownId }),
      () => (settings.get(), coachRatings.all(ownId), coachGoals.all(ownId)),
    )
    const today = new Date().toISOString().slice(0, 10)
    let draft = await coach('assessments.create', { coachId: ownId, assessedOn: today })
    await bench.measure('assessments.update: a draft saving itself (durable)', { runs: 200, target: 5 }, async (i) => {
      draft = await coach('assessments.update', {
        id: draft.id,
        expectedVersion: draft.version,
        fields: { assessedOn: today, scores: { hope: { practice: 1 + (i % 10) } } },
      })
    })
    await coach('assessments.discard', { id: draft.id, expectedVersion: draft.version })
    await coach('auth.signOut', {})
  }

  const latest = sqlite.prepare(
    `SELECT quarters FROM assessment_quarters_by_coach WHERE rater = 'supervisor'
     AND coach_id IN (SELECT id FROM coaches WHERE status IN ('active', 'on_leave'))`,
  )
  const everyone = sqlite.prepare(`SELECT quarters FROM assessment_quarters_by_coach WHERE rater = 'supervisor'`)
  await bench.compare(
    `growth.team: everyone current, over ${ratings} ratings`,
    { target: 50, runs: 100 },
    () => call('growth.team', { scope: 'everyone' }),
    () => latest.all(),
  )
  await bench.compare(
    'growth.team: my coaches, supervisor ratings',
    { target: 50, runs: 100 },
    () => call('growth.team', { scope: 'mine' }),
    () => latest.all(),
  )
  await bench.compare(
    'growth.team: everyone who ever worked here, self ratings',
    { target: 50, runs: 100 },
    () => call('growth.team', { scope: 'everyone', coaches: 'all', rater: 'self' }),
    () => everyone.all(),
  )
}
