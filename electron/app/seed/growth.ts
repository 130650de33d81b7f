import {
  DOMAIN_KEYS,
  TRACK_KEYS,
  emptyScores,
  type Domain,
  type Rater,
  type Scores,
  type Track,
} from '@shared/domain/growth'
import type { Db } from '../db/schema'
import * as repo from '../growth/growth.repository'
import { notesJson, scoreColumnsOf } from '../growth/growth.service'
import type { DevelopmentGoalsTable, NewAssessment, NewGoal } from '../growth/growth.table'
import type { SeedPart } from './decade'

/**
 * Ratings for the seeds, written straight through the growth repository (a seed is not a person using the app, and a
 * decade of history cannot come through one router call per row): believable histories for the demo office, and a
 * deterministic bulk generator for the decade-scale seed and the benchmark.
 */

// ---------------------------------------------------------------------------------------------------------------
// Shared machinery: a seeded PRNG, and scores that drift the way people do.

/** mulberry32: small, fast and the same on every machine, so a seed always writes the same office. */
export function prng(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const clampScore = (value: number) => Math.min(10, Math.max(1, Math.round(value)))

function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`)
  d.setUTCDate(d.getUTCDate() + days)
  return d.toISOString().slice(0, 10)
}
const daysBetween = (from: string, to: string) =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000)

/** How one coach's scores move: a level per track, growth per year, and an optional dip (a hard spell). */
interface Trajectory {
  start: Record<Track, number>
  perYear: Record<Track, number>
  /** Domains a little above or below the coach's level, the same every time (each person's shape). */
  shape: Record<Domain, number>
  /** Self-ratings this much above (or below) a supervisor's. */
  selfBias: Record<Track, number>
  dip?: { from: string; to: string; track: Track; depth: number }
  /** Chance that any one score is left blank. */
  blankChance: number
}

function scoresAt(t: Trajectory, firstOn: string, on: string, rater: Rater, random: () => number): Scores {
  const years = daysBetween(firstOn, on) / 365.25
  const scores = emptyScores()
  for (const domain of DOMAIN_KEYS) {
    for (const track of TRACK_KEYS) {
      if (random() < t.blankChance) continue
      let value = t.start[track] + t.perYear[track] * years + t.shape[domain]
      if (t.dip && t.dip.track === track && on >= t.dip.from && on <= t.dip.to) value -= t.dip.depth
      if (rater === 'self') value += t.selfBias[track]
      value += (random() - 0.5) * 1.4
      scores[domain][track] = clampScore(value)
    }
  }
  return scores
}

function randomShape(random: () => number): Record<Domain, number> {
  return Object.fromEntries(DOMAIN_KEYS.map((d) => [d, Math.round((random() - 0.5) * 20) / 10])) as Record<
    Domain,
    number
  >
}

interface RowFacts {
  coachId: number
  rater: Rater
  raterAccountId: number | null
  assessedOn: string
  scores: Scores
  notes?: Partial<Record<Domain, string>>
  overallNote?: string | null
}

function completedRow(facts: RowFacts, extra: Partial<NewAssessment> = {}): NewAssessment {
  const at = `${facts.assessedOn}T15:00:00.000Z`
  const notes = Object.fromEntries(DOMAIN_KEYS.map((d) => [d, facts.notes?.[d] ?? null])) as Record<
    Domain,
    string | null
  >
  return {
    version: 2,
    coach_id: facts.coachId,
    rater: facts.rater,
    rater_account_id: facts.raterAccountId,
    assessed_on: facts.assessedOn,
    status: 'completed',
    ...scoreColumnsOf(facts.scores),
    domain_notes: notesJson(notes),
    overall_note: facts.overallNote ?? null,
    revision: 1,
    created_at: at,
    updated_at: `${facts.assessedOn}T15:40:00.000Z`,
    completed_at: `${facts.assessedOn}T15:40:00.000Z`,
    ...extra,
  }
}

// ---------------------------------------------------------------------------------------------------------------
// The demo office: a story per coach, in the order of the demo roster.

interface DemoStory {
  trajectory: Omit<Trajectory, 'shape'>
  /** The last day ratings were made (a coach who left). */
  until?: string
  /** No supervisor's rating lately: shows on the team view's "not assessed" list. */
  supervisorStopsDaysAgo?: number
  supervisorNote: string
  selfNote?: string
  notes?: Partial<Record<Domain, string>>
}

const level = (practice: number, own: number) => ({ practice, own })

const DEMO_STORIES: DemoStory[] = [
  {
    // Marisol Reyes: the demo coach account. Steady growth on both tracks.
    trajectory: { start: level(5.5, 6), perYear: level(0.7, 0.4), selfBias: level(-0.3, 0), blankChance: 0.02 },
    supervisorNote: 'Calm in the emergency department; the team asks her for advice.',
    selfNote: 'Feeling more confident with families in the waiting room.',
    notes: { hope: 'Shares her story when it helps, not by habit.', community: 'Knows every meeting in the county.' },
  },
  {
    // Thomas Okafor: strong practice, a hard spell in his own recovery, now recovering.
    trajectory: {
      start: level(6, 7),
      perYear: level(0.4, 0.1),
      selfBias: level(0, 0.3),
      blankChance: 0.02,
      dip: { from: '2024-04-01', to: '2024-12-31', track: 'own', depth: 3 },
    },
    supervisorNote: 'Back to full strength after a difficult year; uses supervision well.',
    selfNote: 'Lots going on at home this year.',
  },
  {
    // Jordan Blake: rates their practice far below what the supervisor sees.
    trajectory: { start: level(6, 5.5), perYear: level(0.5, 0.3), selfBias: level(-3.2, -0.5), blankChance: 0.03 },
    supervisorNote: 'Consistently underrates their own work in the drug court.',
    selfNote: 'Not sure I am doing enough for people.',
    notes: { empowerment: 'Could lead the new-volunteer induction.' },
  },
  {
    // Aisha Rahman: fast growth in practice.
    trajectory: { start: level(4, 6), perYear: level(1.1, 0.3), selfBias: level(0, 0), blankChance: 0.02 },
    supervisorNote: 'Remarkable progress in linking people into community groups.',
  },
  {
    // Bob Kowalski: long-serving, his own track dipping over the last year (now on leave).
    trajectory: {
      start: level(7, 7),
      perYear: level(0.1, 0),
      selfBias: level(0.2, 0.5),
      blankChance: 0.02,
      dip: { from: '2025-10-01', to: '2026-12-31', track: 'own', depth: 2.5 },
    },
    supervisorNote: 'Experienced and generous with colleagues; wellbeing needs attention.',
  },
  {
    // Grace Nakamura: a volunteer, slow growth, some domains not yet answered; no recent supervisor rating.
    trajectory: { start: level(4, 6), perYear: level(0.5, 0.2), selfBias: level(0.5, 0), blankChance: 0.12 },
    supervisorStopsDaysAgo: 150,
    supervisorNote: 'Growing into the role; community work is her strength.',
  },
  {
    // Dwayne Carter: early days; blanks where he could not yet say; never rated by a supervisor lately.
    trajectory: { start: level(3.5, 5), perYear: level(0.9, 0.5), selfBias: level(1, 0), blankChance: 0.15 },
    supervisorStopsDaysAgo: 200,
    supervisorNote: 'Keen, still learning the drug court.',
  },
  {
    // Elena Petrova: left at the end of 2025; her history stops there.
    trajectory: { start: level(7, 7.5), perYear: level(0.2, 0.1), selfBias: level(0, 0), blankChance: 0.02 },
    until: '2025-12-31',
    supervisorNote: 'A mainstay of the managed-care contract.',
  },
  {
    // Sam Whitehorse: steady and high.
    trajectory: { start: level(7, 7), perYear: level(0.25, 0.2), selfBias: level(-0.2, 0), blankChance: 0.02 },
    supervisorNote: 'Trusted by the police partners; a natural mentor.',
  },
  {
    // Priya Shah: a few quarters in; her supervisor's rating is overdue.
    trajectory: { start: level(4.5, 6.5), perYear: level(1.2, 0.3), selfBias: level(0.3, 0), blankChance: 0.05 },
    supervisorStopsDaysAgo: 120,
    supervisorNote: 'Quick to learn; building her contacts at the hospital.',
  },
  {
    // Kevin O'Brien: just started.
    trajectory: { start: level(3, 5), perYear: level(1, 0.8), selfBias: level(0.5, 0.5), blankChance: 0.1 },
    supervisorNote: 'First months: finding his feet.',
  },
  {
    // Lucy Fernández: high practice; rates her own wellbeing well above what her supervisor sees.
    trajectory: { start: level(7.5, 5), perYear: level(0.2, 0.1), selfBias: level(0, 3.1), blankChance: 0.02 },
    supervisorNote: 'Excellent in the prisons; carrying a heavy load.',
    selfNote: 'All good, busy but good.',
  },
]

const DEMO_YEARS = 4

/**
 * Several years of quarterly self and supervisor ratings for every demo coach (from when each started, at most four
 * years back), two amendments, a self-rating draft in progress for the demo coach account, and some goals. `coachIds`
 * are the demo roster's, in its order.
 */
export async function seedGrowthDemo(db: Db, coachIds: readonly number[], today: string): Promise<void> {
  const [supervisorId] = await repo.activeSupervisorIds(db)
  if (supervisorId === undefined) throw new Error('The growth demo needs a supervisor account')
  const accounts = await repo.coachAccounts(db)
  const starts = await repo.coachStartDates(db, coachIds)
  const random = prng(20261122)
  const rows: NewAssessment[] = []
  const firstOf = new Map<number, string>()

  coachIds.forEach((coachId, index) => {
    const story = DEMO_STORIES[index % DEMO_STORIES.length]!
    const trajectory: Trajectory = { ...story.trajectory, shape: randomShape(random) }
    const started = starts.get(coachId) ?? today
    const first = [started, addDays(today, -DEMO_YEARS * 365)].sort().at(-1)!
    const last = story.until && story.until < today ? story.until : today
    firstOf.set(coachId, first)
    for (let on = addDays(first, 20); on <= last; on = addDays(on, 91)) {
      const selfOn = addDays(on, Math.floor(random() * 10))
      const supervisorOn = addDays(selfOn, 3 + Math.floor(random() * 10))
      if (selfOn <= last) {
        rows.push(
          completedRow({
            coachId,
            rater: 'self',
            raterAccountId: accounts.get(coachId) ?? null,
            assessedOn: selfOn,
            scores: scoresAt(trajectory, first, selfOn, 'self', random),
            overallNote: story.selfNote && random() < 0.5 ? story.selfNote : null,
          }),
        )
      }
      const stopsAfter = story.supervisorStopsDaysAgo ? addDays(today, -story.supervisorStopsDaysAgo) : last
      if (supervisorOn <= last && supervisorOn <= stopsAfter) {
        rows.push(
          completedRow({
            coachId,
            rater: 'supervisor',
            raterAccountId: supervisorId,
            assessedOn: supervisorOn,
            scores: scoresAt(trajectory, first, supervisorOn, 'supervisor', random),
            notes: story.notes,
            overallNote: story.supervisorNote,
          }),
        )
      }
    }
  })
  await repo.insertAssessments(db, rows)

  // Two corrections, as an office makes them: a supervisor's rating and a self-rating, each amended once with a reason.
  const amend = async (
    coachId: number,
    rater: Rater,
    reason: string,
    fix: (scores: Scores) => void,
    by: number | null,
  ) => {
    const current = await repo.listCurrentAssessments(db, coachId, { kind: 'all' }, { completedOnly: true })
    const summary = current.filter((row) => row.rater === rater).at(-2)
    const target = summary && (await repo.findAssessment(db, summary.id, { kind: 'all' }))
    if (!target) return
    const scores = scoresOfRow(target)
    fix(scores)
    const at = addDays(target.assessed_on, 2)
    const id = await repo.insertAssessment(db, {
      ...completedRow(
        {
          coachId,
          rater,
          raterAccountId: by,
          assessedOn: target.assessed_on,
          scores,
          overallNote: target.overall_note,
        },
        {
          version: 1,
          domain_notes: target.domain_notes,
          amends_id: target.id,
          original_id: target.id,
          revision: 2,
          amendment_reason: reason,
          created_at: `${at}T09:00:00.000Z`,
          updated_at: `${at}T09:00:00.000Z`,
          completed_at: `${at}T09:00:00.000Z`,
        },
      ),
    })
    await repo.supersede(db, target.id, id)
  }
  const [marisol, tommy, jordan, aisha, bob] = coachIds
  if (marisol !== undefined) {
    await amend(
      marisol,
      'supervisor',
      'Empowerment was entered on the own track by mistake',
      (s) => ([s.empowerment.practice, s.empowerment.own] = [s.empowerment.own, s.empowerment.practice]),
      supervisorId,
    )
  }
  if (tommy !== undefined) {
    await amend(
      tommy,
      'self',
      'Typed 2 for social (own); meant 7',
      (s) => (s.social.own = 7),
      accounts.get(tommy) ?? null,
    )
  }

  // The demo coach has a self-assessment under way, so the first sign-in shows a draft to continue.
  const marisolAccount = marisol !== undefined ? accounts.get(marisol) : undefined
  if (marisol !== undefined && marisolAccount !== undefined) {
    const trajectory: Trajectory = { ...DEMO_STORIES[0]!.trajectory, shape: randomShape(random) }
    const draftScores = scoresAt(trajectory, firstOf.get(marisol)!, today, 'self', random)
    for (const domain of DOMAIN_KEYS.slice(4)) draftScores[domain] = { practice: null, own: null }
    await repo.insertAssessment(db, {
      ...completedRow({
        coachId: marisol,
        rater: 'self',
        raterAccountId: marisolAccount,
        assessedOn: today,
        scores: draftScores,
      }),
      version: 3,
      status: 'draft',
      completed_at: null,
      created_at: `${today}T08:10:00.000Z`,
      updated_at: `${today}T08:25:00.000Z`,
    })
  }

  const goal = (
    coachId: number | undefined,
    domain: Domain,
    track: Track,
    description: string,
    targetInDays: number,
    status: DevelopmentGoalsTable['status'] = 'open',
  ): NewGoal[] => {
    if (coachId === undefined) return []
    const setOn = addDays(today, -120)
    const changedOn = status === 'open' ? setOn : addDays(today, -20)
    return [
      {
        version: status === 'open' ? 1 : 2,
        coach_id: coachId,
        domain,
        track,
        description,
        target_date: addDays(today, targetInDays),
        status,
        status_changed_on: changedOn,
        created_by: supervisorId,
        created_at: `${setOn}T10:00:00.000Z`,
        updated_at: `${changedOn}T10:00:00.000Z`,
      },
    ]
  }
  await repo.insertGoals(db, [
    ...goal(marisol, 'hope', 'practice', 'Co-facilitate the Thursday family group with Sam', 60),
    ...goal(marisol, 'community', 'own', 'Keep one evening a week for the choir', -10, 'achieved'),
    ...goal(marisol, 'empowerment', 'practice', 'Mentor the two newest volunteers through their first month', 120),
    ...goal(jordan, 'empowerment', 'practice', 'Write down three things that went well after each court day', 45),
    ...goal(aisha, 'social', 'practice', 'Map the mutual-aid groups within a bus ride of the hospital', -30, 'dropped'),
    ...goal(bob, 'personal', 'own', 'Agree a phased return with his supervisor', 75),
  ])
}

function scoresOfRow(row: repo.AssessmentWithAuthorRow): Scores {
  const scores = emptyScores()
  for (const d of DOMAIN_KEYS) for (const t of TRACK_KEYS) scores[d][t] = row[`${d}_${t}`]
  return scores
}

// ---------------------------------------------------------------------------------------------------------------
// The bulk generator, for the decade-scale seed and the benchmark.

export interface BulkOptions {
  /** The last day of the history, e.g. the seed's today. */
  endOn: string
  /** An earlier last day for some coaches (the day they left). */
  until?: ReadonlyMap<number, string>
  /** Ratings per coach, self and supervisor alternating (about 1 in 100 also amended). */
  perCoach?: number
  /** How far back the history reaches, where the coach started early enough. */
  years?: number
  seed?: number
}

/**
 * Writes `perCoach` completed ratings for each coach, deterministically (the same ids and options give the same rows),
 * in transactions of about ten thousand rows: 300 coaches x 250 ratings takes a few seconds. Self-ratings name the
 * coach's account where there is one; supervisors' ratings are spread over the active supervisors. Pass the database
 * itself, not a transaction: this opens its own.
 */
export async function seedBulkAssessments(
  db: Db,
  coachIds: readonly number[],
  options: BulkOptions,
): Promise<{ assessments: number; amendments: number }> {
  const perCoach = options.perCoach ?? 250
  const years = options.years ?? 10
  const supervisors = await repo.activeSupervisorIds(db)
  if (supervisors.length === 0) throw new Error('Seeding ratings needs at least one supervisor account')
  const accounts = await repo.coachAccounts(db)
  const starts = await repo.coachStartDates(db, coachIds)
  const random = prng(options.seed ?? 16)
  let nextId = (await repo.maxAssessmentId(db)) + 1
  let written = 0
  let amendments = 0

  const batch: NewAssessment[] = []
  const supersedes: Array<[number, number]> = []
  const flush = async () => {
    if (batch.length === 0) return
    const rows = batch.splice(0)
    const pairs = supersedes.splice(0)
    await db.transaction().execute(async (trx) => {
      await repo.insertAssessments(trx, rows)
      for (const [id, by] of pairs) await repo.supersede(trx, id, by)
    })
  }

  for (const coachId of coachIds) {
    const started = starts.get(coachId)
    if (!started) throw new Error(`No coach with id ${coachId}`)
    const last = options.until?.get(coachId) ?? options.endOn
    const first = [started, addDays(last, -Math.round(years * 365.25))].sort().at(-1)!
    const span = Math.max(1, daysBetween(first, last))
    const trajectory: Trajectory = {
      start: level(3 + random() * 4, 4 + random() * 4),
      perYear: level(random() * 0.6, (random() - 0.3) * 0.4),
      shape: randomShape(random),
      selfBias: level((random() - 0.5) * 2, (random() - 0.5) * 2),
      blankChance: 0.03,
      ...(random() < 0.3
        ? {
            dip: (() => {
              const from = addDays(first, Math.floor(random() * span))
              return {
                from,
                to: addDays(from, 120 + Math.floor(random() * 240)),
                track: 'own' as const,
                depth: 2 + random() * 2,
              }
            })(),
          }
        : {}),
    }
    for (let i = 0; i < perCoach; i++) {
      const rater: Rater = i % 2 === 0 ? 'self' : 'supervisor'
      const assessedOn = addDays(first, Math.floor(((i + random() * 0.8) * span) / perCoach))
      const raterAccountId =
        rater === 'self' ? (accounts.get(coachId) ?? null) : supervisors[Math.floor(random() * supervisors.length)]!
      const row = completedRow({
        coachId,
        rater,
        raterAccountId,
        assessedOn,
        scores: scoresAt(trajectory, first, assessedOn, rater, random),
      })
      const id = nextId++
      batch.push({ ...row, id })
      written++
      if (random() < 0.01) {
        const amendmentId = nextId++
        const scores = scoresAt(trajectory, first, assessedOn, rater, random)
        batch.push({
          ...completedRow({ coachId, rater, raterAccountId, assessedOn, scores }),
          id: amendmentId,
          version: 1,
          amends_id: id,
          original_id: id,
          revision: 2,
          amendment_reason: 'Corrected after the supervision conversation',
        })
        supersedes.push([id, amendmentId])
        written++
        amendments++
      }
    }
    if (batch.length >= 10_000) await flush()
  }
  await flush()
  return { assessments: written, amendments }
}

/**
 * The growth part of a seeded office (office and decade scales): about 250 ratings for every coach over their time
 * with the office, ending when they left.
 */
export const growthSeedPart: SeedPart = {
  name: 'growth',
  async run(office) {
    const until = new Map(office.coaches.flatMap((c) => (c.leftOn ? [[c.id, c.leftOn] as const] : [])))
    const bulk = await seedBulkAssessments(
      office.db,
      office.coaches.map((c) => c.id),
      { endOn: office.today, until, perCoach: 250, years: office.scale.years, seed: 16 },
    )
    return `${bulk.assessments} ratings (${bulk.amendments} of them amendments)`
  },
}
