import type { RequirementInput, TrainingFieldsInput } from '@shared/domain/ladder'
import { quartersOf } from '@shared/domain/ladder'
import type { CareerStage } from '@shared/domain/roster'
import * as repo from '../ladder/ladder.repository'
import type { NewAttendance, NewStep } from '../ladder/ladder.table'
import type { SeedPart } from './decade'
import { addDays, daysBetween } from './random'

/** The demo's catalogue: what a small office's coaches train in, CCAR's courses first. */
export const DEMO_TRAININGS: TrainingFieldsInput[] = [
  {
    name: 'Recovery Coach Academy',
    provider: 'CCAR',
    hours: 30,
    approved: true,
    domains: ['personal', 'hope', 'connectedness'],
  },
  {
    name: 'Ethical Considerations for Recovery Coaches',
    provider: 'CCAR',
    hours: 16,
    approved: true,
    category: 'Ethics',
    domains: ['empowerment'],
  },
  {
    name: 'Recovery Coaching in the Emergency Department',
    provider: 'CCAR',
    hours: 12,
    approved: true,
    domains: ['community', 'connectedness'],
  },
  {
    name: 'Motivational Interviewing Basics',
    provider: 'State peer network',
    hours: 8,
    approved: true,
    domains: ['social', 'hope'],
  },
  {
    name: 'Naloxone and Overdose Response',
    provider: 'County health department',
    hours: 3,
    approved: true,
    domains: ['community'],
  },
  {
    name: 'Harm Reduction 101',
    provider: 'Harm reduction coalition',
    hours: 6,
    approved: true,
    domains: ['community', 'identity'],
  },
  {
    name: 'Trauma-Informed Peer Support',
    provider: 'State peer network',
    hours: 6.5,
    approved: true,
    domains: ['personal', 'empowerment'],
  },
  { name: 'Team Lunch and Learn', provider: null, hours: 1.5, approved: false, domains: ['meaning'] },
]

/** Requirement sets: the RCP as CCAR describes it, and the office's own steps into training and employment. */
export const DEMO_REQUIREMENT_SETS: Array<{ stage: CareerStage; requirements: RequirementInput[] }> = [
  {
    stage: 'training',
    requirements: [
      { kind: 'document_or_step', label: 'Volunteer agreement signed' },
      { kind: 'interview_or_signoff', label: "Supervisor's sign-off to begin training" },
    ],
  },
  {
    stage: 'rcp',
    requirements: [
      { kind: 'training_hours', label: 'Approved training', hours: 60 },
      { kind: 'document_or_step', label: 'Resume submitted' },
      { kind: 'document_or_step', label: 'Recovery account written' },
      { kind: 'interview_or_signoff', label: 'Peer panel interview passed' },
    ],
  },
  {
    stage: 'employment',
    requirements: [
      { kind: 'interview_or_signoff', label: 'Hiring interview with the office' },
      { kind: 'document_or_step', label: 'Background check cleared' },
    ],
  },
]

type Call = (channel: string, input: unknown) => Promise<unknown>

interface DemoCoach {
  id: number
  startDate: string
  status: string
  careerStage: CareerStage
}
interface SavedSet {
  stage: CareerStage
  requirements: Array<{ id: number; kind: string }>
}

/** Which trainings (by index) a coach attends, and in what order, by how far up the ladder they are. */
const PATHS: Record<CareerStage, number[]> = {
  receiving_support: [],
  volunteering: [4],
  training: [0, 1, 3, 5],
  rcp: [0, 1, 2, 3, 4, 5],
  employment: [0, 1, 2, 3, 4, 5, 6, 7],
}

/**
 * The demo's ladder, through the router as a supervisor would record it: the catalogue, the sets, each coach's
 * trainings from their start (a long course over several days), and steps toward the next stage for those on the way.
 */
export async function seedLadderDemo(call: Call, coachIds: readonly number[]): Promise<void> {
  // The office's own today, as the router's clock has it, so no attendance lands in its future.
  const { today } = (await call('ladder.office', {})) as { today: string }
  const trainings: Array<{ id: number; hours: number }> = []
  for (const training of DEMO_TRAININGS) {
    const made = (await call('trainings.create', training)) as { id: number; hours: number }
    trainings.push(made)
  }
  const sets = new Map<CareerStage, SavedSet>()
  for (const set of DEMO_REQUIREMENT_SETS) {
    sets.set(set.stage, (await call('requirements.save', { ...set, expectedVersion: 0 })) as SavedSet)
  }
  for (const [n, id] of coachIds.entries()) {
    const coach = (await call('coaches.get', { id })) as DemoCoach
    // The newest trainee has only begun; the one in training longest is nearly there.
    // Coaches at every point: the newest trainee has only begun, the longest in training is ready for the RCP, and
    // everyone else on the way has all but the last step of the next stage done.
    const starting = coach.careerStage === 'training' && coach.startDate > '2023-01-01' && n % 2 === 1
    const ready = coach.careerStage === 'training' && !starting
    const path = starting ? [0] : PATHS[coach.careerStage]
    let day = addDays(coach.startDate, 20)
    for (const index of path) {
      const training = trainings[index]!
      let left = training.hours
      while (left > 0 && day < today) {
        const hours = Math.min(left, 8)
        await call('trainings.attend', {
          coachId: id,
          trainingId: training.id,
          attendedOn: day,
          hours,
          completed: !(index === 3 && n % 4 === 3),
          note: null,
        })
        left -= hours
        day = addDays(day, left > 0 ? 1 : 30)
      }
    }
    // One training most of the team took last spring, so its evaluation has ratings on both sides to compare.
    const spring = addDays(today, -200)
    if (coach.status !== 'left' && coach.startDate < addDays(spring, -90) && n % 5 !== 4) {
      await call('trainings.attend', {
        coachId: id,
        trainingId: trainings[6]!.id,
        attendedOn: spring,
        hours: 6.5,
        completed: true,
        note: null,
      })
    }
    const next = DEMO_NEXT[coach.careerStage]
    const set = next ? sets.get(next) : undefined
    if (!set) continue
    const all = set.requirements.filter((r) => r.kind !== 'training_hours')
    const steps = starting ? [] : ready ? all : all.slice(0, -1)
    for (const [i, requirement] of steps.entries()) {
      const on = addDays(coach.startDate, 60 + i * 30)
      if (on >= today) break
      await call('ladder.recordStep', { coachId: id, requirementId: requirement.id, completedOn: on, note: null })
    }
  }
}

const DEMO_NEXT: Record<CareerStage, CareerStage | null> = {
  receiving_support: 'volunteering',
  volunteering: 'training',
  training: 'rcp',
  rcp: 'employment',
  employment: null,
}

/**
 * Years of trainings for a seeded office: the catalogue and the RCP set through the router, then every coach's
 * attendances (a few a year while they are with the office) and steps, straight through the repository in bulk.
 */
export const ladderSeedPart: SeedPart = {
  name: 'ladder',
  async run(office) {
    const { db, random } = office
    const trainingIds = await repo.insertTrainings(
      db,
      DEMO_TRAININGS.map((t) => ({
        version: 1,
        name: t.name,
        provider: t.provider ?? null,
        hours_qh: quartersOf(t.hours),
        approved: t.approved ? 1 : 0,
        category: t.category ?? null,
        domains: JSON.stringify(t.domains ?? []),
        sort_name: t.name.toLocaleLowerCase('en'),
        created_at: `${office.firstDay}T09:00:00.000Z`,
        updated_at: `${office.firstDay}T09:00:00.000Z`,
      })),
    )
    const sets: SavedSet[] = []
    for (const set of DEMO_REQUIREMENT_SETS) {
      sets.push((await office.call('requirements.save', { ...set, expectedVersion: 0 })) as SavedSet)
    }
    const recorder = office.supervisors[0]!.accountId
    const attendances: NewAttendance[] = []
    const steps: NewStep[] = []
    for (const coach of office.coaches) {
      const end = coach.leftOn ?? office.today
      const span = daysBetween(coach.startDate, end)
      const count = Math.max(1, Math.round((span / 365) * random.int(3, 8)))
      for (let i = 0; i < count; i++) {
        const index = random.int(0, trainingIds.length - 1)
        const hours = Math.min(8, DEMO_TRAININGS[index]!.hours)
        const on = addDays(coach.startDate, random.int(1, Math.max(1, span - 1)))
        attendances.push({
          coach_id: coach.id,
          training_id: trainingIds[index]!,
          attended_on: on,
          hours_qh: quartersOf(hours),
          completed: random.chance(0.9) ? 1 : 0,
          note: null,
          recorded_by: recorder,
          recorded_at: `${on}T17:00:00.000Z`,
        })
      }
      for (const set of sets) {
        for (const requirement of set.requirements.filter((r) => r.kind !== 'training_hours')) {
          if (!random.chance(0.4)) continue
          const on = addDays(coach.startDate, random.int(1, Math.max(1, span - 1)))
          steps.push({
            coach_id: coach.id,
            requirement_id: requirement.id,
            completed_on: on,
            confirmed_by: recorder,
            note: null,
            recorded_at: `${on}T12:00:00.000Z`,
          })
        }
      }
    }
    // One transaction: a seeded office is all there or not at all, and per-row commits would take minutes.
    await db.transaction().execute(async (trx) => {
      await repo.insertAttendances(trx, attendances)
      await repo.insertSteps(trx, steps)
    })
    return `${trainingIds.length} trainings, ${attendances.length} attendances, ${steps.length} ladder steps`
  },
}
